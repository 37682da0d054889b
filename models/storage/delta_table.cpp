#include "models/storage/delta_table.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lakesim::models {

DeltaTable::DeltaTable(std::string name, Dataset& data, Dataset& log, int checkpoint_interval, int max_attempts)
    : name_(std::move(name)),
      data_(data),
      log_(log),
      checkpoint_interval_(checkpoint_interval),
      max_attempts_(max_attempts) {
  if (name_.empty()) throw std::invalid_argument("Delta table: name must not be empty");
  if (&data_ == &log_) throw std::invalid_argument(name_ + ": data and log must be different datasets");
  if (data_.region() != log_.region()) throw std::invalid_argument(name_ + ": data and log must be in one region");
  if (checkpoint_interval_ < 1) throw std::invalid_argument(name_ + ": checkpoint interval must be at least 1");
  if (max_attempts_ < 1) throw std::invalid_argument(name_ + ": at least one commit attempt is needed");
}

double DeltaTable::files_for(double bytes) { return std::max(1.0, std::ceil(bytes / kTargetFileSize)); }

double DeltaTable::commit_bytes(std::uint64_t from, std::uint64_t to) const {
  double total = 0;
  for (std::uint64_t v = from + 1; v <= to; ++v) total += commit_sizes_[v - 1];
  return total;
}

std::uint64_t DeltaTable::read_snapshot(sg4::Host* client) {
  // The LIST sees the log as it is now; later commits belong to the next snapshot.
  const std::uint64_t version = version_;
  const std::uint64_t base = checkpoint_version_;
  const double requests = 1 + (base > 0 ? 1 : 0) + static_cast<double>(version - base);
  log_.read(client, checkpoint_bytes_ + commit_bytes(base, version), requests);
  return version;
}

void DeltaTable::read_commits(sg4::Host* client, std::uint64_t since) {
  const std::uint64_t version = version_;
  if (version > since) log_.read(client, commit_bytes(since, version), static_cast<double>(version - since));
}

void DeltaTable::write_checkpoint(sg4::Host* client, std::uint64_t version) {
  const double bytes = kCheckpointBaseBytes + kCheckpointBytesPerFile * static_cast<double>(files_);
  try {
    log_.write(client, bytes);
    // Nothing ran since the put was stored, so the log's latest stored write is this checkpoint.
    const CheckpointRecord stored{version, sg4::Engine::get_clock(), log_.stored_writes() - 1};
    // _last_checkpoint is created by the first checkpoint and overwritten by the later ones.
    if (last_checkpoint_exists_) {
      log_.overwrite(client, kLastCheckpointBytes);
    } else {
      last_checkpoint_exists_ = true;
      log_.write(client, kLastCheckpointBytes);
    }
    checkpoint_records_.push_back(stored);
  } catch (const RequestFailed&) {
    // The commit is durable without its checkpoint: readers replay more JSON until the next one.
    return;
  }
  ++checkpoints_;
  if (version > checkpoint_version_) {
    checkpoint_version_ = version;
    checkpoint_bytes_ = bytes;
  }
}

CommitResult DeltaTable::write(sg4::Host* client, double bytes, DeltaWriteMode mode, const std::string& writer,
                               int connections) {
  if (!(bytes >= 0) || !std::isfinite(bytes)) throw std::invalid_argument(name_ + ": bytes must be finite");
  const double start = sg4::Engine::get_clock();
  CommitResult result;
  std::uint64_t snapshot = read_snapshot(client);
  const double files = files_for(bytes);
  // The files the commit adds: this write's, or a merge's rewrite after a lost race.
  double data_time = 0;
  std::uint64_t data_write = 0;
  auto write_files = [&] {
    data_.write(client, bytes, files, connections);
    data_time = sg4::Engine::get_clock();
    data_write = data_.stored_writes() - 1;  // nothing ran since the write was stored
  };
  write_files();
  const double json_bytes = kCommitBaseBytes + kCommitBytesPerFile * files;

  for (int attempt = 1;; ++attempt) {
    const std::uint64_t target = snapshot + 1;
    const ConditionalWrite put = log_.write_if_absent(client, json_bytes, [&] {
      if (version_ + 1 != target) return false;  // <target>.json exists already
      version_ = target;
      commits_.push_back({target, sg4::Engine::get_clock(), bytes, writer});
      commit_sizes_.push_back(json_bytes);
      files_ += static_cast<std::uint64_t>(files);
      return true;
    });
    if (put.stored) {
      // Nothing ran since the put was stored, so the log's latest stored write is this commit.
      commit_records_.push_back({target, commits_.back().time, bytes, log_.stored_writes() - 1, data_time, data_write});
      if (commit_observer_) commit_observer_(commits_.back().time, bytes);
      result.version = target;
      break;
    }
    ++result.conflicts;
    ++conflicts_;
    if (attempt >= max_attempts_) {
      ++aborted_;
      throw RequestFailed(FailureCause::Conflict, name_);
    }
    const std::uint64_t seen = version_;
    read_commits(client, snapshot);
    snapshot = seen;
    // A blind append is still valid on top of the new commits; a merge read rows they changed.
    if (mode == DeltaWriteMode::Merge) write_files();
  }

  if (result.version % static_cast<std::uint64_t>(checkpoint_interval_) == 0) write_checkpoint(client, result.version);
  result.seconds = sg4::Engine::get_clock() - start;
  return result;
}

CommitResult DeltaTable::read(sg4::Host* client, double bytes, int connections) {
  if (!(bytes >= 0) || !std::isfinite(bytes)) throw std::invalid_argument(name_ + ": bytes must be finite");
  const double start = sg4::Engine::get_clock();
  CommitResult result;
  result.version = read_snapshot(client);
  data_.read(client, bytes, files_for(bytes), connections);
  result.seconds = sg4::Engine::get_clock() - start;
  return result;
}

}  // namespace lakesim::models
