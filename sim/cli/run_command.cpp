#include <filesystem>
#include <iostream>

#include "analysis/run_results.hpp"
#include "analysis/scenario_run.hpp"
#include "sim/atomic_file.hpp"
#include "sim/cli/commands.hpp"

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

  const analysis::RunOutput run = analysis::run_scenario(*scenario, options.engine_flags, options.max_wall);
  // The timeline first, results last: a results.json always sits next to its own timeline.
  sim::write_file_atomically((out / "timeline.csv").string(), run.timeline);
  sim::write_file_atomically(results_path.string(), run.results.dump(2) + "\n");
  std::cout << analysis::summary_text(run.results) << "results: " << results_path.string() << "\n";
  return kExitOk;
}

}  // namespace lakesim::cli
