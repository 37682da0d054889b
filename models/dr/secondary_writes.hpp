#pragma once
// What users write in the DR secondary while it serves them, and what becomes of it when they
// return. After a failover the primary's users commit to the replicas of its Delta tables; each
// such commit is recorded per table. With reverse replication configured (`replication.reverse`),
// each commit's bytes are copied back to the primary's bucket through a queue like S3
// replication's (same lag floor and throughput, stream "replication/reverse/<table>"), which
// drains once the primary is reachable again; with `replication.failback_waits`, a failback
// waits until every commit made before it began has been copied back. When users return, a secondary commit is
// `returned` if it and every earlier one of the same stay had reached the primary (the primary can replay the commits
// in order up to the first gap), and `divergent` otherwise: the primary lacks it, and its table goes on from its own
// last version.
#include <cstdint>
#include <memory>
#include <vector>

#include "models/deployment.hpp"
#include "models/dr/replica_ledger.hpp"
#include "models/dr/s3_replication.hpp"

namespace lakesim::models {

// One stay of the users in the secondary.
struct SecondaryStay {
  double from = 0;    // users moved to the secondary
  double until = -1;  // users moved home; -1: they had not by the run's end
  double waited = 0;  // seconds the failback waited for the reverse backlog
};

// One table's commits in the secondary during a stay, at its end (or the run's end).
struct SecondaryTableWrites {
  std::uint64_t written = 0;  // commits made in the replica during the stay
  std::uint64_t returned = 0;
  std::uint64_t divergent = 0;
  double written_bytes = 0;
  double returned_bytes = 0;
  double divergent_bytes = 0;
  std::uint64_t replica_commits = 0;  // the replica table's own count of commits in the stay (a cross-check)
};

class SecondaryWrites {
 public:
  // Must be built before the simulation runs, so that every commit is observed.
  explicit SecondaryWrites(Deployment& deployment);
  ~SecondaryWrites();
  void start();  // the reverse replication actors

  struct Table {
    const DeltaTable* primary = nullptr;
    const DeltaTable* replica = nullptr;
    ReplicaLedger own;                       // without reverse replication: nothing arrives
    std::unique_ptr<S3Replication> reverse;  // with it
    const ReplicaLedger& ledger() const { return reverse ? reverse->ledger() : own; }
  };

  bool reverse() const { return reverse_; }
  bool failback_waits() const { return waits_; }
  const std::vector<SecondaryStay>& stays() const { return stays_; }
  const std::vector<std::unique_ptr<Table>>& tables() const { return tables_; }
  // Table `i`'s commits during `stay`, judged at its end (`end` when users had not returned).
  SecondaryTableWrites at_return(std::size_t i, const SecondaryStay& stay, double end) const;

 private:
  void moved(bool to_secondary);
  void wait_for_backlog();

  bool reverse_ = false;
  bool waits_ = false;
  std::vector<std::unique_ptr<Table>> tables_;
  std::vector<SecondaryStay> stays_;
  double waiting_since_ = -1;
};

}  // namespace lakesim::models
