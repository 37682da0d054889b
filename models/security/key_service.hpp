#pragma once
// The customer-managed key of one region, in the customer's KMS. Every read or write of data the
// key protects first uses it (S3 SSE-KMS and Databricks' managed-services encryption both ask KMS
// for a data key per operation), so a KMS outage or a revoked key stops exactly those operations;
// work already holding its data in memory goes on.
#include <string_view>
#include <vector>

#include "models/archetypes/service.hpp"
#include "scenario/catalog.hpp"

namespace lakesim::models {

class KeyService : public Service {
 public:
  KeyService(std::string region, sg4::Host* host, ServiceConfig config);

  // One use of the key from `client`; throws RequestFailed(KeyUnavailable) when KMS does not
  // answer or the key is revoked.
  void use(sg4::Host* client);
  void set_revoked(bool revoked) { revoked_ = revoked; }
  bool revoked() const { return revoked_; }

 private:
  bool revoked_ = false;
};

// Catalogue ids of what the key protects, each list under its own switch of `security.cmk`:
// managed services (notebooks, workspace files, repos, notebook results), decrypted by the
// control plane; workspace storage (DBFS root, managed tables, Unity Catalog managed storage),
// by S3 with SSE-KMS.
const std::vector<ComponentId>& managed_services_under_key();
const std::vector<ComponentId>& workspace_storage_under_key();

}  // namespace lakesim::models
