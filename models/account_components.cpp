#include "models/account_components.hpp"

namespace lakesim::models {

const Component& kms_component() {
  static const Component c{"customer_managed_key", "Customer-Managed Key (KMS)",
                           "Encrypts notebooks, workspace files and workspace storage with the customer's key",
                           "Customer's AWS account (KMS)", Plane::Data, "Replicate the key to the secondary region",
                           Archetype::Service};
  return c;
}

const Component& relay_component() {
  static const Component c{"scc_relay", "Secure Cluster Connectivity Relay",
                           "Lets classic compute without public IPs reach the control plane",
                           "Databricks control services", Plane::Control, "Managed by Databricks per region",
                           Archetype::Service};
  return c;
}

const Component& privatelink_endpoint_component() {
  static const Component c{"privatelink_endpoint", "Back-end PrivateLink Endpoint",
                           "Carries classic compute's control-plane and relay traffic inside AWS instead of the Internet",
                           "Customer's VPC (interface endpoint) to Databricks endpoint service", Plane::Control,
                           "Create the endpoints in the secondary region's VPC", Archetype::Service};
  return c;
}

const Component& classic_compute_component() {
  static const Component c{"classic_compute", "Classic Compute", "Clusters in the customer's VPC",
                           "Customer's AWS account (EC2)", Plane::Data, "Recreate clusters from policies in the secondary region",
                           Archetype::ComputePool};
  return c;
}

}  // namespace lakesim::models
