#include "sim/host_work.hpp"

#include <unordered_map>

#include "sim/run_state.hpp"

namespace lakesim::sim {
namespace {
struct HostWork {
  std::unordered_map<const sg4::Host*, double> flops;  // looked up, never iterated
};
}  // namespace

double host_work(const sg4::Host* host) {
  const auto& flops = RunState::current().get<HostWork>().flops;
  auto it = flops.find(host);
  return it == flops.end() ? 0.0 : it->second;
}

void add_host_work(const sg4::Host* host, double flops) { RunState::current().get<HostWork>().flops[host] += flops; }

}  // namespace lakesim::sim
