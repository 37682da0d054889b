#pragma once
// How many times each host has gone down in the run in progress. A host that goes down and comes
// back is a new instance: what it held on local disk (Spark shuffle files) is gone, even though
// it is on again. Comparing a count taken when data was written with the count now tells
// whether the data survived.
#include <cstdint>

#include <simgrid/s4u.hpp>

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

// Starts counting (SimGrid's state signal is process-wide: connected once, at first use). Call
// it before the losses to be counted can happen, for example when the data is written.
void watch_host_losses();
// Times `host` has gone down in this run since counting started.
std::uint64_t host_losses(const sg4::Host* host);
// Times any host has gone down in this run since counting started: a cheap test of whether
// anything was lost since an earlier reading.
std::uint64_t all_host_losses();

}  // namespace lakesim::sim
