#include "models/transfer.hpp"

#include "models/failure.hpp"
#include "sim/network_transfers.hpp"

namespace lakesim::models {

namespace {

// Moves something between two hosts with `move`. SimGrid 3.32 aborts when a host-to-host transfer
// starts from or to a host that is off, so both ends are checked first; its failures become
// RequestFailed, and an end's host failing (which it reports as a network failure) is host_down.
template <class Move>
void between(simgrid::s4u::Host* from, simgrid::s4u::Host* to, const std::string& where, Move&& move) {
  if (!from->is_on() || !to->is_on()) throw RequestFailed(FailureCause::HostDown, where);
  translate_failures(where, [&] {
    try {
      move();
    } catch (const simgrid::Exception&) {
      if (!from->is_on() || !to->is_on()) throw RequestFailed(FailureCause::HostDown, where);
      throw;
    }
  });
}

}  // namespace

void transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes, const std::string& where) {
  between(from, to, where, [&] { sim::send_message(from, to, bytes); });
}

void round_trip(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double request_bytes, double response_bytes,
                const std::string& where) {
  if (!sim::carried_without_flow(request_bytes) || !sim::carried_without_flow(response_bytes)) {
    transfer(from, to, request_bytes, where);  // each flow checks its ends as it starts
    transfer(to, from, response_bytes, where);
    return;
  }
  between(from, to, where, [&] { sim::send_round_trip_without_flow(from, to, request_bytes, response_bytes); });
}

}  // namespace lakesim::models
