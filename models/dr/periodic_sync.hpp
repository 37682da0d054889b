#pragma once
// A copy made on a schedule (Delta deep clone, metadata export, Git sync): at offset, offset +
// every, ... a sync job takes the source's writes made since the last successful sync, starts
// (`startup`), and copies them either in a fixed time or through a simulated transfer. Its writes
// reach the replica together when the job ends; a job that fails leaves them for the next one,
// which copies everything since the last success. The source's writes and their arrivals are
// kept in its ReplicaLedger, so the loss at any instant follows from the same accounting as S3
// replication's.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/dr/replica_ledger.hpp"
#include "scenario/dr_spec.hpp"

namespace lakesim::models {

namespace sg4 = simgrid::s4u;

// One run of a sync job, for the timeline.
struct SyncRecord {
  double start = 0;  // the scheduled instant it began at
  double end = 0;    // when it finished (copied or failed)
  bool ok = false;
  std::uint64_t writes = 0;  // source writes it carried
  double bytes = 0;
};

class PeriodicSync {
 public:
  // Moves `bytes` from the source to the destination inside the sync's actor (a simulated
  // transfer); returns false when either end is unreachable.
  using Copy = std::function<bool(double bytes)>;
  using Observer = std::function<void(double start, double end, bool ok, std::uint64_t writes, double bytes)>;

  // `runner` hosts the sync actor: a host no fault takes down, since the scheduler outlives
  // either region. `copy` may be empty when the spec gives a fixed copy_time.
  PeriodicSync(std::string name, sim::PeriodicSyncSpec spec, ReplicaLedger& ledger, sg4::Host* runner, Copy copy);

  void set_on_sync(Observer observer) { on_sync_ = std::move(observer); }
  // Creates the (daemonized) sync actor; syncs are scheduled at instants before `horizon`.
  // Does nothing when the spec is not enabled.
  void start(double horizon);

  const std::string& name() const { return name_; }
  const sim::PeriodicSyncSpec& spec() const { return spec_; }
  std::uint64_t syncs() const { return records_.size(); }  // jobs run, successful or not
  std::uint64_t failed_syncs() const { return failed_; }
  double copied_bytes() const { return copied_bytes_; }
  std::uint64_t synced() const { return synced_; }  // the source's writes with id below this are copied
  const std::vector<SyncRecord>& records() const { return records_; }

 private:
  void run(double horizon);
  void sync_once();

  std::string name_;
  sim::PeriodicSyncSpec spec_;
  ReplicaLedger& ledger_;
  sg4::Host* runner_;
  Copy copy_;
  Observer on_sync_;
  std::uint64_t synced_ = 0;
  std::uint64_t failed_ = 0;
  double copied_bytes_ = 0;
  std::vector<SyncRecord> records_;
};

}  // namespace lakesim::models
