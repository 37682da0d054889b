#pragma once
// Per-host state of one kind for the run in progress, reached from the host in a pointer read.
//
// The run's modules keep state per host (routes from it, its shared CPU, its downlink, its work).
// Hash maps keyed by host cost a hash and, once a platform has thousands of hosts, cache misses
// on every look-up; a slot is one of SimGrid's host extensions holding a pointer to the state,
// which the run owns (sim/run_state.hpp) so that it outlives the engine like the rest of it.
#include <deque>

#include <simgrid/s4u/Host.hpp>

#include "sim/run_state.hpp"

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

// The states of kind `T` of the run's hosts, in a deque so that their addresses stay valid.
template <class T>
struct HostSlots {
  std::deque<T> items;
};

// The state of kind `T` of `host` in the run in progress, value-initialised on first use.
template <class T>
T& host_slot(const sg4::Host* host) {
  // The host only points at the state: the extension's deleter leaves it to the run.
  static const simgrid::xbt::Extension<sg4::Host, T> id = sg4::Host::extension_create<T>([](void*) {});
  T* state = host->extension(id);
  if (state == nullptr) {
    state = &RunState::current().get<HostSlots<T>>().items.emplace_back();
    const_cast<sg4::Host*>(host)->extension_set(id, state, false);
  }
  return *state;
}

}  // namespace lakesim::sim
