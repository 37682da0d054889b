#pragma once
// A batch of runs (replications, designs, sweep points) in child processes, `jobs` at a time,
// resuming: a run whose directory already holds complete results of its seed is not run again
// (unless forced). Results are written atomically by each run, so an interrupted batch leaves
// whole results or none, and the next invocation picks up where it stopped.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/scenario.hpp"

namespace lakesim::cli {

struct PlannedRun {
  std::string label;       // for progress and messages: "pilot_light/rep-2"
  sim::Scenario scenario;  // with its seed set
  std::filesystem::path dir;
};

struct BatchOutcome {
  std::vector<std::optional<nlohmann::json>> results;  // per run; nullopt if it failed or was not run
  std::size_t reused = 0;
  std::size_t failed = 0;
  bool interrupted = false;
};

BatchOutcome run_batch(const std::vector<PlannedRun>& runs, int jobs, bool force, bool quiet);

// Prints what an interrupted or failed batch means and returns the exit code (130 after an
// interruption, 1 after failures, 0 otherwise).
int batch_exit_code(const BatchOutcome& outcome, const std::string& command_to_resume);

}  // namespace lakesim::cli
