// `lakesim run FILE --replications N`: the scenario N times on seeds derived from its own, each
// run in DIR/rep-<i>, and DIR/summary.json with every headline metric's mean, standard deviation
// and 95 % confidence interval.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "analysis/atomic_file.hpp"
#include "analysis/statistics.hpp"
#include "cli/batch_run.hpp"
#include "cli/batch_runner.hpp"
#include "cli/commands.hpp"
#include "presentation/report/comparison.hpp"
#include "presentation/report/headline_metrics.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

std::string summary_table(const presentation::report::MetricSamples& samples) {
  std::size_t width = 20;
  for (const std::string& m : samples.names())
    width = std::max(width, presentation::report::metric_label(m).size() + 2);
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-*s %14s %14s %31s %5s\n", static_cast<int>(width), "metric", "mean", "std dev",
                "95% confidence interval", "n");
  out += line;
  for (const std::string& m : samples.names()) {
    if (!presentation::report::is_table_metric(m) && m.rfind("workloads/", 0) != 0) continue;
    const analysis::SampleSummary s = analysis::summarize(samples.present(m));
    if (s.n == 0) {
      std::snprintf(line, sizeof line, "%-*s %14s %14s %31s %2zu/%zu\n", static_cast<int>(width),
                    presentation::report::metric_label(m).c_str(), "-", "-", "-", s.n, samples.runs());
    } else {
      char ci[64];
      std::snprintf(ci, sizeof ci, "[%.6g, %.6g]", s.ci_low, s.ci_high);
      std::snprintf(line, sizeof line, "%-*s %14.6g %14.6g %31s %2zu/%zu\n", static_cast<int>(width),
                    presentation::report::metric_label(m).c_str(), s.mean, s.stddev, ci, s.n, samples.runs());
    }
    out += line;
  }
  return out;
}

}  // namespace

int run_replications(const sim::Scenario& scenario, const std::string& out, const RunOptions& options) {
  if (options.each_fault || options.trace) {
    std::cerr << "--replications cannot be combined with --each-fault or --trace\n";
    return kExitBadInput;
  }
  std::vector<PlannedRun> runs;
  std::vector<std::uint64_t> seeds;
  for (std::size_t i = 0; i < options.replications; ++i) {
    PlannedRun run{"rep-" + std::to_string(i), scenario, fs::path(out) / ("rep-" + std::to_string(i))};
    run.scenario.seed = replication_seed(scenario.seed, i);
    seeds.push_back(run.scenario.seed);
    runs.push_back(std::move(run));
  }
  std::cout << "scenario " << scenario.name << (scenario.variant.empty() ? "" : ", variant " + scenario.variant) << ": "
            << options.replications << " replications from seed " << scenario.seed << ", " << options.jobs
            << " at a time, in " << out << "\n"
            << std::flush;
  const BatchOutcome outcome = run_batch(runs, options.jobs, options.force, options.quiet);
  if (outcome.interrupted || outcome.failed > 0) return batch_exit_code(outcome, "");

  presentation::report::MetricSamples samples(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i)
    samples.set(i, presentation::report::headline_metrics(*outcome.results[i]));
  const nlohmann::json summary = {
      {"format", "lakesim-summary/1"},
      {"scenario", {{"name", scenario.name}, {"file", scenario.file}, {"variant", scenario.variant}}},
      {"scenario_seed", scenario.seed},
      {"replications", runs.size()},
      {"seeds", seeds},
      {"seed_stream", "replications/<i>"},
      {"confidence", 0.95},
      {"interval", "Student t on the replications' mean"},
      {"metrics", presentation::report::summary_entries(samples)}};
  const fs::path summary_path = fs::path(out) / "summary.json";
  sim::write_file_atomically(summary_path.string(), summary.dump(2) + "\n");
  std::cout << summary_table(samples) << "summary: " << summary_path.string() << "\n";
  return kExitOk;
}

}  // namespace lakesim::cli
