#pragma once
// The lakesim subcommands. Each returns the process exit code:
// 0 success, 2 bad input (scenario, options, existing output), 1 failure while running.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario_loader.hpp"

namespace lakesim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct ScenarioOptions {
  std::string file;
  sim::LoadOptions load;
};

struct RunOptions {
  ScenarioOptions scenario;
  std::string out_dir;  // default: runs/<scenario name>
  bool force = false;   // replace results already in out_dir
  std::vector<std::string> engine_flags;
  double max_wall = 0;  // seconds of wall time before the run stops early; 0: no limit
  bool each_fault = false;  // one run per listed fault, in DIR/<fault name>
};

int run_command(const RunOptions& options);
int validate_command(const ScenarioOptions& options);
int topology_command(const ScenarioOptions& options, const std::string& format, const std::string& out_file);
int catalog_command(const std::string& plane, const std::string& format);

// Loads the scenario or prints every diagnostic to stderr; shared by the commands.
std::optional<sim::Scenario> load_or_report(const ScenarioOptions& options);

}  // namespace lakesim::cli
