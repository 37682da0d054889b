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

}  // namespace lakesim::models
