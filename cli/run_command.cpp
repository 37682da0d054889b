#include <filesystem>
#include <iostream>

#include <sys/wait.h>
#include <unistd.h>

#include "analysis/atomic_file.hpp"
#include "analysis/narration.hpp"
#include "analysis/run_results.hpp"
#include "assembly/scenario_run.hpp"
#include "cli/clock_watch.hpp"
#include "cli/commands.hpp"
#include "cli/paje_trace.hpp"
#include "cli/progress.hpp"

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
  // The narration is always written; --narrate also prints it as the run goes.
  std::ostream* live = options.narrate ? &std::cout : nullptr;
  analysis::Narrator narrator(scenario);
  std::vector<std::string> engine_flags = options.engine_flags;
  if (options.trace) {
    for (const std::string& flag : paje_trace_flags(out.string())) engine_flags.push_back(flag);
  }
  // The progress line shares the terminal with the live narration, so one or the other.
  ProgressLine progress(options.quiet || options.narrate);
  if (progress.enabled()) {
    watch_simulated_clock(scenario.duration,
                          [&progress](double clock, double horizon) { progress.simulation(clock, horizon); });
  }
  const analysis::RunOutput run =
      assembly::run_scenario(scenario, engine_flags, options.max_wall, analysis::with_narration({}, narrator, live));
  progress.clear();
  for (const std::string& line : narrator.finish(run.results.value("simulated_seconds", 0.0), run.results))
    if (live) *live << line << "\n";
  // The timeline and narration first, results last: a results.json always sits next to its own timeline.
  sim::write_file_atomically((out / "timeline.csv").string(), run.timeline);
  sim::write_file_atomically((out / "narration.txt").string(), narrator.text());
  sim::write_file_atomically(results_path.string(), run.results.dump(2) + "\n");
  std::cout << analysis::summary_text(run.results) << "results: " << results_path.string() << "\n";
  if (options.trace) std::cout << "trace: " << finish_paje_trace(out.string()) << "\n";
  if (!options.no_report) finish_run_directory(scenario, out.string(), options.quiet);
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
  if (options.replications > 0) return run_replications(*scenario, out.string(), options);
  return run_into(*scenario, out, options);
}

}  // namespace lakesim::cli
