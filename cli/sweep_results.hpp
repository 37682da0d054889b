#pragma once
// A sweep's results gathered from its points' run directories: DIR/sweep.csv (one row per point
// and replication, a column per axis and per headline metric) and DIR/sweep.json (per point, each
// metric's mean, standard deviation and 95 % interval). Both depend only on the plan and the
// results.json files found, never on the order or the place the runs were made in.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/sweep_plan.hpp"

namespace lakesim::cli {

struct GatheredSweep {
  std::string csv;
  nlohmann::json json;
  std::vector<std::string> missing;  // "<point>/rep-<i>" without complete results
};

// The directory of one run of the sweep in `dir`.
std::filesystem::path sweep_run_dir(const std::filesystem::path& dir, const std::string& point,
                                    std::size_t replication);

// Looks for each run's results in each of `dirs` in turn.
GatheredSweep gather_sweep(const SweepPlan& plan, const std::vector<std::filesystem::path>& dirs);

}  // namespace lakesim::cli
