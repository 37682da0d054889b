#include "models/transfer.hpp"

#include <cmath>

#include "models/failure.hpp"

namespace lakesim::models {

void transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes, const std::string& where) {
  if (!from->is_on() || !to->is_on()) throw RequestFailed(FailureCause::HostDown, where);
  translate_failures(where, [&] {
    simgrid::s4u::Comm::sendto(from, to, static_cast<std::uint64_t>(std::llround(std::max(0.0, bytes))));
  });
}

}  // namespace lakesim::models
