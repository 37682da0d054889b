#pragma once
// The continuous replication of Databricks Managed Disaster Recovery: what the failover groups
// protect (Unity Catalog metadata, managed Delta tables commit by commit, workspace assets) is
// copied from the primary region to the secondary by the platform. Each protected item is a
// stream of writes kept in a ReplicaLedger. With a fixed lag (`dr.managed.replication_lag`, a
// configured input) every write is picked up that long after it was made; otherwise (simulated)
// a replication cycle every `replication_cycle` seconds picks up what was written since the last.
// Either way the bytes picked up cross the inter-region network as one simulated transfer from
// the primary's S3 endpoint to the secondary's, and arrive when it ends; the copy reads the primary
// and writes the secondary, so while either region's S3 is unavailable the writes wait. Copies
// arrive in write order, so a table's commits reach the secondary as a consistent prefix.
//
// The replication point at t is the instant before which every write has reached the secondary
// by t (t itself when nothing is pending): a forced failover promotes the secondary at its
// replication point, a planned one first waits until the point passes the failover's start.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/deployment.hpp"
#include "models/dr/replica_ledger.hpp"

namespace lakesim::models {

namespace sg4 = simgrid::s4u;

// One protected item and its writes.
struct ManagedStream {
  std::string group;  // the failover group
  std::string kind;   // "managed_table", "uc_metadata", "workspace_assets"
  std::string name;   // the table, or the store's label
  ReplicaLedger ledger;
};

// The replication point at one instant, for the timeline.
struct ReplicationPointSample {
  double time = 0;
  double point = 0;
};

class ManagedReplication {
 public:
  ManagedReplication(Deployment& deployment, const sim::DrSpec& spec);
  ~ManagedReplication();
  ManagedReplication(const ManagedReplication&) = delete;
  ManagedReplication& operator=(const ManagedReplication&) = delete;

  // A new stream; its writes are given to record(). Before the simulation runs.
  std::size_t add(const std::string& group, const std::string& kind, const std::string& name);
  void record(std::size_t stream, double time, double bytes);
  void start(double horizon);  // the replication actor

  // The replication point at t, from the ledgers (any t, also after the run).
  double point_at(double t) const;
  // Blocks the calling actor until every write made before `target` has reached the secondary,
  // or until `horizon`; returns whether it did.
  bool await(double target, double horizon);
  // The secondary was promoted: the replication relationship ends, and what was not copied by
  // now never reaches it.
  void stop();
  bool stopped() const { return stopped_; }

  const std::vector<std::unique_ptr<ManagedStream>>& streams() const { return streams_; }
  const std::vector<ReplicationPointSample>& samples() const { return samples_; }
  const sim::ManagedDrSpec& spec() const { return spec_.managed; }
  double replicated_bytes() const { return replicated_bytes_; }
  std::uint64_t transfers() const { return transfers_; }
  std::uint64_t stalled() const { return stalled_; }  // pick-ups that found a region's S3 unavailable

 private:
  void run(double horizon);
  // Copies every pending write made before `before` (all of them when `before` < 0); false when
  // a region's S3 or the network between them is unavailable.
  bool copy(double before);
  bool pending() const;
  double earliest_pending() const;  // the time of the oldest write not yet copied
  void sample();

  Deployment& deployment_;
  const sim::DrSpec& spec_;
  std::vector<std::unique_ptr<ManagedStream>> streams_;
  std::vector<std::uint64_t> copied_;  // per stream: writes with a lower id have arrived
  std::vector<ReplicationPointSample> samples_;
  sg4::MutexPtr mutex_;
  sg4::ConditionVariablePtr written_;  // a write was recorded
  sg4::ConditionVariablePtr arrived_;  // copies arrived
  double replicated_bytes_ = 0;
  std::uint64_t transfers_ = 0;
  std::uint64_t stalled_ = 0;
  bool stopped_ = false;
};

}  // namespace lakesim::models
