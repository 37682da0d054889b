#include "sim/host_work.hpp"

#include "sim/host_slot.hpp"

namespace lakesim::sim {
namespace {
struct HostWork {
  double flops = 0;
};
}  // namespace

double host_work(const sg4::Host* host) { return host_slot<HostWork>(host).flops; }

void add_host_work(const sg4::Host* host, double flops) { host_slot<HostWork>(host).flops += flops; }

}  // namespace lakesim::sim
