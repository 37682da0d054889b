#pragma once
// Runs jobs in child processes, up to `parallel` at a time (SimGrid allows one engine per
// process, so every simulation gets its own). Each child is its own process group; on SIGINT or
// SIGTERM the pool stops starting jobs, kills the running ones (and whatever they started),
// removes their temporary files, and reports that it was interrupted: results already written
// are complete, and the others are absent, never half-written.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "cli/progress.hpp"

namespace lakesim::cli {

// Given to a job in its child process: it reports its simulated clock through it.
class ChildProgress {
 public:
  explicit ChildProgress(int fd) : fd_(fd) {}
  void report(double clock, double horizon);

 private:
  int fd_;
};

struct PoolJob {
  std::string label;                       // shown in progress and messages, e.g. "rep-3"
  std::filesystem::path dir;               // where it writes (its temporary files are removed if killed)
  std::function<int(ChildProgress&)> run;  // runs in the child; returns the exit code
};

struct PoolOutcome {
  std::vector<int> exit_codes;  // per job; -1 for jobs not run (interrupted)
  bool interrupted = false;
};

PoolOutcome run_pool(const std::vector<PoolJob>& jobs, int parallel, ProgressLine& progress);

}  // namespace lakesim::cli
