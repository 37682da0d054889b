// `lakesim merge DIR...`: a sweep's per-point results, wherever they were run (this machine, GNU
// parallel, Slurm), gathered into DIR/sweep.csv and DIR/sweep.json.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/sweep_plan.hpp"
#include "cli/sweep_results.hpp"
#include "presentation/report/sweep_table.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {
std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

int merge_command(const std::vector<std::string>& dirs) {
  const fs::path plan_path = fs::path(dirs.front()) / "sweep-plan.json";
  SweepPlan plan;
  try {
    if (!fs::exists(plan_path)) throw std::runtime_error("cannot read (is this a sweep directory?)");
    const nlohmann::json json = nlohmann::json::parse(read_text(plan_path), nullptr, false);
    if (json.is_discarded()) throw std::runtime_error("not valid JSON");
    plan = plan_from_json(json);
  } catch (const std::exception& e) {
    std::cerr << plan_path.string() << ": " << e.what() << "\n";
    return kExitBadInput;
  }
  std::vector<fs::path> paths(dirs.begin(), dirs.end());
  const GatheredSweep gathered = gather_sweep(plan, paths);
  const fs::path out = dirs.front();
  sim::write_file_atomically((out / "sweep.csv").string(), gathered.csv);
  sim::write_file_atomically((out / "sweep.json").string(), gathered.json.dump(2) + "\n");
  const std::size_t total = plan.points.size() * plan.seeds.size();
  std::cout << presentation::report::sweep_table_text(gathered.json);
  std::cout << "sweep: " << (total - gathered.missing.size()) << " of " << total << " runs gathered into "
            << (out / "sweep.csv").string() << " and " << (out / "sweep.json").string() << "\n";
  if (!gathered.missing.empty()) {
    std::cerr << gathered.missing.size() << " runs have no complete results yet, e.g. " << gathered.missing.front()
              << "; run them (the sweep again, or the job list) and merge again\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace lakesim::cli
