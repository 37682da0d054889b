#pragma once
// The write accounting of one protected data component: every write to the source gets an id
// (its index, in write order) and a time, and is marked when its copy reaches the replica. The
// copy mechanism (S3 replication object by object, a periodic sync in batches) does the marking;
// the ledger answers what a loss of the source at any instant would have cost.
#include <cstdint>
#include <vector>

namespace lakesim::models {

// One write to the source and what became of its copy.
struct ReplicatedWrite {
  std::uint64_t id = 0;
  double time = 0;  // when the write completed in the source region
  double bytes = 0;
  double due = 0;       // when the copy mechanism starts copying it (time + lag for S3 replication)
  double arrived = -1;  // when the copy completed in the destination; -1 while it has not
};

// The state of the replica at one instant t, for the writes made before t.
struct ReplicationLoss {
  std::uint64_t written = 0;   // writes before t
  std::uint64_t survived = 0;  // of those, replicated by t
  std::uint64_t lost = 0;      // of those, not replicated by t
  std::uint64_t returned = 0;  // of the lost, replicated later (after t) during the run
  double written_bytes = 0;
  double survived_bytes = 0;
  double lost_bytes = 0;
  double returned_bytes = 0;
  // The observed RPO: t minus the time of the oldest write the replica lacks at t. The replica
  // holds the source's state as it was just before that write, so everything written since is
  // lost; 0 when nothing is.
  double rpo = 0;
  bool balanced() const { return written == survived + lost && returned <= lost; }
};

class ReplicaLedger {
 public:
  // Writes come in time order (the simulated clock never goes back), which loss_at relies on.
  // Returns the write's id. Without a `due` time the copy is taken to be due at once.
  std::uint64_t record(double time, double bytes) { return record(time, bytes, time); }
  std::uint64_t record(double time, double bytes, double due);
  // The copy of write `id` completed at t. A copy arrives once.
  void arrive(std::uint64_t id, double t);
  // Every write with id < end whose copy has not arrived yet arrives at t (a batch copy).
  void arrive_through(std::uint64_t end, double t);

  ReplicationLoss loss_at(double t) const;

  const std::vector<ReplicatedWrite>& entries() const { return entries_; }
  std::uint64_t size() const { return entries_.size(); }
  double written_bytes() const { return written_bytes_; }
  std::uint64_t arrived() const { return arrived_; }  // copies completed so far
  double arrived_bytes() const { return arrived_bytes_; }

 private:
  void mark(ReplicatedWrite& w, double t);

  std::vector<ReplicatedWrite> entries_;  // indexed by id
  double written_bytes_ = 0;
  std::uint64_t arrived_ = 0;
  double arrived_bytes_ = 0;
  std::uint64_t all_arrived_below_ = 0;  // every id below this has arrived: batch copies start here
};

}  // namespace lakesim::models
