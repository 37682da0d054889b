#include "models/security/key_service.hpp"

#include "models/account_components.hpp"

namespace lakesim::models {

KeyService::KeyService(std::string region, sg4::Host* host, ServiceConfig config)
    : Service(kms_component(), std::move(region), {host}, config) {}

void KeyService::use(sg4::Host* client) {
  if (revoked_) {
    count_failure(FailureCause::KeyUnavailable);
    throw RequestFailed(FailureCause::KeyUnavailable, label() + " (revoked)");
  }
  try {
    call(client);
  } catch (const RequestFailed& failure) {
    throw RequestFailed(FailureCause::KeyUnavailable, label() + " (" + to_string(failure.cause()) + ")");
  }
}

const std::vector<std::string_view>& managed_services_under_key() {
  static const std::vector<std::string_view> ids = {"notebook_source_code", "notebook_outputs", "workspace_files",
                                                    "repos_git_integration"};
  return ids;
}

const std::vector<std::string_view>& workspace_storage_under_key() {
  static const std::vector<std::string_view> ids = {"dbfs_root", "managed_tables", "unity_catalog_managed_storage"};
  return ids;
}

}  // namespace lakesim::models
