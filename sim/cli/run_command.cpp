#include <filesystem>
#include <iostream>

#include <sys/wait.h>
#include <unistd.h>

#include "analysis/run_results.hpp"
#include "analysis/scenario_run.hpp"
#include "sim/atomic_file.hpp"
#include "sim/cli/commands.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

// Runs one scenario into `out`; refuses to replace results there unless `force`.
int run_into(const sim::Scenario& scenario, const fs::path& out, const RunOptions& options) {
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
  const analysis::RunOutput run = analysis::run_scenario(scenario, options.engine_flags, options.max_wall);
  // The timeline first, results last: a results.json always sits next to its own timeline.
  sim::write_file_atomically((out / "timeline.csv").string(), run.timeline);
  sim::write_file_atomically(results_path.string(), run.results.dump(2) + "\n");
  std::cout << analysis::summary_text(run.results) << "results: " << results_path.string() << "\n";
  return kExitOk;
}

// A single-fault campaign: the scenario once per listed fault, each in its own process (SimGrid
// allows one engine per process) and its own folder, one after another.
int run_each_fault(const sim::Scenario& scenario, const fs::path& out, const RunOptions& options) {
  if (scenario.faults.empty()) {
    std::cerr << scenario.file << ": --each-fault needs a scenario with faults\n";
    return kExitBadInput;
  }
  int worst = kExitOk;
  for (const sim::FaultSpec& fault : scenario.faults) {
    sim::Scenario single = scenario;
    single.faults = {fault};
    std::cout << "== fault " << fault.name << "\n" << std::flush;
    const pid_t child = ::fork();
    if (child < 0) {
      std::cerr << "cannot start a run for fault " << fault.name << "\n";
      return kExitFailure;
    }
    if (child == 0) {
      int code = kExitFailure;
      try {
        code = run_into(single, out / fault.name, options);
      } catch (const std::exception& e) {
        std::cerr << "lakesim: " << e.what() << "\n";
      }
      std::cout << std::flush;
      ::_exit(code);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : kExitFailure;
    if (code != kExitOk) worst = code;
  }
  return worst;
}

}  // namespace

int run_command(const RunOptions& options) {
  const auto scenario = load_or_report(options.scenario);
  if (!scenario) return kExitBadInput;
  const fs::path out = options.out_dir.empty() ? fs::path("runs") / scenario->name : fs::path(options.out_dir);
  if (options.each_fault) return run_each_fault(*scenario, out, options);
  return run_into(*scenario, out, options);
}

}  // namespace lakesim::cli
