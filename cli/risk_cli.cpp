#include "cli/risk_cli.hpp"

#include "cli/commands.hpp"

namespace lakesim::cli {

void add_risk_command(CLI::App& app, RiskOptions& o) {
  o.command = app.add_subcommand(
      "risk", "Expected yearly cost of designs under sampled outages (infrastructure + outage + data loss)");
  CLI::App* cmd = o.command;
  cmd->add_option("FILE", o.scenario.file, "Scenario file with an `impact` section (and optionally `risk`)")
      ->required();
  cmd->add_option("--variants", o.variants,
                  "Comma-separated designs (\"base\" for the base scenario, a+b for b applied over a); "
                  "default: the base and every variant")
      ->delimiter(',');
  cmd->add_option("--samples", o.samples, "Sampled outages per design (common to all designs)")
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--set", o.scenario.load.sets, "Override a value in every design: path=value; repeatable")
      ->take_all();
  cmd->add_option("--seed", o.seed, "Seed the samples derive from (default: the scenario's)");
  cmd->add_option("-j,--jobs", o.jobs, "Runs at a time (one process each)")->check(CLI::Range(1, 256));
  cmd->add_option("--out", o.out_dir, "Output directory (default runs/risk-<scenario name>)");
  cmd->add_flag("--force", o.force, "Run again even where complete results exist, and replace another plan");
  cmd->add_flag("--quiet", o.quiet, "No progress line on the terminal");
  cmd->add_flag("--allow-outside-paths", o.scenario.load.limits.allow_outside_paths,
                "Allow trace files outside the scenario's folder");
}

bool dispatch_risk_command(RiskOptions& o, int& exit_code) {
  if (o.command == nullptr || !*o.command) return false;
  if (o.command->count("--seed")) o.scenario.load.seed = o.seed;
  exit_code = risk_command(o);
  return true;
}

}  // namespace lakesim::cli
