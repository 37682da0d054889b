#pragma once
// S3 cross-region replication of one dataset: every successful write to the source region's
// dataset gets an id and a time; its copy becomes due in the destination region after a lag
// drawn from a named random stream ("replication/<dataset>"), the latency floor. One actor per
// dataset drains the queue of due copies as a queue under load: it takes every copy due, up to
// about a second of the bucket's throughput, and moves their bytes as one flow from the source
// region's S3 endpoint to the destination's, across the WAN link, sharing the link with every
// other flow on it; a batch lasts at least its bytes over the bucket's throughput (the route's
// latency overlapping, as S3 copies many objects at once). A burst therefore builds a
// backlog that drains at that throughput, and the lag of its copies grows with it. A batch whose
// source or destination is unreachable stays queued and is retried, so it arrives after
// recovery. The writes are kept in a ReplicaLedger so that the loss at any instant can be
// computed afterwards; the time each copy took is held against RTC's 15-minute objective.
#include <cstdint>
#include <queue>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/archetypes/dataset.hpp"
#include "models/dr/replica_ledger.hpp"
#include "scenario/workload_spec.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::models {

// How long S3 takes to replicate one object, in seconds. The built-in models are estimates
// fitted to the S3 User Guide's wording (docs/scenario-format.md, `replication`):
//  - without RTC, "the majority of objects replicate within 15 minutes, but they can sometimes
//    take a couple of hours": a mixture of a log-normal body (median 5 min, sigma 0.7; 96%) and
//    a slow log-normal tail (median 90 min, sigma 0.5; 4%): about 90% within 15 minutes, about
//    3% over an hour, about 1% over two hours;
//  - with RTC, "most objects in seconds, 99.99% within 15 minutes": a log-normal with median
//    10 s and sigma 1.0, whose 99.99th percentile is about 7 minutes.
class ReplicationLag {
 public:
  static ReplicationLag standard(bool rtc);
  static ReplicationLag from(const sim::Distribution& lag);  // a scenario's override
  double draw(sim::RandomStream& rng) const;

 private:
  struct LogNormal {
    double median = 0;
    double sigma = 0;
  };
  bool override_ = false;
  sim::Distribution distribution_;
  LogNormal body_;
  LogNormal tail_;
  double tail_weight_ = 0;
};

class S3Replication {
 public:
  // `runner` hosts the replication actor: a host no fault takes down, since the actor stands
  // for S3's own machinery rather than for anything in the regions.
  // `throughput`: the most this bucket's copies move, bytes per second. `stream`: the name of the
  // lags' random stream, "replication/<dataset>" when empty.
  S3Replication(Dataset& source, Dataset& destination, ReplicationLag lag, std::uint64_t seed, sg4::Host* runner,
                double throughput, const std::string& stream = "", double retry_interval = 60);

  // RTC's objective: 99.99% of objects within 15 minutes; the only value S3 accepts.
  static constexpr double kObjectiveSeconds = 900;
  ~S3Replication();
  S3Replication(const S3Replication&) = delete;
  S3Replication& operator=(const S3Replication&) = delete;

  // Called by the source dataset after each write that stored data.
  void record(double time, double bytes);
  void start();  // creates the replication actor

  ReplicationLoss loss_at(double t) const { return ledger_.loss_at(t); }

  const Dataset& source() const { return source_; }
  const Dataset& destination() const { return destination_; }
  const std::string& dataset() const { return dataset_; }
  std::uint64_t writes() const { return ledger_.size(); }
  double written_bytes() const { return ledger_.written_bytes(); }
  std::uint64_t replicated() const { return ledger_.arrived(); }
  double replicated_bytes() const { return ledger_.arrived_bytes(); }
  std::uint64_t retries() const { return retries_; }  // copies that found a region or the link down
  // Not yet replicated: queued, or in the batch under way (the run may end during its copy).
  std::size_t pending() const { return queue_.size() + in_flight_; }
  double throughput() const { return throughput_; }
  std::uint64_t batches() const { return batches_; }  // flows that carried copies
  // The most bytes and writes written and not yet replicated at once (S3's "bytes pending
  // replication" metric).
  double peak_pending_bytes() const { return peak_pending_bytes_; }
  std::uint64_t peak_pending_writes() const { return peak_pending_writes_; }
  // Copies that took longer than the objective, and copies still pending at `end` that are older
  // than it.
  std::uint64_t missed_objective(double end) const;
  const std::vector<ReplicatedWrite>& log() const { return ledger_.entries(); }
  const ReplicaLedger& ledger() const { return ledger_; }

 private:
  void drain();
  // Moves the batch's copies as one flow; false when a region or the link is down.
  bool deliver(const std::vector<std::uint64_t>& batch, double bytes);

  // Pending copies, earliest due first (ties by write order).
  struct Due {
    double due;
    std::uint64_t id;
    bool operator>(const Due& o) const { return due > o.due || (due == o.due && id > o.id); }
  };

  Dataset& source_;
  Dataset& destination_;
  std::string dataset_;
  ReplicationLag lag_;
  sim::RandomStream rng_;
  sg4::Host* runner_;
  double throughput_;
  double retry_interval_;
  ReplicaLedger ledger_;  // the ids of the pending copies are the ledger's
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> queue_;
  sg4::MutexPtr mutex_;
  sg4::ConditionVariablePtr wake_;
  std::size_t in_flight_ = 0;  // copies of the batch being delivered
  std::uint64_t retries_ = 0;
  std::uint64_t batches_ = 0;
  double pending_bytes_ = 0;
  double peak_pending_bytes_ = 0;
  std::uint64_t peak_pending_writes_ = 0;
};

}  // namespace lakesim::models
