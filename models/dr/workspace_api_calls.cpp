#include "models/dr/workspace_api_calls.hpp"

#include <algorithm>

#include "models/failure.hpp"

namespace lakesim::models {

namespace {
// A call the control plane refuses is tried again after this pause (Terraform's providers retry
// with back-off; the figure is an estimate).
constexpr double kRetryPause = 30;
}  // namespace

bool WorkspaceApiCalls::call(double horizon, std::uint64_t& failed, const std::function<void()>& with_call) {
  sg4::Host* terraform = deployment_.platform().external(sim::ExternalSystem::Terraform);
  Service* apis = deployment_.region(spec_.secondary).services.at(ComponentId::WorkspaceApis);
  while (sg4::Engine::get_clock() < horizon) {
    // Wait for the rate limit's next slot, then make the call and wait out its processing.
    const double slot = std::max(sg4::Engine::get_clock(), next_slot_);
    next_slot_ = slot + 1 / spec_.iac_api_rate;
    sg4::this_actor::sleep_until(slot);
    try {
      apis->call(terraform);
      if (with_call) with_call();
      sg4::this_actor::sleep_for(spec_.iac_call_latency);
      return true;
    } catch (const RequestFailed&) {
      ++failed;
      sg4::this_actor::sleep_for(kRetryPause);
    }
  }
  return false;
}

}  // namespace lakesim::models
