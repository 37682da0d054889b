#pragma once
// The lakesim subcommands. Each returns the process exit code:
// 0 success, 2 bad input (scenario, options, existing output), 1 failure while running.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario_loader.hpp"

namespace lakesim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct ScenarioOptions {
  std::string file;
  sim::LoadOptions load;
};

struct RunOptions {
  ScenarioOptions scenario;
  std::string out_dir;  // default: runs/<scenario name>
  bool force = false;   // replace results already in out_dir
  std::vector<std::string> engine_flags;
  double max_wall = 0;           // seconds of wall time before the run stops early; 0: no limit
  bool each_fault = false;       // one run per listed fault, in DIR/<fault name>
  bool narrate = false;          // print the narration of the run as it goes
  std::size_t replications = 0;  // > 0: that many runs on derived seeds, in DIR/rep-<i>, and DIR/summary.json
  int jobs = 1;                  // runs at a time (replications)
  bool trace = false;            // SimGrid's Paje trace in DIR/trace.paje
  bool quiet = false;            // no progress line
  bool no_report = false;        // skip DIR/report.html (batch jobs)
};

// Designs side by side on common seeds (compare_command.cpp).
struct CompareOptions {
  std::vector<std::string> files;
  std::vector<std::string> variants;  // empty: the base and every variant of each file; "base" is the base
  sim::LoadOptions load;              // --set, --seed and limits, for every design
  std::size_t replications = 5;
  int jobs = 1;
  std::string out_dir;  // default runs/compare-<first scenario name>
  bool force = false;
  bool quiet = false;
};

// A parameter sweep: the cross product of --vary values (sweep_command.cpp).
struct SweepOptions {
  ScenarioOptions scenario;
  std::vector<std::string> vary;  // "path=v1,v2,..." or "path=[json, values]"
  std::size_t replications = 1;
  int jobs = 1;
  std::string out_dir;     // default runs/sweep-<scenario name>
  std::string emit_jobs;   // write `lakesim run` commands here instead of running
  std::string emit_slurm;  // write a Slurm job-array script here instead of running
  bool force = false;
  bool quiet = false;
};

// Fits replayed SQL warehouses to their query-history traces (calibrate_command.cpp).
struct CalibrateOptions {
  ScenarioOptions scenario;
  std::string out;  // the calibrated scenario; default <scenario>-calibrated.json beside it
  bool quiet = false;
};

int run_command(const RunOptions& options);
int calibrate_command(const CalibrateOptions& options);
int validate_command(const ScenarioOptions& options);
// `at`: a duration; with --format svg, what the scenario's faults take down then is drawn red.
// `style` "slides": one 16:9 slide (presentation/slide_picture.hpp) instead of the overview.
// `run_dir`: with `at`, the failover state at that instant is read from that run's results.json.
int topology_command(const ScenarioOptions& options, const std::string& format, const std::string& out_file,
                     const std::string& at = "", const std::string& run_dir = "", const std::string& style = "default");
int catalog_command(const std::string& plane, const std::string& format);
// The architecture in plain language, with one job's and one query's hops timed (explain_command.cpp).
int explain_command(const ScenarioOptions& options);
// `explain --glossary`: what each failure cause means.
int glossary_command();
// `explain --faults`: every fault kind and named fault scenario (preset), with its source.
int faults_command();
int compare_command(const CompareOptions& options);
int sweep_command(const SweepOptions& options);
// Gathers a sweep's per-point results (found in any of `dirs`, the first holding the plan) into
// the first dir's sweep.csv and sweep.json.
int merge_command(const std::vector<std::string>& dirs);
// Rebuilds DIR/report.html of each run directory; with several, also a comparison report.
// `style` "slides": also DIR/slides.html, the run's figures as 16:9 slides.
int report_command(const std::vector<std::string>& dirs, const std::string& comparison_out,
                   const std::string& style = "default");

// After a run (run_command.cpp): topology.dot and report.html in `out` (report_command.cpp).
void finish_run_directory(const sim::Scenario& scenario, const std::string& out, bool quiet);
// N runs of one scenario on derived seeds (replications_command.cpp).
int run_replications(const sim::Scenario& scenario, const std::string& out, const RunOptions& options);

// Loads the scenario or prints every diagnostic to stderr; shared by the commands.
std::optional<sim::Scenario> load_or_report(const ScenarioOptions& options);

}  // namespace lakesim::cli
