#pragma once
// Work completed on each host in the run in progress: the flops of executions SimGrid ran to
// completion (work lost with a failed host is not counted) and the work the closed-form models
// computed instead of running executions (sim/shared_cpu.hpp, SQL warehouses).
#include <simgrid/s4u.hpp>

namespace lakesim::sim {
namespace sg4 = simgrid::s4u;

// Flops completed on `host` so far.
double host_work(const sg4::Host* host);
// Counts work computed outside SimGrid's executions on `host`.
void add_host_work(const sg4::Host* host, double flops);

}  // namespace lakesim::sim
