#include "models/transfer.hpp"

#include "models/failure.hpp"
#include "sim/network_transfers.hpp"

namespace lakesim::models {

void transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes, const std::string& where) {
  if (!from->is_on() || !to->is_on()) throw RequestFailed(FailureCause::HostDown, where);
  translate_failures(where, [&] {
    try {
      sim::send_message(from, to, bytes);
    } catch (const simgrid::Exception&) {
      // A host-to-host transfer reports an end's host failing as a network failure.
      if (!from->is_on() || !to->is_on()) throw RequestFailed(FailureCause::HostDown, where);
      throw;
    }
  });
}

void round_trip(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double request_bytes, double response_bytes,
                const std::string& where) {
  if (!sim::carried_without_flow(request_bytes) || !sim::carried_without_flow(response_bytes)) {
    transfer(from, to, request_bytes, where);
    transfer(to, from, response_bytes, where);
    return;
  }
  if (!from->is_on() || !to->is_on()) throw RequestFailed(FailureCause::HostDown, where);
  translate_failures(where, [&] {
    try {
      const sim::NetworkRoute& there = sim::network_route(from, to);
      const sim::NetworkRoute& back = sim::network_route(to, from);
      sim::message_leaves(there);
      simgrid::s4u::this_actor::sleep_for(there.idle_time(request_bytes) + back.idle_time(response_bytes));
      sim::message_arrives(there, request_bytes);
      sim::message_arrives(back, response_bytes);
    } catch (const simgrid::Exception&) {
      if (!from->is_on() || !to->is_on()) throw RequestFailed(FailureCause::HostDown, where);
      throw;
    }
  });
}

}  // namespace lakesim::models
