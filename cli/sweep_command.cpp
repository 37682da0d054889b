// `lakesim sweep FILE --vary path=v1,v2 [--vary ...]`: every point of the cross product, each
// replication in DIR/points/<point>/rep-<i>/, gathered into DIR/sweep.csv and DIR/sweep.json.
// Resumable (complete results are kept), interruptible (Ctrl-C), and exportable as jobs for GNU
// parallel or Slurm.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <unistd.h>

#include "analysis/atomic_file.hpp"
#include "cli/batch_run.hpp"
#include "cli/batch_runner.hpp"
#include "cli/commands.hpp"
#include "cli/sweep_plan.hpp"
#include "cli/sweep_results.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

std::string sh_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string this_executable() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("lakesim") : self.string();
}

// One shell command per run: skipped when its results exist, so that a rerun of the job list
// resumes too. Each command runs from this directory, so that relative paths (and the scenario
// file's name recorded in results.json) are the same as in `lakesim sweep` itself.
std::vector<std::string> job_commands(const SweepPlan& plan, const fs::path& dir, const SweepOptions& options) {
  std::error_code ec;
  const std::string cwd = fs::current_path(ec).string();
  const std::string exe = this_executable();
  std::vector<std::string> lines;
  for (const SweepPoint& point : plan.points) {
    for (std::size_t i = 0; i < plan.seeds.size(); ++i) {
      const std::string run_dir = sweep_run_dir(dir, point.name, i).string();
      std::string cmd = "cd " + sh_quote(cwd) + " && { [ -f " + sh_quote(run_dir + "/results.json") + " ] || " +
                        sh_quote(exe) + " run " + sh_quote(plan.scenario_file);
      if (!plan.variant.empty()) cmd += " --variant " + sh_quote(plan.variant);
      for (const std::string& s : plan.sets) cmd += " --set " + sh_quote(s);
      for (const std::string& a : point.assignments) cmd += " --set " + sh_quote(a);
      cmd += " --seed " + std::to_string(plan.seeds[i]) + " --out " + sh_quote(run_dir) +
             " --force --no-report --quiet >/dev/null";
      if (options.scenario.load.limits.allow_outside_paths) cmd += " --allow-outside-paths";
      lines.push_back(cmd + "; }");
    }
  }
  return lines;
}

std::string slurm_script(const SweepPlan& plan, const fs::path& dir, const std::vector<std::string>& commands) {
  std::string script =
      "#!/bin/bash\n"
      "# lakesim sweep of " +
      plan.scenario_file +
      ": one array task per run.\n"
      "# Submit with: sbatch THIS_FILE; afterwards gather with: lakesim merge " +
      dir.string() +
      "\n"
      "#SBATCH --job-name=lakesim-sweep\n"
      "#SBATCH --array=0-" +
      std::to_string(commands.size() - 1) +
      "\n"
      "#SBATCH --cpus-per-task=1\n"
      "#SBATCH --output=" +
      (dir / "slurm-%A_%a.out").string() +
      "\n"
      "set -eu\ncommands=(\n";
  for (const std::string& c : commands) script += "  " + sh_quote(c) + "\n";
  script += ")\neval \"${commands[$SLURM_ARRAY_TASK_ID]}\"\n";
  return script;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int sweep_command(const SweepOptions& options) {
  SweepPlan plan;
  try {
    for (const std::string& v : options.vary) {
      plan.axes.push_back(parse_axis(v));
      for (std::size_t i = 0; i + 1 < plan.axes.size(); ++i) {
        if (plan.axes[i].path == plan.axes.back().path)
          throw std::invalid_argument("--vary " + v + ": the path is varied twice");
      }
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
  const auto base = load_or_report(options.scenario);
  if (!base) return kExitBadInput;
  plan.scenario_file = options.scenario.file;
  plan.variant = options.scenario.load.variant;
  plan.sets = options.scenario.load.sets;
  plan.points = cross_product(plan.axes);
  for (std::size_t i = 0; i < options.replications; ++i) plan.seeds.push_back(replication_seed(base->seed, i));

  // Every point is checked before anything runs: a bad value stops the sweep at once.
  std::vector<sim::Scenario> scenarios;
  for (const SweepPoint& point : plan.points) {
    ScenarioOptions point_options = options.scenario;
    for (const std::string& a : point.assignments) point_options.load.sets.push_back(a);
    auto scenario = load_or_report(point_options);
    if (!scenario) {
      std::cerr << "in sweep point " << point.name << "\n";
      return kExitBadInput;
    }
    scenarios.push_back(std::move(*scenario));
  }

  const fs::path dir = options.out_dir.empty() ? fs::path("runs") / ("sweep-" + base->name) : fs::path(options.out_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << dir.string() << ": cannot create the output directory: " << ec.message() << "\n";
    return kExitFailure;
  }
  const fs::path plan_path = dir / "sweep-plan.json";
  const std::string plan_text = plan_to_json(plan).dump(2) + "\n";
  if (fs::exists(plan_path) && read_text(plan_path) != plan_text && !options.force) {
    std::cerr << plan_path.string() << ": a different sweep is already planned in this directory; use another --out, "
              << "or --force to replace it\n";
    return kExitBadInput;
  }
  sim::write_file_atomically(plan_path.string(), plan_text);
  const std::size_t total = plan.points.size() * plan.seeds.size();

  if (!options.emit_jobs.empty() || !options.emit_slurm.empty()) {
    const std::vector<std::string> commands = job_commands(plan, dir, options);
    if (!options.emit_jobs.empty()) {
      std::string text;
      for (const std::string& c : commands) text += c + "\n";
      sim::write_file_atomically(options.emit_jobs, text);
      std::cout << options.emit_jobs << ": " << commands.size() << " commands; run them with e.g. `parallel -j2 < "
                << options.emit_jobs << "`, then `lakesim merge " << dir.string() << "`\n";
    }
    if (!options.emit_slurm.empty()) {
      sim::write_file_atomically(options.emit_slurm, slurm_script(plan, dir, commands));
      std::cout << options.emit_slurm << ": a Slurm array of " << commands.size() << " tasks; submit with `sbatch "
                << options.emit_slurm << "`, then `lakesim merge " << dir.string() << "`\n";
    }
    return kExitOk;
  }

  std::cout << "sweep of " << base->name << ": " << plan.points.size() << " points x " << plan.seeds.size()
            << " replications = " << total << " runs, " << options.jobs << " at a time, in " << dir.string() << "\n"
            << std::flush;
  std::vector<PlannedRun> runs;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    for (std::size_t i = 0; i < plan.seeds.size(); ++i) {
      PlannedRun run{plan.points[p].name + "/rep-" + std::to_string(i), scenarios[p],
                     sweep_run_dir(dir, plan.points[p].name, i)};
      run.scenario.seed = plan.seeds[i];
      runs.push_back(std::move(run));
    }
  }
  const BatchOutcome outcome = run_batch(runs, options.jobs, options.force, options.quiet);
  if (outcome.interrupted || outcome.failed > 0) return batch_exit_code(outcome, "");
  return merge_command({dir.string()});
}

}  // namespace lakesim::cli
