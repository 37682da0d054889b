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

}  // namespace lakesim::models
