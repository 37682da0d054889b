#pragma once
// A message or bulk transfer between two hosts as a request hop (small messages take the idle
// route's time without a flow: sim/network_transfers.hpp). SimGrid 3.32 aborts when a
// host-to-host transfer starts from or to a host that is off, so both ends are checked first,
// in the same instant; failures during the transfer become RequestFailed.
#include <string>

#include <simgrid/s4u.hpp>

namespace lakesim::models {

void transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes, const std::string& where);

// A request from `from` to `to` and its response, as a request hop: one wait when both travel
// without a flow (sim::send_round_trip_without_flow), else two transfers.
void round_trip(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double request_bytes, double response_bytes,
                const std::string& where);

}  // namespace lakesim::models
