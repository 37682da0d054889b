#pragma once
// Reads the CSV traces that workloads replay: a Databricks query-history export
// (`system.query.history`), a job-run timeline export (`system.lakeflow.job_run_timeline`) and
// lakesim's job-run format (docs/scenario-format.md). Every problem
// is a Diagnostic located at the trace's own line and column; no row is ever skipped silently.
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostics.hpp"
#include "scenario/workload_spec.hpp"

namespace lakesim::sim {

// A longer trace is refused rather than read half-way: it would not fit a simulation anyway.
inline constexpr std::size_t kMaxTraceRows = 5'000'000;

// Beyond this many, problems are counted rather than listed, so a wrong file cannot flood the output.
inline constexpr std::size_t kMaxListedTraceProblems = 50;

// The most instances a job run may lease when its placement is unknown: the most a compute
// placement may have.
inline constexpr int kMaxRunInstances = 10'000'000;

// Where a trace is read from and how its problems are labelled.
struct TraceContext {
  std::string file;     // the trace's path, as diagnostics name it
  std::string pointer;  // JSON pointer of the scenario value that names the trace (".../trace/file")
  std::size_t max_rows = kMaxTraceRows;
  int max_instances = 0;  // job runs: most instances a run may lease; 0 for kMaxRunInstances
  std::string job_id;     // a job-run timeline: replay only this job's runs; empty: every run
};

// Rows in start order (stable for equal starts); starts are seconds after the earliest statement.
std::vector<TraceQuery> read_query_history(std::istream& in, const TraceContext& at, std::vector<Diagnostic>& problems);

// Rows in start order (stable for equal starts); starts as written (seconds after the trace's start).
std::vector<TraceJobRun> read_job_runs(std::istream& in, const TraceContext& at, std::vector<Diagnostic>& problems);

// A `system.lakeflow.job_run_timeline` export: the hourly slices of a long run merged back into
// one run (start of its first period to end of its last); its result state from its last row
// (none: still running when exported); its duration from `run_duration_seconds` where the export
// has that column, else from its periods. Runs in start order, starts in seconds after the
// earliest run's start. With `at.job_id`, only that job's rows (the export needs `job_id`).
std::vector<TraceJobRun> read_job_run_timeline(std::istream& in, const TraceContext& at,
                                               std::vector<Diagnostic>& problems);

// Seconds since 1970-01-01T00:00:00Z of an ISO 8601 time such as "2024-05-01T10:00:00.123Z",
// "2024-05-01T10:00:00+00:00" or "2024-05-01 10:00:00" (no zone: UTC). False if it is not one.
bool parse_iso8601(std::string_view text, double& seconds);

// A trace path resolved against the scenario's folder, or why it may not be used.
struct TracePath {
  std::string path;   // the scenario's folder joined with the trace's relative path, normalised
  std::string error;  // empty when `path` may be used
};

// Trace paths are relative to the scenario file's folder and must stay inside it, so a
// scenario cannot read arbitrary files; `allow_outside` lifts that rule.
TracePath resolve_trace_path(const std::string& scenario_file, const std::string& trace, bool allow_outside = false);

}  // namespace lakesim::sim
