#include "models/dr/table_recovery.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace lakesim::models {

namespace {

// The arrival of write `index` of a replicated dataset, checked against the write's time so that
// a ledger of another dataset is refused rather than read.
double arrival(const ReplicaLedger& ledger, std::uint64_t index, double time, const std::string& table,
               const char* what) {
  if (index >= ledger.size() || ledger.entries()[index].time != time)
    throw std::invalid_argument(table + ": the ledger given is not the one of the table's " + what);
  return ledger.entries()[index].arrived;
}

bool there(double arrived, double t) { return arrived >= 0 && arrived <= t; }

}  // namespace

TableCopies TableCopies::replicated(const DeltaTable& table, const ReplicaLedger* log, const ReplicaLedger* data) {
  TableCopies copies(table);
  copies.log_ = log;
  copies.data_ = data;
  return copies;
}

TableCopies TableCopies::deep_cloned(const DeltaTable& table, const ReplicaLedger& clone) {
  if (clone.size() != table.commit_records().size())
    throw std::invalid_argument(table.name() + ": the deep clone's ledger does not hold one entry per commit");
  TableCopies copies(table);
  copies.clone_ = &clone;
  return copies;
}

double TableCopies::log_arrived(std::size_t i) const {
  if (clone_) return clone_->entries()[i].arrived;
  const CommitRecord& c = table_.commit_records()[i];
  return log_ ? arrival(*log_, c.log_write, c.time, table_.name(), "log") : -1;
}

double TableCopies::data_arrived(std::size_t i) const {
  if (clone_) return clone_->entries()[i].arrived;
  const CommitRecord& c = table_.commit_records()[i];
  return data_ ? arrival(*data_, c.data_write, c.data_time, table_.name(), "data files") : -1;
}

double TableCopies::checkpoint_arrived(const CheckpointRecord& c) const {
  // A clone writes the replica's log, checkpoints included, with the version it copies.
  if (clone_) return c.version >= 1 && c.version <= clone_->size() ? clone_->entries()[c.version - 1].arrived : -1;
  return log_ ? arrival(*log_, c.log_write, c.time, table_.name(), "log") : -1;
}

TableRecovery TableCopies::at(double t) const {
  TableRecovery out;
  // The versions as a ledger whose "arrival" is the instant the version joined the recovered
  // prefix: the latest arrival of its own objects and of every earlier version's. The ledger's
  // accounting at t is then the prefix rule's.
  ReplicaLedger prefix;
  constexpr double kNever = std::numeric_limits<double>::infinity();
  double joined = 0;
  const auto& commits = table_.commit_records();
  for (std::size_t i = 0; i < commits.size(); ++i) {
    const double log = log_arrived(i);
    const double data = data_arrived(i);
    joined = std::max({joined, log < 0 ? kNever : log, data < 0 ? kNever : data});
    const std::uint64_t id = prefix.record(commits[i].time, commits[i].bytes);
    if (joined < kNever) prefix.arrive(id, joined);
    if (!(commits[i].time < t)) continue;
    if (there(log, t) && !there(data, t)) ++out.log_without_data;
    if (there(data, t) && !there(log, t)) ++out.data_without_log;
  }
  out.versions = prefix.loss_at(t);
  if (out.versions.survived > 0) out.last_recoverable_version = commits[out.versions.survived - 1].version;
  for (const CheckpointRecord& c : table_.checkpoint_records()) {
    if (!(c.time < t)) break;
    ++out.checkpoints;
    if (c.version <= out.last_recoverable_version && there(checkpoint_arrived(c), t)) {
      ++out.usable_checkpoints;
      out.last_usable_checkpoint = std::max(out.last_usable_checkpoint, c.version);
    }
  }
  return out;
}

}  // namespace lakesim::models
