#pragma once
// Records of one kind kept per host for the run in progress, found from the host in one step.
//
// Why: the run's per-host state (what may enter a host, its computed downlink, an S3 client's
// routes) was kept in hash maps keyed by host. At thousands of hosts each look-up was a miss into
// a large table, several per request. Here a slot of the host's own extension vector (SimGrid's
// host extensions) points at the record.
//
// The run owns the records (they live with its state, sim/run_state.hpp, which outlives the
// engine), so the host's extension points at them without owning them; a host is created with
// each run's platform, so it never points into another run's records. One container per kind
// of record and run: the kind names the extension slot.
#include <cstddef>
#include <deque>
#include <utility>

#include <simgrid/s4u/Host.hpp>

namespace lakesim::sim {

template <class T>
class HostRecords {
 public:
  HostRecords() = default;
  HostRecords(const HostRecords&) = delete;
  HostRecords& operator=(const HostRecords&) = delete;

  // The host's record, or null when it has none.
  T* find(const simgrid::s4u::Host* host) const { return static_cast<T*>(host->extension(slot())); }

  // The host's record; made from `args` when it has none.
  template <class... Args>
  T& get(const simgrid::s4u::Host* host, Args&&... args) {
    if (T* found = find(host)) return *found;
    T& made = records_.emplace_back(std::forward<Args>(args)...);
    // SimGrid's extension setter is not const; the host itself is not changed.
    const_cast<simgrid::s4u::Host*>(host)->extension_set(slot(), &made, false);
    return made;
  }

  // Every record, in the order they were made.
  const std::deque<T>& all() const { return records_; }

 private:
  static std::size_t slot() {
    static const std::size_t id = simgrid::s4u::Host::extension_create([](void*) {});
    return id;
  }

  std::deque<T> records_;  // a deque: records keep their addresses as it grows
};

}  // namespace lakesim::sim
