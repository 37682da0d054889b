#pragma once
// The typed form of a scenario's `workloads`, `tables` and `prices` sections: what arrives, when,
// how big it is, and what it costs. Quantities are in SI base units (seconds, bytes, per second).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/catalog.hpp"
#include "scenario/spark_spec.hpp"

namespace lakesim::sim {

// A quantity that is either fixed or drawn anew for every job, query or batch.
struct Distribution {
  enum class Kind { Fixed, Exponential, Uniform, LogNormal };
  Kind kind = Kind::Fixed;
  double mean = 0;   // Fixed: the value; Exponential and LogNormal: the mean
  double min = 0;    // Uniform
  double max = 0;    // Uniform
  double sigma = 0;  // LogNormal: standard deviation of the underlying normal
};

struct ArrivalSpec {
  enum class Kind {
    Poisson,     // exponential inter-arrival times at `rate`
    Diurnal,     // Poisson with a daily cycle: rate x (1 + amplitude x cos(2 pi (t - peak) / 1 day))
    Cron,        // at offset, offset + every, offset + 2 x every, ...
    Continuous,  // one long-running instance from the start (streaming)
    Trace,       // the trace's own start times
  };
  Kind kind = Kind::Poisson;
  double rate = 0;            // per second (Poisson, Diurnal: the daily mean)
  double amplitude = 0;       // Diurnal, 0..1
  double peak = 14 * 3600.0;  // Diurnal: time of day of the peak, seconds
  double every = 0;           // Cron period, seconds
  double offset = 0;          // Cron first run, seconds
  // Poisson, Diurnal: a weekly pattern, the rate of day d of the week (day 0 of the run is a
  // Monday) multiplied by day_factors[d] (seven factors); empty: every day alike
  // (scenario/arrival_calendar).
  std::vector<double> day_factors;
};

// One Spark stage (or the whole of a SQL query): work and bytes moved.
struct StageSpec {
  Distribution core_seconds;   // CPU time on reference cores
  Distribution read_bytes;     // read from the workload's table / dataset on S3
  Distribution shuffle_bytes;  // written to local disk, then read by the next stage over the network
  Distribution write_bytes;    // written to the workload's table / dataset on S3
};

enum class WorkloadClass { Job, Sql, Notebook, Streaming, Training };
enum class WriteMode { Append, Merge };

// One row of a query-history trace (Databricks system.query.history export).
struct TraceQuery {
  std::string statement_id;
  double start = 0;              // seconds after the trace's first statement
  double recorded_duration = 0;  // seconds, from end_time - start_time or total_duration_ms
  std::string status;            // FINISHED, FAILED, CANCELED, ...
  std::string warehouse_id;
  double read_bytes = 0;
  double written_bytes = 0;
  double core_seconds = 0;    // total_task_duration_ms / 1000
  double io_cache_share = 0;  // read_io_cache_percent / 100: the share of read_bytes served from the workers' cache
  // compilation_duration_ms + result_fetch_duration_ms, in seconds: recorded time spent outside
  // execution, replayed as it was (the warehouse holds the slot meanwhile)
  double fixed_seconds = 0;
  std::size_t line = 0;  // where it came from, for messages
  std::string compute;   // the placement that replays it (warehouse_map); empty: the workload's
};

// One job run of a trace: a row of lakesim's job-run format, or the rows of one run in a
// `system.lakeflow.job_run_timeline` export merged back into the run.
struct TraceJobRun {
  std::string run_id;
  double start = 0;
  double recorded_duration = 0;  // seconds; 0 when the export has the run still going
  std::string status;            // as the trace writes it (SUCCESS, SUCCEEDED, FAILED, CANCELLED, ...)
  int instances = 1;
  double core_seconds = 0;
  double read_bytes = 0;
  double shuffle_bytes = 0;
  double write_bytes = 0;
  // The timeline records when and how a run ended, not its work: the work is drawn from the
  // workload's `stages` and the run leases the workload's `instances`.
  bool work_from_profile = false;
  std::size_t line = 0;  // its first row

  // Ended as the trace says it did: finished, failed (FAILED, ERROR, TIMEDOUT, TIMED_OUT),
  // canceled (CANCELED, CANCELLED), or never ran (SKIPPED, BLOCKED: it held no compute).
  bool finished() const { return status == "SUCCESS" || status == "SUCCEEDED"; }
  bool failed() const {
    return status == "FAILED" || status == "ERROR" || status == "TIMEDOUT" || status == "TIMED_OUT";
  }
  bool canceled() const { return status == "CANCELED" || status == "CANCELLED"; }
  bool never_ran() const { return status == "SKIPPED" || status == "BLOCKED"; }
};

struct TraceSpec {
  enum class Format { QueryHistory, JobRuns, JobRunTimeline };
  Format format = Format::QueryHistory;
  std::string file;                 // resolved path
  std::vector<TraceQuery> queries;  // QueryHistory
  std::vector<TraceJobRun> runs;    // JobRuns, JobRunTimeline
};

struct WorkloadSpec {
  std::string name;
  WorkloadClass cls = WorkloadClass::Job;
  std::string region;   // the workspace region its requests enter through
  std::string compute;  // the compute placement that runs it
  ArrivalSpec arrival;
  std::optional<TraceSpec> trace;
  std::vector<StageSpec> stages;  // Sql and Notebook: exactly one
  Distribution result_bytes;      // Sql, Notebook: bytes returned to the user
  Distribution artifact_bytes;    // Training: MLflow artifact written at the end
  int instances = 1;              // Job, Streaming, Training, Notebook: instances leased per run
  int tasks = 1;                  // Job: workflow tasks run one after another
  int retries = 0;                // Job: retries of a failed task
  std::string table;              // Delta table written (Job, Streaming); empty: none
  WriteMode write_mode = WriteMode::Append;
  double trigger = 0;                // Streaming: micro-batch interval, seconds
  double unauthorized_fraction = 0;  // share of requests from users without the grant (refused)
  std::string source_ip;             // the clients' address (IPv4); empty: inside the customer's network
  std::string token;      // the personal access token API requests carry (security.tokens); empty: a valid one
  std::string workspace;  // a name from `workspaces`; empty: the first workspace of its region
  std::string principal;  // the user or service principal it runs as (security.grants); empty: not checked
  SparkSpec spark;        // Job, Notebook, Streaming, Training: tasks, waves and speculation
};

struct TableSpec {
  std::string name;
  std::string region;
  models::ComponentId dataset = models::ComponentId::DeltaTableData;  // the dataset holding its files
  double size = 0;                                                    // bytes at the start
  std::uint64_t files = 0;                                            // data files at the start
};

struct PriceSpec {
  double s3_put_per_1000 = 0.005;     // USD per 1,000 PUT/COPY/POST/LIST
  double s3_get_per_1000 = 0.0004;    // USD per 1,000 GET
  double cross_region_per_gb = 0.02;  // USD per GB transferred between regions
  double nat_gateway_per_gb = 0.045;  // USD per GB a NAT gateway processes (us-east-1)
  double privatelink_per_gb = 0.01;   // USD per GB through an interface VPC endpoint (us-east-1, first PB)
};

}  // namespace lakesim::sim
