#include "cli/batch_runner.hpp"

#include <iostream>

#include "cli/batch_run.hpp"
#include "cli/process_pool.hpp"
#include "cli/progress.hpp"
#include "presentation/report/results_file.hpp"

namespace lakesim::cli {

BatchOutcome run_batch(const std::vector<PlannedRun>& runs, int jobs, bool force, bool quiet) {
  BatchOutcome outcome;
  outcome.results.resize(runs.size());
  std::vector<PoolJob> pool_jobs;
  std::vector<std::size_t> job_run;  // pool job -> run
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const PlannedRun& r = runs[i];
    if (!force) {
      outcome.results[i] = presentation::report::finished_results((r.dir / "results.json").string(), r.scenario.seed);
      if (outcome.results[i]) {
        ++outcome.reused;
        continue;
      }
    }
    pool_jobs.push_back(
        {r.label, r.dir, [&r](ChildProgress& progress) { return run_to_directory(r.scenario, r.dir, {}, progress); }});
    job_run.push_back(i);
  }
  if (outcome.reused > 0) {
    std::cerr << "reusing " << outcome.reused << " complete run" << (outcome.reused == 1 ? "" : "s")
              << " found on disk\n";
  }
  ProgressLine progress(quiet);
  const PoolOutcome pool = run_pool(pool_jobs, jobs, progress);
  outcome.interrupted = pool.interrupted;
  for (std::size_t j = 0; j < pool_jobs.size(); ++j) {
    const PlannedRun& r = runs[job_run[j]];
    if (pool.exit_codes[j] == 0) {
      outcome.results[job_run[j]] =
          presentation::report::finished_results((r.dir / "results.json").string(), r.scenario.seed);
    }
    if (pool.exit_codes[j] > 0 || (pool.exit_codes[j] == 0 && !outcome.results[job_run[j]])) {
      ++outcome.failed;
      std::cerr << r.label << ": the run failed (exit code " << pool.exit_codes[j] << ")\n";
    }
  }
  return outcome;
}

int batch_exit_code(const BatchOutcome& outcome, const std::string& command_to_resume) {
  std::size_t done = 0;
  for (const auto& r : outcome.results) done += r.has_value();
  if (outcome.interrupted) {
    std::cerr << "interrupted: " << done << " of " << outcome.results.size()
              << " runs have complete results; run the same command again to resume"
              << (command_to_resume.empty() ? "" : " (" + command_to_resume + ")") << "\n";
    return 130;
  }
  return outcome.failed > 0 ? 1 : 0;
}

}  // namespace lakesim::cli
