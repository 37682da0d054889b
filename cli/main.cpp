// lakesim: the command line. Parses options, dispatches to a subcommand, and turns every
// error into a message and an exit code (never a crash).
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/batch_cli.hpp"
#include "cli/commands.hpp"
#include "cli/lab_cli.hpp"
#include "cli/risk_cli.hpp"
#include "cli/version.hpp"
#include "scenario/units.hpp"

namespace {

void add_scenario_options(CLI::App* cmd, lakesim::cli::ScenarioOptions& o) {
  cmd->add_option("FILE", o.file, "Scenario file (lakesim/1 JSON)")->required();
  lakesim::cli::add_variant_option(cmd, o.load.variant);
  cmd->add_option("--set", o.load.sets, "Override a value: path=value (dotted path or JSON pointer); repeatable")
      ->take_all();
  cmd->add_option("--max-hosts", o.load.limits.max_hosts, "Refuse platforms with more hosts than this")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-trace-rows", o.load.limits.max_trace_rows, "Refuse traces with more rows than this")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-requests", o.load.limits.max_requests,
                  "Refuse workloads expected to make more requests than this over the run")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--allow-outside-paths", o.load.limits.allow_outside_paths,
                "Allow trace files outside the scenario's folder (absolute or ../ paths)");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace lakesim::cli;
  CLI::App app{"lakesim: a discrete-event simulator of the Databricks lakehouse on AWS"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("lakesim ") + version);

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario and write results to a run directory");
  add_scenario_options(run_cmd, run.scenario);
  std::uint64_t seed = 0;
  run_cmd->add_option("--seed", seed, "Random seed (overrides the scenario's)");
  run_cmd->add_option("--out", run.out_dir, "Run directory (default runs/<scenario name>)");
  run_cmd->add_flag("--force", run.force, "Replace results already in the run directory");
  run_cmd->add_flag("--each-fault", run.each_fault,
                    "Run once per fault of the scenario, each alone, into DIR/<fault name>");
  run_cmd->add_flag("--narrate", run.narrate,
                    "Print what happens (outages, failover steps, failure bursts) as it happens");
  std::string max_wall;
  run_cmd->add_option("--max-wall", max_wall, "Stop after this much wall time (e.g. 10m); results are marked partial");
  run_cmd
      ->add_option("--engine-flag", run.engine_flags, "Pass an option to SimGrid, e.g. --cfg=contexts/factory:ucontext")
      ->take_all();
  add_run_batch_flags(run_cmd, run);

  ScenarioOptions validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario file and report every problem");
  add_scenario_options(validate_cmd, validate);

  ScenarioOptions topology;
  std::string topology_format = "dot";
  std::string topology_out;
  std::string topology_at;
  auto* topology_cmd =
      app.add_subcommand("topology", "Write the architecture graph (Graphviz DOT, JSON, or an SVG picture)");
  add_scenario_options(topology_cmd, topology);
  topology_cmd->add_option("--format", topology_format, "dot, json or svg (rendered with Graphviz dot)")
      ->check(CLI::IsMember({"dot", "json", "svg"}));
  topology_cmd->add_option("--at", topology_at,
                           "With --format svg: draw what the scenario's faults take down at this time (e.g. 2h30m)");
  topology_cmd->add_option("--out", topology_out, "Output file (default standard output)");
  std::string topology_run;
  topology_cmd->add_option("--run", topology_run,
                           "With --at: a run directory of this scenario; draws which region serves users then and "
                           "which recovery step is in progress");
  std::string topology_style = "default";
  topology_cmd
      ->add_option("--style", topology_style,
                   "default, or slides: one 16:9 slide (1920x1080, text at least 18 pt) with svg or dot")
      ->check(CLI::IsMember({"default", "slides"}));

  ScenarioOptions explain;
  auto* explain_cmd = app.add_subcommand(
      "explain", "Explain the architecture in plain language, timing one job and one SQL query hop by hop");
  add_scenario_options(explain_cmd, explain);
  bool glossary = false;
  explain_cmd->add_flag("--glossary", glossary, "Print the glossary of failure causes (no scenario needed)");
  explain_cmd->get_option("FILE")->required(false);
  bool fault_listing = false;
  explain_cmd->add_flag("--faults", fault_listing,
                        "List the fault kinds and the named fault scenarios with their sources (no scenario needed)");

  std::string catalog_plane;
  std::string catalog_format = "table";
  auto* catalog_cmd = app.add_subcommand("catalog", "Print the component catalogue");
  catalog_cmd->add_option("--plane", catalog_plane, "control or data")->check(CLI::IsMember({"control", "data"}));
  catalog_cmd->add_option("--format", catalog_format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));

  CalibrateOptions calibrate;
  auto* calibrate_cmd = app.add_subcommand(
      "calibrate", "Fit the replayed SQL warehouses to their query-history traces and write the calibrated scenario");
  add_scenario_options(calibrate_cmd, calibrate.scenario);
  calibrate_cmd->add_option("--out", calibrate.out,
                            "Calibrated scenario (default <FILE stem>-calibrated.json beside FILE)");
  calibrate_cmd->add_flag("--quiet", calibrate.quiet, "No progress lines");

  BatchCommands batch;
  add_batch_commands(app, batch);
  LabCommands lab;
  add_lab_commands(app, lab);
  RiskOptions risk;
  add_risk_command(app, risk);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }

  try {
    if (*run_cmd) {
      if (run_cmd->count("--seed")) run.scenario.load.seed = seed;
      if (!max_wall.empty()) {
        const auto parsed = lakesim::sim::parse_duration(max_wall);
        if (const auto* e = std::get_if<lakesim::sim::UnitError>(&parsed)) {
          std::cerr << "--max-wall: " << e->message << " (expected " << e->expected << ")\n";
          return kExitBadInput;
        }
        run.max_wall = std::get<double>(parsed);
      }
      return run_command(run);
    }
    if (*validate_cmd) return validate_command(validate);
    if (*topology_cmd)
      return topology_command(topology, topology_format, topology_out, topology_at, topology_run, topology_style);
    if (*catalog_cmd) return catalog_command(catalog_plane, catalog_format);
    if (*explain_cmd && fault_listing) return faults_command();
    if (*explain_cmd) return glossary ? glossary_command() : explain_command(explain);
    if (*calibrate_cmd) return calibrate_command(calibrate);
    if (int code = kExitOk; dispatch_batch_command(batch, code)) return code;
    if (int code = kExitOk; dispatch_lab_command(lab, code)) return code;
    if (int code = kExitOk; dispatch_risk_command(risk, code)) return code;
  } catch (const std::exception& e) {
    std::cerr << "lakesim: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitBadInput;
}
