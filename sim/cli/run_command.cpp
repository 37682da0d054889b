#include <chrono>
#include <filesystem>
#include <iostream>

#include "analysis/run_results.hpp"
#include "models/platform_probe.hpp"
#include "sim/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/simulation.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

int run_command(const RunOptions& options) {
  const auto scenario = load_or_report(options.scenario);
  if (!scenario) return kExitBadInput;

  const fs::path out = options.out_dir.empty() ? fs::path("runs") / scenario->name : fs::path(options.out_dir);
  const fs::path results_path = out / "results.json";
  std::error_code ec;
  if (fs::exists(results_path, ec) && !options.force) {
    std::cerr << results_path.string() << ": results already exist; use --force to replace them or --out DIR\n";
    return kExitBadInput;
  }
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << out.string() << ": cannot create the output directory: " << ec.message() << "\n";
    return kExitFailure;
  }

  const auto wall_start = std::chrono::steady_clock::now();
  sim::Simulation simulation(*scenario, options.engine_flags);
  models::PlatformProbe probe(simulation);
  analysis::RunStats stats;
  stats.simulated_seconds = simulation.run();
  stats.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  stats.activities = simulation.activities();
  stats.platform = simulation.platform().size();

  const nlohmann::json results = analysis::make_results(*scenario, stats, probe.measurements());
  sim::write_file_atomically(results_path.string(), results.dump(2) + "\n");
  std::cout << analysis::summary_text(results) << "results: " << results_path.string() << "\n";
  return kExitOk;
}

}  // namespace lakesim::cli
