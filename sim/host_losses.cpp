#include "sim/host_losses.hpp"

#include <unordered_map>

#include "sim/run_state.hpp"

namespace lakesim::sim {
namespace {
struct HostLosses {
  std::unordered_map<const sg4::Host*, std::uint64_t> count;
  std::uint64_t all = 0;
};
}  // namespace

void watch_host_losses() {
  static const bool connected = [] {
    sg4::Host::on_state_change_cb([](const sg4::Host& h) {
      if (h.is_on() || !RunState::active()) return;
      HostLosses& losses = RunState::current().get<HostLosses>();
      ++losses.count[&h];
      ++losses.all;
    });
    return true;
  }();
  (void)connected;
}

std::uint64_t host_losses(const sg4::Host* host) {
  const auto& count = RunState::current().get<HostLosses>().count;
  auto it = count.find(host);
  return it == count.end() ? 0 : it->second;
}

std::uint64_t all_host_losses() { return RunState::current().get<HostLosses>().all; }

}  // namespace lakesim::sim
