#pragma once
// A Delta table as the secondary region could recover it at an instant t. A version is
// recoverable only when its transaction-log entry and the data files it adds are both there
// (copied by t, or present before the run); a reader of the secondary's copy replays the log from
// the start and stops at the first version it cannot read, so the recovered table is the longest
// prefix of recoverable versions. A version whose log entry arrived without its files (or the
// reverse) is torn: a reader would fail on it, or never see the files. A checkpoint is usable only
// if its own file arrived and the version it summarises is in the recovered prefix.
#include <cstdint>

#include "models/dr/replica_ledger.hpp"
#include "models/storage/delta_table.hpp"

namespace lakesim::models {

struct TableRecovery {
  // In versions: survived = the recovered prefix, lost = every later version made before t (with
  // their data bytes), rpo = t minus the time of the first version not recovered (0 when none),
  // returned = lost versions the secondary recovered later in the run.
  ReplicationLoss versions;
  std::uint64_t last_recoverable_version = 0;  // 0: none of the run's versions, the table as it started
  std::uint64_t log_without_data = 0;          // versions before t whose log entry arrived, not their files
  std::uint64_t data_without_log = 0;          // versions before t whose files arrived, not their log entry
  std::uint64_t checkpoints = 0;               // stored before t
  std::uint64_t usable_checkpoints = 0;        // of those, usable in the secondary at t
  std::uint64_t last_usable_checkpoint = 0;    // the version of the latest usable one; 0: none
};

// Where the copies of one table's objects come from.
class TableCopies {
 public:
  // S3 replication of the table's log and data buckets: the ledgers of the two replications
  // (each records every stored write of its dataset); null when that bucket is not replicated.
  static TableCopies replicated(const DeltaTable& table, const ReplicaLedger* log, const ReplicaLedger* data);
  // A deep clone, which copies each version's log entry and files together: `clone` holds one
  // entry per commit, in version order.
  static TableCopies deep_cloned(const DeltaTable& table, const ReplicaLedger& clone);

  TableRecovery at(double t) const;

 private:
  explicit TableCopies(const DeltaTable& table) : table_(table) {}
  // When version index i's log entry and its files arrived in the secondary; -1: never.
  double log_arrived(std::size_t i) const;
  double data_arrived(std::size_t i) const;
  double checkpoint_arrived(const CheckpointRecord& c) const;

  const DeltaTable& table_;
  const ReplicaLedger* log_ = nullptr;
  const ReplicaLedger* data_ = nullptr;
  const ReplicaLedger* clone_ = nullptr;
};

}  // namespace lakesim::models
