#pragma once
// A Delta table on S3: data files in one dataset, the transaction log (_delta_log/) in another.
// Writers use optimistic concurrency: read a snapshot, write data files, then commit version v+1
// with a put-if-absent of _delta_log/<v+1>.json; only one writer can create that file. A writer
// that loses the race reads the commits it missed and retries; under WriteSerializable a blind
// append does not conflict with them, a merge does (what it read has changed) and must rewrite its
// files. Every checkpoint_interval-th version also gets a checkpoint, so that readers replay at
// most that many JSON commits.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/archetypes/dataset.hpp"

namespace lakesim::models {

enum class DeltaWriteMode { Append, Merge };

struct CommitResult {
  std::uint64_t version = 0;  // committed (write) or read (read)
  int conflicts = 0;          // commit races lost by this transaction
  double seconds = 0;
};

struct DeltaCommit {
  std::uint64_t version;
  double time;
  double bytes;  // data bytes the transaction added
  std::string writer;
};

// Where a successful commit's log entry and data files sit in the write sequences of the log and
// data datasets, so that copies of them (their ReplicaLedgers) tell whether the version could be
// recovered after the loss of the region (models/dr/table_recovery).
struct CommitRecord {
  std::uint64_t version;
  double time;               // when _delta_log/<version>.json was stored
  double bytes;              // data bytes the transaction added
  std::uint64_t log_write;   // index of that put among the log dataset's stored writes
  double data_time;          // when the PUTs of the data files it adds completed
  std::uint64_t data_write;  // index of those PUTs (one stored write) among the data dataset's
};

// A checkpoint that was stored, and where its Parquet file sits in the log dataset's writes.
struct CheckpointRecord {
  std::uint64_t version;    // the version it summarises
  double time;              // when it was stored
  std::uint64_t log_write;  // index of its put among the log dataset's stored writes
};

class DeltaTable {
 public:
  DeltaTable(std::string name, Dataset& data, Dataset& log, int checkpoint_interval = 10, int max_attempts = 10);
  DeltaTable(const DeltaTable&) = delete;
  DeltaTable& operator=(const DeltaTable&) = delete;

  // One transaction by `writer` from `client`, adding `bytes` of data. Throws
  // RequestFailed(Conflict) after max_attempts lost races, or the S3 failure that stopped it.
  CommitResult write(sg4::Host* client, double bytes, DeltaWriteMode mode, const std::string& writer,
                     int connections = 1);
  // A snapshot read followed by a read of `bytes` of data files.
  CommitResult read(sg4::Host* client, double bytes, int connections = 1);

  std::uint64_t version() const { return version_; }
  std::uint64_t checkpoints() const { return checkpoints_; }
  std::uint64_t conflicts() const { return conflicts_; }
  std::uint64_t aborted() const { return aborted_; }                    // transactions given up after max_attempts
  std::uint64_t files() const { return files_; }                        // data files added so far
  const std::vector<DeltaCommit>& commits() const { return commits_; }  // one per version, in order
  const std::vector<CommitRecord>& commit_records() const { return commit_records_; }              // same order
  const std::vector<CheckpointRecord>& checkpoint_records() const { return checkpoint_records_; }  // stored ones
  // Called with (time, bytes) after each successful commit (deep clone keeps its ledger so).
  void set_commit_observer(std::function<void(double, double)> observer) { commit_observer_ = std::move(observer); }
  const std::string& name() const { return name_; }
  Dataset& data() { return data_; }
  Dataset& log() { return log_; }

  // Sizes of the table's objects, in bytes; public so that callers can reason about costs.
  static constexpr double kTargetFileSize = 128.0 * 1024 * 1024;  // data files are split at this size
  static constexpr double kCommitBaseBytes = 1000;                // commitInfo, protocol checks
  static constexpr double kCommitBytesPerFile = 500;              // one "add" action with statistics
  static constexpr double kCheckpointBaseBytes = 10000;           // Parquet footer, metadata, protocol
  static constexpr double kCheckpointBytesPerFile = 300;          // one compressed "add" row
  static constexpr double kLastCheckpointBytes = 100;             // the _last_checkpoint pointer

 private:
  // GETs the log from the last checkpoint (LIST, checkpoint, JSON commits) up to the current
  // version, and returns that version.
  std::uint64_t read_snapshot(sg4::Host* client);
  // GETs the JSON commits after `since`, up to the current version.
  void read_commits(sg4::Host* client, std::uint64_t since);
  void write_checkpoint(sg4::Host* client, std::uint64_t version);
  double commit_bytes(std::uint64_t from, std::uint64_t to) const;  // JSON commits in (from, to]
  static double files_for(double bytes);

  std::string name_;
  Dataset& data_;
  Dataset& log_;
  int checkpoint_interval_;
  int max_attempts_;
  std::uint64_t version_ = 0;
  std::uint64_t checkpoint_version_ = 0;  // 0: none yet
  double checkpoint_bytes_ = 0;
  bool last_checkpoint_exists_ = false;
  std::uint64_t checkpoints_ = 0;
  std::uint64_t conflicts_ = 0;
  std::uint64_t aborted_ = 0;
  std::uint64_t files_ = 0;
  std::vector<DeltaCommit> commits_;
  std::vector<CommitRecord> commit_records_;
  std::vector<CheckpointRecord> checkpoint_records_;
  std::function<void(double, double)> commit_observer_;
  std::vector<double> commit_sizes_;  // JSON size of each version's commit, index = version - 1
};

}  // namespace lakesim::models
