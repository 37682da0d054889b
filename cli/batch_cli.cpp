#include "cli/batch_cli.hpp"

namespace lakesim::cli {

void add_run_batch_flags(CLI::App* run, RunOptions& options) {
  run->add_option("--replications", options.replications,
                  "Run N times on seeds derived from the scenario's, into DIR/rep-<i>, and write DIR/summary.json")
      ->check(CLI::Range(1, 100000));
  run->add_option("-j,--jobs", options.jobs, "Runs at a time with --replications (one process each)")
      ->check(CLI::Range(1, 256));
  run->add_flag("--trace", options.trace, "Write SimGrid's Paje trace of the run to DIR/trace.paje (for ViTE)");
  run->add_flag("--quiet", options.quiet, "No progress line on the terminal");
  run->add_flag("--no-report", options.no_report, "Do not build DIR/report.html");
}

void add_variant_option(CLI::App* command, std::string& variant) {
  command->add_option_function<std::vector<std::string>>(
      "--variant",
      [&variant](const std::vector<std::string>& names) {
        variant.clear();
        for (const std::string& name : names) variant += (variant.empty() ? "" : "+") + name;
      },
      "Apply a variant named in the scenario's \"variants\"; repeatable, applied in order (also a+b)");
}

void add_batch_commands(CLI::App& app, BatchCommands& c) {
  c.compare_cmd =
      app.add_subcommand("compare", "Run designs on common seeds and compare them with confidence intervals");
  auto* cmp = c.compare_cmd;
  cmp->add_option("FILE", c.compare.files, "Scenario file(s)")->required();
  cmp->add_option("--variants", c.compare.variants,
                  "Comma-separated variants to compare (\"base\" for the base scenario, a+b for b applied over a); "
                  "default: the base and every variant")
      ->delimiter(',');
  cmp->add_option("--set", c.compare.load.sets, "Override a value in every design: path=value; repeatable")->take_all();
  cmp->add_option("--seed", c.seed, "Seed the replication seeds derive from (default: the first file's)");
  cmp->add_option("--replications", c.compare.replications, "Runs per design (common seeds)")
      ->check(CLI::Range(1, 100000));
  cmp->add_option("-j,--jobs", c.compare.jobs, "Runs at a time (one process each)")->check(CLI::Range(1, 256));
  cmp->add_option("--out", c.compare.out_dir, "Output directory (default runs/compare-<scenario name>)");
  cmp->add_flag("--force", c.compare.force, "Run again even where complete results exist");
  cmp->add_flag("--quiet", c.compare.quiet, "No progress line on the terminal");
  cmp->add_flag("--allow-outside-paths", c.compare.load.limits.allow_outside_paths,
                "Allow trace files outside the scenario's folder");

  c.sweep_cmd = app.add_subcommand("sweep", "Run the cross product of parameter values (resumable)");
  auto* sw = c.sweep_cmd;
  sw->add_option("FILE", c.sweep.scenario.file, "Scenario file (lakesim/1 JSON)")->required();
  sw->add_option("--vary", c.sweep.vary, "path=v1,v2,... (or path=[JSON list]); repeatable: the cross product")
      ->required()
      ->take_all();
  add_variant_option(sw, c.sweep.scenario.load.variant);
  sw->add_option("--set", c.sweep.scenario.load.sets, "Override a value at every point: path=value; repeatable")
      ->take_all();
  sw->add_option("--seed", c.sweep_seed, "Seed the replication seeds derive from (default: the scenario's)");
  sw->add_option("--replications", c.sweep.replications, "Runs per point (common seeds)")->check(CLI::Range(1, 100000));
  sw->add_option("-j,--jobs", c.sweep.jobs, "Runs at a time (one process each)")->check(CLI::Range(1, 256));
  sw->add_option("--out", c.sweep.out_dir, "Output directory (default runs/sweep-<scenario name>)");
  sw->add_option("--emit-jobs", c.sweep.emit_jobs,
                 "Write one `lakesim run` command per line (for GNU parallel) and stop");
  sw->add_option("--emit-slurm", c.sweep.emit_slurm, "Write a Slurm job-array script and stop");
  sw->add_flag("--force", c.sweep.force, "Run every point again, and replace a different sweep's plan");
  sw->add_flag("--quiet", c.sweep.quiet, "No progress line on the terminal");
  sw->add_flag("--allow-outside-paths", c.sweep.scenario.load.limits.allow_outside_paths,
               "Allow trace files outside the scenario's folder");

  c.merge_cmd = app.add_subcommand("merge", "Gather a sweep's per-point results into DIR/sweep.csv and DIR/sweep.json");
  c.merge_cmd->add_option("DIR", c.merge_dirs, "Sweep directories: the first holds the plan, results may be in any")
      ->required();

  c.report_cmd = app.add_subcommand("report", "Rebuild DIR/report.html; with several DIRs, also a comparison report");
  c.report_cmd->add_option("DIR", c.report_dirs, "Run directories")->required();
  c.report_cmd->add_option("--out", c.report_out,
                           "Comparison report file, with several DIRs (default comparison.html)");
  c.report_cmd
      ->add_option("--style", c.report_style,
                   "default, or slides: also DIR/slides.html, the figures as 16:9 slides (text at least 18 pt)")
      ->check(CLI::IsMember({"default", "slides"}));
}

bool dispatch_batch_command(BatchCommands& c, int& exit_code) {
  if (*c.compare_cmd) {
    if (c.compare_cmd->count("--seed")) c.compare.load.seed = c.seed;
    exit_code = compare_command(c.compare);
    return true;
  }
  if (*c.sweep_cmd) {
    if (c.sweep_cmd->count("--seed")) c.sweep.scenario.load.seed = c.sweep_seed;
    exit_code = sweep_command(c.sweep);
    return true;
  }
  if (*c.merge_cmd) {
    exit_code = merge_command(c.merge_dirs);
    return true;
  }
  if (*c.report_cmd) {
    exit_code = report_command(c.report_dirs, c.report_out, c.report_style);
    return true;
  }
  return false;
}

}  // namespace lakesim::cli
