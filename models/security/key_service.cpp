#include "models/security/key_service.hpp"

#include "scenario/catalog.hpp"

namespace lakesim::models {

KeyService::KeyService(std::string region, sg4::Host* host, ServiceConfig config)
    : Service(component(ComponentId::CustomerManagedKey), std::move(region), {host}, config) {}

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

const std::vector<ComponentId>& managed_services_under_key() {
  static const std::vector<ComponentId> ids = {ComponentId::NotebookSourceCode, ComponentId::NotebookOutputs,
                                               ComponentId::WorkspaceFiles, ComponentId::ReposGitIntegration};
  return ids;
}

const std::vector<ComponentId>& workspace_storage_under_key() {
  static const std::vector<ComponentId> ids = {ComponentId::DbfsRoot, ComponentId::ManagedTables,
                                               ComponentId::UnityCatalogManagedStorage};
  return ids;
}

}  // namespace lakesim::models
