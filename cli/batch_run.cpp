#include "cli/batch_run.hpp"

#include "analysis/atomic_file.hpp"
#include "assembly/scenario_run.hpp"
#include "cli/clock_watch.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::cli {

int run_to_directory(const sim::Scenario& scenario, const std::filesystem::path& dir,
                     const std::vector<std::string>& engine_flags, ChildProgress& progress) {
  std::filesystem::create_directories(dir);
  watch_simulated_clock(scenario.duration,
                        [&progress](double clock, double horizon) { progress.report(clock, horizon); });
  const analysis::RunOutput run = assembly::run_scenario(scenario, engine_flags);
  sim::write_file_atomically((dir / "timeline.csv").string(), run.timeline);
  sim::write_file_atomically((dir / "results.json").string(), run.results.dump(2) + "\n");
  return 0;
}

std::uint64_t replication_seed(std::uint64_t scenario_seed, std::size_t replication) {
  return sim::RandomStream(scenario_seed, "replications/" + std::to_string(replication)).next_u64();
}

}  // namespace lakesim::cli
