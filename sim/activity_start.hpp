#pragma once
// Starting SimGrid activities in one kernel call.
//
// Every s4u setter (flops, host, bound, thread count, disk, size, operation) and every start is
// a simcall: the actor hands the change to the engine and waits to be scheduled again, two
// context switches each. A service call used to make seven of them before its one wait. Here an
// activity is created in the calling actor, so that it belongs to that actor and is cancelled if
// the actor is killed, and then set up and started in a single simcall, inside which the s4u
// calls run directly. The simulated behaviour is the same; only the engine's work is less.
#include <vector>

#include <simgrid/s4u.hpp>

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

struct ExecRequest {
  sg4::Host* host = nullptr;
  double flops = 0;   // per thread
  double bound = -1;  // flop/s, -1 for none
  int threads = 1;    // cores it occupies at once
};

// Starts one execution; the caller waits for it with wait_exec (or not). Until it has, the
// caller's waits on a sim::Wakeup do not suspend it, which would suspend the execution too.
sg4::ExecPtr start_exec(const ExecRequest& request);
// Starts several executions at the same instant, in order, with one kernel call.
std::vector<sg4::ExecPtr> start_execs(const std::vector<ExecRequest>& requests);
// Waits for an execution that start_exec or start_execs started, which then no longer counts as
// in flight (also when it fails).
void wait_exec(const sg4::ExecPtr& exec);
// Starts a disk read or write of `bytes`; it counts as in flight for the rest of the actor's life.
sg4::IoPtr start_io(sg4::Disk* disk, double bytes, sg4::Io::OpType op);

}  // namespace lakesim::sim
