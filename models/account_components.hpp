#pragma once
// Components a deployment choice adds to the architecture besides the catalogue's 38 rows: the
// customer's KMS key (customer-managed keys), the secure cluster connectivity relay, the back-end
// PrivateLink endpoint, and classic compute in the customer's VPC. They are deployed and reported like catalogue components but are
// not part of the catalogue, which stays the seed's matrix.
#include "models/catalog.hpp"

namespace lakesim::models {

const Component& kms_component();
const Component& relay_component();
const Component& privatelink_endpoint_component();
const Component& classic_compute_component();

}  // namespace lakesim::models
