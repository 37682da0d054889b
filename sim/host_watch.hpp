#pragma once
// Waiting out a span of simulated time on a set of hosts, unless one of them goes down first.
//
// For work whose duration is known in advance (an SQL warehouse query's execution, which owns
// its share of its instances' cores whatever else runs), this replaces executions: one wake-up
// instead of an execution per part and a wait for each, with the same end and the same failure
// instant. SimGrid allows one engine per process, so the watch is process-wide.
#include <vector>

#include <simgrid/s4u.hpp>

#include "sim/wakeup.hpp"

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

// Blocks the calling actor for `seconds`. Throws SimGrid's HostFailureException at once if one
// of `hosts` is off, or at the instant the first of them goes down meanwhile.
void wait_while_up(const std::vector<sg4::Host*>& hosts, double seconds);
// The same on the caller's wake-up `wake`, which others may signal to end the wait early (work
// shared with other callers whose end moves when they come and go). Returns at the timeout or the
// signal, whichever is first; throws as above when a host is or goes down.
void wait_while_up(const std::vector<sg4::Host*>& hosts, double seconds, const WakeupPtr& wake);

}  // namespace lakesim::sim
