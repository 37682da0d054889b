// The `workloads`, `tables` and `prices` sections: a full example reads into the expected typed
// values, and each rule refuses its bad case at the right JSON path.
#include <catch2/catch.hpp>

#include "scenario/catalog.hpp"
#include "scenario/field_reader.hpp"
#include "scenario/json_source.hpp"
#include "scenario/workload_reader.hpp"

using namespace lakesim::sim;

namespace {

// Regions and compute as the loader leaves them before reading workloads; the scenario "lives"
// in scenarios/ so that traces/... resolves to the shipped traces.
Scenario base() {
  Scenario s;
  s.file = std::string(LAKESIM_SCENARIO_DIR) + "/workload-test.json";
  s.regions = {{"us-east-1", {"us-east-1a", "us-east-1b"}, {}}, {"eu-west-1", {"eu-west-1a"}, {}}};
  ComputeSpec spark;
  spark.name = "spark";
  spark.kind = ComputeKind::ServerlessSpark;
  spark.region = "us-east-1";
  spark.instances = 16;
  ComputeSpec sql;
  sql.name = "sql";
  sql.kind = ComputeKind::SqlWarehouse;
  sql.region = "us-east-1";
  sql.instances = 8;
  ComputeSpec eu;
  eu.name = "spark-eu";
  eu.kind = ComputeKind::ServerlessSpark;
  eu.region = "eu-west-1";
  eu.instances = 4;
  s.compute = {spark, sql, eu};
  return s;
}

struct Result {
  Scenario scenario;
  std::vector<Diagnostic> diagnostics;
};

Result read(const std::string& text) {
  JsonDocument doc = parse_json_document(text, "test.json");
  Result r{base(), {}};
  FieldReader in(doc.source, r.diagnostics);
  read_workloads(doc.root, in, r.scenario);
  return r;
}

// A section made of one table and the given workloads.
std::string with_workloads(const std::string& workloads) {
  return R"({"tables": [{"name": "sales", "region": "us-east-1", "size": "2TB", "files": 20000}],
             "workloads": [)" +
         workloads + "]}";
}

// The first diagnostic is at `pointer` and mentions `text`.
Diagnostic expect_error(const std::string& text, const std::string& pointer, const std::string& message) {
  const Result r = read(text);
  REQUIRE(!r.diagnostics.empty());
  const Diagnostic& d = r.diagnostics.front();
  INFO(d.to_string());
  CHECK(d.pointer == pointer);
  CHECK_THAT(d.message, Catch::Contains(message));
  CHECK(d.where.file == "test.json");
  CHECK(d.where.line > 0);
  return d;
}

Diagnostic expect_workload_error(const std::string& workload, const std::string& pointer, const std::string& message) {
  return expect_error(with_workloads(workload), pointer, message);
}

const char* kFullExample = R"({
  "tables": [{"name": "sales", "region": "us-east-1", "dataset": "delta_table_data", "size": "2TB", "files": 20000},
             {"name": "clicks", "region": "us-east-1", "size": "0B", "files": 0}],
  "workloads": [
    {"name": "etl", "class": "job", "region": "us-east-1", "compute": "spark",
     "arrival": {"kind": "cron", "every": "1h", "offset": "5m"},
     "instances": 4, "tasks": 3, "retries": 2, "table": "sales", "write_mode": "append",
     "stages": [{"core_seconds": {"dist": "lognormal", "mean": "600s", "sigma": 0.5},
                 "read": "20GB", "shuffle": "5GB", "write": "2GB"}]},
    {"name": "bi", "class": "sql", "region": "eu-west-1", "compute": "sql", "arrival": {"kind": "poisson", "rate": "600/h"},
     "stages": [{"core_seconds": {"dist": "exponential", "mean": "20s"},
                 "read": {"dist": "lognormal", "mean": "500MB", "sigma": 1.0}}], "result": "1MB",
     "unauthorized_fraction": 0.05},
    {"name": "dash", "class": "sql", "compute": "sql",
     "arrival": {"kind": "diurnal", "rate": "300/h", "amplitude": 0.6, "peak": "14h"},
     "stages": [{"read": {"dist": "uniform", "min": "10MB", "max": "30MB"}}]},
    {"name": "clicks", "class": "streaming", "compute": "spark", "trigger": "30s", "instances": 2, "table": "clicks",
     "write_mode": "merge", "stages": [{"core_seconds": "40s", "read": "200MB", "write": "50MB"}]},
    {"name": "churn", "class": "training", "compute": "spark", "arrival": {"kind": "cron", "every": "24h", "offset": "2h"},
     "instances": 4, "stages": [{"core_seconds": "2h"}, {"core_seconds": "1h", "read": "1GB"}], "artifact": "500MB"},
    {"name": "adhoc", "class": "notebook", "compute": "spark", "arrival": {"kind": "poisson", "rate": "60/h"},
     "stages": [{"core_seconds": {"dist": "fixed", "mean": "90s"}}], "result": "100KB"},
    {"name": "replay", "class": "sql", "compute": "sql",
     "trace": {"file": "traces/query-history.csv", "format": "query_history"}},
    {"name": "jobs-replay", "class": "job", "compute": "spark", "arrival": {"kind": "trace"},
     "trace": {"file": "traces/job-runs.csv", "format": "job_runs"}}
  ],
  "prices": {"s3_put_per_1000": 0.006, "cross_region_per_gb": 0.01}
})";

}  // namespace

TEST_CASE("the full example reads into typed values") {
  const Result r = read(kFullExample);
  for (const Diagnostic& d : r.diagnostics) INFO(d.to_string());
  REQUIRE(r.diagnostics.empty());
  const Scenario& s = r.scenario;

  REQUIRE(s.tables.size() == 2);
  CHECK(s.tables[0].name == "sales");
  CHECK(s.tables[0].region == "us-east-1");
  CHECK(s.tables[0].dataset == lakesim::models::ComponentId::DeltaTableData);
  CHECK(s.tables[0].size == 2e12);
  CHECK(s.tables[0].files == 20000);
  CHECK(s.tables[1].size == 0);

  CHECK(s.prices.s3_put_per_1000 == 0.006);
  CHECK(s.prices.s3_get_per_1000 == 0.0004);  // default kept
  CHECK(s.prices.cross_region_per_gb == 0.01);

  REQUIRE(s.workloads.size() == 8);
  const WorkloadSpec& etl = s.workloads[0];
  CHECK(etl.name == "etl");
  CHECK(etl.cls == WorkloadClass::Job);
  CHECK(etl.region == "us-east-1");
  CHECK(etl.compute == "spark");
  CHECK(etl.arrival.kind == ArrivalSpec::Kind::Cron);
  CHECK(etl.arrival.every == 3600);
  CHECK(etl.arrival.offset == 300);
  CHECK(etl.instances == 4);
  CHECK(etl.tasks == 3);
  CHECK(etl.retries == 2);
  CHECK(etl.table == "sales");
  CHECK(etl.write_mode == WriteMode::Append);
  REQUIRE(etl.stages.size() == 1);
  CHECK(etl.stages[0].core_seconds.kind == Distribution::Kind::LogNormal);
  CHECK(etl.stages[0].core_seconds.mean == 600);
  CHECK(etl.stages[0].core_seconds.sigma == 0.5);
  CHECK(etl.stages[0].read_bytes.kind == Distribution::Kind::Fixed);
  CHECK(etl.stages[0].read_bytes.mean == 20e9);
  CHECK(etl.stages[0].shuffle_bytes.mean == 5e9);
  CHECK(etl.stages[0].write_bytes.mean == 2e9);
  CHECK_FALSE(etl.trace);

  const WorkloadSpec& bi = s.workloads[1];
  CHECK(bi.cls == WorkloadClass::Sql);
  CHECK(bi.region == "eu-west-1");  // given: a workspace in another region than its warehouse
  CHECK(bi.arrival.kind == ArrivalSpec::Kind::Poisson);
  CHECK(bi.arrival.rate == Approx(600.0 / 3600));
  CHECK(bi.stages.at(0).core_seconds.kind == Distribution::Kind::Exponential);
  CHECK(bi.stages.at(0).core_seconds.mean == 20);
  CHECK(bi.stages.at(0).read_bytes.kind == Distribution::Kind::LogNormal);
  CHECK(bi.stages.at(0).read_bytes.mean == 500e6);
  CHECK(bi.stages.at(0).read_bytes.sigma == 1.0);
  CHECK(bi.stages.at(0).write_bytes.mean == 0);
  CHECK(bi.result_bytes.mean == 1e6);
  CHECK(bi.unauthorized_fraction == 0.05);
  CHECK(bi.instances == 1);

  const WorkloadSpec& dash = s.workloads[2];
  CHECK(dash.region == "us-east-1");  // defaults to the placement's region
  CHECK(dash.arrival.kind == ArrivalSpec::Kind::Diurnal);
  CHECK(dash.arrival.rate == Approx(300.0 / 3600));
  CHECK(dash.arrival.amplitude == 0.6);
  CHECK(dash.arrival.peak == 14 * 3600);
  CHECK(dash.stages.at(0).read_bytes.kind == Distribution::Kind::Uniform);
  CHECK(dash.stages.at(0).read_bytes.min == 10e6);
  CHECK(dash.stages.at(0).read_bytes.max == 30e6);

  const WorkloadSpec& clicks = s.workloads[3];
  CHECK(clicks.cls == WorkloadClass::Streaming);
  CHECK(clicks.arrival.kind == ArrivalSpec::Kind::Continuous);  // the default for streaming
  CHECK(clicks.trigger == 30);
  CHECK(clicks.instances == 2);
  CHECK(clicks.write_mode == WriteMode::Merge);

  const WorkloadSpec& churn = s.workloads[4];
  CHECK(churn.cls == WorkloadClass::Training);
  CHECK(churn.stages.size() == 2);
  CHECK(churn.stages[0].core_seconds.mean == 7200);
  CHECK(churn.artifact_bytes.mean == 500e6);

  const WorkloadSpec& adhoc = s.workloads[5];
  CHECK(adhoc.cls == WorkloadClass::Notebook);
  CHECK(adhoc.stages.at(0).core_seconds.kind == Distribution::Kind::Fixed);
  CHECK(adhoc.stages.at(0).core_seconds.mean == 90);
  CHECK(adhoc.result_bytes.mean == 100e3);

  const WorkloadSpec& replay = s.workloads[6];
  CHECK(replay.arrival.kind == ArrivalSpec::Kind::Trace);
  REQUIRE(replay.trace);
  CHECK(replay.trace->format == TraceSpec::Format::QueryHistory);
  CHECK(replay.trace->file == std::string(LAKESIM_SCENARIO_DIR) + "/traces/query-history.csv");
  CHECK(replay.trace->queries.size() > 100);
  CHECK(replay.stages.empty());

  const WorkloadSpec& jobs = s.workloads[7];
  CHECK(jobs.arrival.kind == ArrivalSpec::Kind::Trace);
  REQUIRE(jobs.trace);
  CHECK(jobs.trace->format == TraceSpec::Format::JobRuns);
  CHECK(jobs.trace->runs.size() == 40);
}

TEST_CASE("no workloads, tables or prices is valid and keeps the defaults") {
  const Result r = read("{}");
  CHECK(r.diagnostics.empty());
  CHECK(r.scenario.workloads.empty());
  CHECK(r.scenario.prices.s3_put_per_1000 == 0.005);
}

TEST_CASE("workloads: unknown keys, types and units") {
  const Diagnostic d = expect_workload_error(
      R"({"name": "a", "class": "job", "compute": "spark", "arrival": {"kind": "poisson", "rate": "1/h"},
          "stagse": [{"core_seconds": "1s"}]})",
      "/workloads/0/stagse", "unknown key \"stagse\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"stages\"?"));
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "instances": "4",
                            "arrival": {"kind": "poisson", "rate": "1/h"}, "stages": [{"core_seconds": "1s"}]})",
                        "/workloads/0/instances", "where a number belongs");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark",
                            "arrival": {"kind": "poisson", "rate": "1/h"}, "stages": [{"core_seconds": 600}]})",
                        "/workloads/0/stages/0/core_seconds", "where a duration belongs");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark",
                            "arrival": {"kind": "poisson", "rate": "1/h"}, "stages": [{"read": "5 parsecs"}]})",
                        "/workloads/0/stages/0/read", "unknown unit \"parsecs\"");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark",
                            "arrival": {"kind": "poisson", "rate": "1/h"}, "stages": [{"write": "-5GB"}]})",
                        "/workloads/0/stages/0/write", "negative size");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark",
                            "arrival": {"kind": "poisson", "rate": "0/h"}, "stages": [{"write": "5GB"}]})",
                        "/workloads/0/arrival/rate", "zero rate");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark",
                            "arrival": {"kind": "poisson", "rate": "1/h", "every": "1h"}, "stages": [{"write": "5GB"}]})",
                        "/workloads/0/arrival/every", "unknown key \"every\"");
}

TEST_CASE("workloads: distributions") {
  const std::string head = R"({"name": "a", "class": "job", "compute": "spark",
                               "arrival": {"kind": "poisson", "rate": "1/h"}, "stages": [{"core_seconds": )";
  const Diagnostic d = expect_workload_error(head + R"({"dist": "lognormla", "mean": "1s", "sigma": 1}}]})",
                                             "/workloads/0/stages/0/core_seconds/dist", "unknown distribution");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"lognormal\"?"));
  expect_workload_error(head + R"({"dist": "exponential", "mean": "0s"}}]})", "/workloads/0/stages/0/core_seconds/mean",
                        "zero duration");
  expect_workload_error(head + R"({"dist": "lognormal", "mean": "10s"}}]})", "/workloads/0/stages/0/core_seconds",
                        "missing required key \"sigma\"");
  expect_workload_error(head + R"({"dist": "uniform", "min": "10s", "max": "5s"}}]})",
                        "/workloads/0/stages/0/core_seconds/max", "max is not above min");
  expect_workload_error(head + R"({"dist": "exponential", "mean": "10s", "sigma": 1}}]})",
                        "/workloads/0/stages/0/core_seconds/sigma", "unknown key \"sigma\"");
  expect_workload_error(head + R"({"dist": "lognormal", "mean": "10s", "sigma": -1}}]})",
                        "/workloads/0/stages/0/core_seconds/sigma", "out of range");
}

TEST_CASE("workloads: names, classes and references") {
  const std::string rest = R"(, "arrival": {"kind": "poisson", "rate": "1/h"}, "stages": [{"core_seconds": "1s"}]})";
  const Diagnostic cls = expect_workload_error(R"({"name": "a", "class": "jbo", "compute": "spark")" + rest,
                                               "/workloads/0/class", "unknown workload class \"jbo\"");
  CHECK_THAT(cls.message, Catch::Contains("did you mean \"job\"?"));
  expect_workload_error(R"({"name": "a", "compute": "spark")" + rest, "/workloads/0", "missing required key \"class\"");
  const Diagnostic compute = expect_workload_error(R"({"name": "a", "class": "job", "compute": "sprak")" + rest,
                                                   "/workloads/0/compute", "undefined compute placement \"sprak\"");
  CHECK_THAT(compute.message, Catch::Contains("did you mean \"spark\"?"));
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "region": "us-east-2")" + rest,
                        "/workloads/0/region", "undefined region \"us-east-2\"");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "table": "sale")" + rest,
                        "/workloads/0/table", "undefined table \"sale\"; did you mean \"sales\"?");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark")" + rest +
                            R"(, {"name": "a", "class": "job", "compute": "spark")" + rest,
                        "/workloads/1/name", "duplicate workload name \"a\"");
}

TEST_CASE("workloads: class rules") {
  const std::string poisson = R"("arrival": {"kind": "poisson", "rate": "1/h"})";
  const std::string stage = R"({"core_seconds": "1s"})";
  expect_workload_error(
      R"({"name": "a", "class": "sql", "compute": "spark", )" + poisson + R"(, "stages": [)" + stage + "]}",
      "/workloads/0/compute", "sql workloads run on sql_warehouse compute; \"spark\" is serverless_spark");
  expect_workload_error(
      R"({"name": "a", "class": "notebook", "compute": "sql", )" + poisson + R"(, "stages": [)" + stage + "]}",
      "/workloads/0/compute", "notebook workloads run on serverless_spark compute");
  expect_workload_error(R"({"name": "a", "class": "sql", "compute": "sql", )" + poisson + R"(, "stages": [)" + stage +
                            ", " + stage + "]}",
                        "/workloads/0/stages", "sql workloads have exactly one stage; found 2");
  expect_workload_error(R"({"name": "a", "class": "notebook", "compute": "spark", )" + poisson + R"(, "stages": []})",
                        "/workloads/0/stages", "notebook workloads have exactly one stage; found 0");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", )" + poisson + R"(, "stages": []})",
                        "/workloads/0/stages", "empty list");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", )" + poisson + "}", "/workloads/0",
                        "missing required key \"stages\"");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", )" + poisson +
                            R"(, "stages": [{"core_seconds": "0s", "read": "0B"}]})",
                        "/workloads/0/stages/0", "a stage with no work");
  expect_workload_error(R"({"name": "a", "class": "streaming", "compute": "spark", "stages": [)" + stage + "]}",
                        "/workloads/0", "missing required key \"trigger\"");
  expect_workload_error(R"({"name": "a", "class": "streaming", "compute": "spark", "trigger": "30s", )" + poisson +
                            R"(, "stages": [)" + stage + "]}",
                        "/workloads/0/arrival/kind", "a streaming workload runs continuously");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "arrival": {"kind": "continuous"},
                            "stages": [)" +
                            stage + "]}",
                        "/workloads/0/arrival/kind", "only streaming workloads run continuously");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "stages": [)" + stage + "]}",
                        "/workloads/0", "missing required key \"arrival\"");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "instances": 0, )" + poisson +
                            R"(, "stages": [)" + stage + "]}",
                        "/workloads/0/instances", "is not positive");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark-eu", "instances": 5, )" + poisson +
                            R"(, "stages": [)" + stage + "]}",
                        "/workloads/0/instances", "5 instances, more than the 4 of placement \"spark-eu\"");
  expect_workload_error(R"({"name": "a", "class": "sql", "compute": "sql", "instances": 2, )" + poisson +
                            R"(, "stages": [)" + stage + "]}",
                        "/workloads/0/instances",
                        "\"instances\" applies only to job, notebook, streaming and training");
  expect_workload_error(
      R"({"name": "a", "class": "sql", "compute": "sql", "tasks": 2, )" + poisson + R"(, "stages": [)" + stage + "]}",
      "/workloads/0/tasks", "\"tasks\" applies only to job workloads, not sql");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "unauthorized_fraction": 1.5, )" +
                            poisson + R"(, "stages": [)" + stage + "]}",
                        "/workloads/0/unauthorized_fraction", "out of range");
  expect_workload_error(R"({"name": "a", "class": "job", "compute": "spark", "write_mode": "append", )" + poisson +
                            R"(, "stages": [)" + stage + "]}",
                        "/workloads/0/write_mode", "without a \"table\"");
  expect_workload_error(
      R"({"name": "a", "class": "job", "compute": "spark", "table": "sales", "write_mode": "upsert", )" + poisson +
          R"(, "stages": [)" + stage + "]}",
      "/workloads/0/write_mode", "unknown write mode \"upsert\"");
}

TEST_CASE("workloads: arrivals") {
  const std::string head = R"({"name": "a", "class": "job", "compute": "spark", "stages": [{"core_seconds": "1s"}], )";
  expect_workload_error(head + R"("arrival": {"kind": "diurnal", "rate": "1/h", "amplitude": 1.5}})",
                        "/workloads/0/arrival/amplitude", "out of range");
  expect_workload_error(head + R"("arrival": {"kind": "diurnal", "rate": "1/h", "amplitude": 0.5, "peak": "25h"}})",
                        "/workloads/0/arrival/peak", "a time of day from 24h on");
  expect_workload_error(head + R"("arrival": {"kind": "cron", "every": "0s"}})", "/workloads/0/arrival/every",
                        "zero duration");
  expect_workload_error(head + R"("arrival": {"kind": "cron"}})", "/workloads/0/arrival",
                        "missing required key \"every\"");
  expect_workload_error(head + R"("arrival": {"kind": "poison", "rate": "1/h"}})", "/workloads/0/arrival/kind",
                        "did you mean \"poisson\"?");
  expect_workload_error(head + R"("arrival": {"kind": "trace"}})", "/workloads/0/arrival/kind",
                        "arrival kind \"trace\" needs a \"trace\"");
}

TEST_CASE("workloads: traces") {
  const std::string sql = R"({"name": "r", "class": "sql", "compute": "sql", )";
  expect_workload_error(sql + R"("arrival": {"kind": "poisson", "rate": "1/h"},
                                   "trace": {"file": "traces/query-history.csv", "format": "query_history"}})",
                        "/workloads/0/arrival/kind", "a trace workload arrives at the trace's own start times");
  expect_workload_error(sql + R"("trace": {"file": "traces/query-history.csv", "format": "query_history"},
                                   "stages": [{"core_seconds": "1s"}]})",
                        "/workloads/0/stages", "a trace workload takes its work from the trace");
  expect_workload_error(sql + R"("trace": {"file": "traces/job-runs.csv", "format": "job_runs"}})",
                        "/workloads/0/trace/format", "a job_runs trace does not fit a sql workload");
  expect_workload_error(sql + R"("trace": {"file": "traces/query-history.csv", "format": "csv"}})",
                        "/workloads/0/trace/format", "unknown trace format \"csv\"");
  expect_workload_error(sql + R"("trace": {"file": "../tests/q.csv", "format": "query_history"}})",
                        "/workloads/0/trace/file", "path escapes the scenario's folder");
  expect_workload_error(sql + R"("trace": {"file": "/etc/hosts", "format": "query_history"}})",
                        "/workloads/0/trace/file", "path escapes the scenario's folder");
  expect_workload_error(sql + R"("trace": {"file": "traces/nope.csv", "format": "query_history"}})",
                        "/workloads/0/trace/file", "trace file \"traces/nope.csv\" not found");
  expect_workload_error(sql + R"("trace": {"file": "traces", "format": "query_history"}})", "/workloads/0/trace/file",
                        "is not a regular file");
  expect_workload_error(R"({"name": "s", "class": "streaming", "compute": "spark", "trigger": "1s",
                            "trace": {"file": "traces/job-runs.csv", "format": "job_runs"}})",
                        "/workloads/0/trace", "streaming workloads cannot replay a trace");
  // A job-run trace is checked against its placement's size: spark-eu has 4 instances.
  const Result r = read(with_workloads(R"({"name": "j", "class": "job", "compute": "spark-eu",
                                            "trace": {"file": "traces/job-runs.csv", "format": "job_runs"}})"));
  REQUIRE(r.diagnostics.size() >= 2);
  CHECK(r.diagnostics[0].pointer == "/workloads/0/trace/file");
  CHECK_THAT(r.diagnostics[0].message, Catch::Contains("problems, listed below"));
  CHECK_THAT(r.diagnostics[1].to_string(), Catch::Contains("job-runs.csv:"));
  CHECK_THAT(r.diagnostics[1].to_string(),
             Catch::Contains("instances: \"8\" is more than the placement's 4 instances"));
}

TEST_CASE("workloads: a warehouse map sends each statement to its warehouse's placement") {
  const std::string sql = R"({"name": "r", "class": "sql", "compute": "sql",
                               "trace": {"file": "traces/query-history.csv", "format": "query_history"}, )";
  // The shipped export has two warehouses: 91c07d3e2a6b8f14 and 4b9e2f1a7c3d5e60.
  const Result r =
      read(with_workloads(sql + R"("warehouse_map": {"91c07d3e2a6b8f14": "sql", "4b9e2f1a7c3d5e60": "sql"}})"));
  for (const Diagnostic& d : r.diagnostics) INFO(d.to_string());
  REQUIRE(r.diagnostics.empty());
  const auto& queries = r.scenario.workloads.at(0).trace->queries;
  REQUIRE(!queries.empty());
  for (const TraceQuery& q : queries) CHECK(q.compute == "sql");

  // Without a map, every statement stays on the workload's own placement, whatever its warehouse.
  const Result plain = read(with_workloads(R"({"name": "r", "class": "sql", "compute": "sql",
      "trace": {"file": "traces/query-history.csv", "format": "query_history"}})"));
  REQUIRE(plain.diagnostics.empty());
  for (const TraceQuery& q : plain.scenario.workloads.at(0).trace->queries) CHECK(q.compute.empty());

  const Diagnostic d =
      expect_workload_error(sql + R"("warehouse_map": {"91c07d3e2a6b8f14": "sql"}})", "/workloads/0/warehouse_map",
                            "1 warehouse id of the trace not in the map: \"4b9e2f1a7c3d5e60\" (");
  CHECK_THAT(d.expected, Catch::Contains("every warehouse id of the trace mapped"));
  expect_workload_error(sql + R"("warehouse_map": {"other": "sql"}})", "/workloads/0/warehouse_map",
                        "2 warehouse ids of the trace not in the map: \"4b9e2f1a7c3d5e60\" (");
  expect_workload_error(sql + R"("warehouse_map": {"91c07d3e2a6b8f14": "spark", "4b9e2f1a7c3d5e60": "sql"}})",
                        "/workloads/0/warehouse_map/91c07d3e2a6b8f14", "undefined sql_warehouse placement \"spark\"");
  expect_workload_error(sql + R"("warehouse_map": {"91c07d3e2a6b8f14": 3}})",
                        "/workloads/0/warehouse_map/91c07d3e2a6b8f14", "not a string");
  expect_workload_error(sql + R"("warehouse_map": {}})", "/workloads/0/warehouse_map", "empty warehouse map");
  expect_workload_error(sql + R"("warehouse_map": ["sql"]})", "/workloads/0/warehouse_map", "not an object");
  expect_workload_error(
      R"({"name": "r", "class": "sql", "compute": "sql", "arrival": {"kind": "poisson", "rate": "1/h"},
                            "stages": [{"core_seconds": "1s"}], "warehouse_map": {"a": "sql"}})",
      "/workloads/0/warehouse_map", "a warehouse map without a \"trace\"");
  expect_workload_error(R"({"name": "j", "class": "job", "compute": "spark",
                            "trace": {"file": "traces/job-runs.csv", "format": "job_runs"}, "warehouse_map": {"a": "sql"}})",
                        "/workloads/0/warehouse_map", "\"warehouse_map\" applies only to sql workloads");
}

TEST_CASE("tables: names, regions, datasets, sizes") {
  expect_error(R"({"tables": [{"name": "t", "region": "us-east-1", "size": "1GB", "files": 1},
                              {"name": "t", "region": "us-east-1", "size": "1GB", "files": 1}]})",
               "/tables/1/name", "duplicate table name \"t\"");
  expect_error(R"({"tables": [{"name": "t", "region": "us-eats-1", "size": "1GB", "files": 1}]})", "/tables/0/region",
               "undefined region \"us-eats-1\"; did you mean \"us-east-1\"?");
  expect_error(
      R"({"tables": [{"name": "t", "region": "us-east-1", "dataset": "delta_tabel_data", "size": "1GB", "files": 1}]})",
      "/tables/0/dataset", "did you mean \"delta_table_data\"?");
  expect_error(R"({"tables": [{"name": "t", "region": "us-east-1", "size": "1GB", "files": 0}]})", "/tables/0/files",
               "needs at least one file");
  expect_error(R"({"tables": [{"name": "t", "region": "us-east-1", "files": 3}]})", "/tables/0",
               "missing required key \"size\"");
  expect_error(R"({"tables": [{"name": "t", "region": "us-east-1", "size": "-1GB", "files": 3}]})", "/tables/0/size",
               "negative size");
  expect_error(R"({"tables": {"name": "t"}})", "/tables", "where a list belongs");
}

TEST_CASE("a table may live in any dataset of the catalogue, and only there") {
  for (const lakesim::models::Component& c : lakesim::models::catalog()) {
    const std::string text = R"({"tables": [{"name": "t", "region": "us-east-1", "dataset": ")" + std::string(c.id) +
                             R"(", "size": "1GB", "files": 1}]})";
    INFO(c.id);
    CHECK(read(text).diagnostics.empty() == (c.archetype == lakesim::models::Archetype::Dataset));
  }
}

TEST_CASE("prices: non-negative numbers, known keys") {
  expect_error(R"({"prices": {"s3_put_per_1000": -1}})", "/prices/s3_put_per_1000", "out of range");
  expect_error(R"({"prices": {"s3_put_per_1000": "0.005"}})", "/prices/s3_put_per_1000", "where a number belongs");
  const Diagnostic d =
      expect_error(R"({"prices": {"s3_gets_per_1000": 1}})", "/prices/s3_gets_per_1000", "unknown key");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"s3_get_per_1000\"?"));
  const Result zero = read(R"({"prices": {"s3_put_per_1000": 0, "s3_get_per_1000": 0, "cross_region_per_gb": 0}})");
  CHECK(zero.diagnostics.empty());
  CHECK(zero.scenario.prices.cross_region_per_gb == 0);
}

TEST_CASE("spark: Spark's defaults and the keys read and located errors") {
  const std::string job = R"({"name": "a", "class": "job", "compute": "spark", "arrival": {"kind": "poisson",
                               "rate": "1/h"}, "stages": [{"core_seconds": "1s"}])";
  const Result defaults = read(with_workloads(job + "}"));
  REQUIRE(defaults.diagnostics.empty());
  const SparkSpec& d = defaults.scenario.workloads[0].spark;
  CHECK(d.max_partition_bytes == 134217728);
  CHECK(d.shuffle_partitions == 200);
  CHECK(d.task_max_failures == 4);
  CHECK_FALSE(d.speculation.enabled);
  CHECK(d.speculation.multiplier == 1.5);
  CHECK(d.speculation.quantile == 0.75);
  CHECK_FALSE(d.per_task());

  const Result set =
      read(with_workloads(job + R"(, "spark": {"max_partition_bytes": "64MiB", "shuffle_partitions": 5000,
      "task_spread": 0.3, "stragglers": {"fraction": 0.01, "slowdown": 8}, "speculation": true,
      "task_max_failures": 2}})"));
  for (const Diagnostic& diag : set.diagnostics) INFO(diag.to_string());
  REQUIRE(set.diagnostics.empty());
  const SparkSpec& s = set.scenario.workloads[0].spark;
  CHECK(s.max_partition_bytes == 67108864);
  CHECK(s.shuffle_partitions == 5000);
  CHECK(s.task_spread == 0.3);
  CHECK(s.straggler_fraction == 0.01);
  CHECK(s.straggler_slowdown == 8);
  CHECK(s.speculation.enabled);
  CHECK(s.task_max_failures == 2);
  CHECK(s.per_task());

  expect_workload_error(job + R"(, "spark": {"shuffle_partitons": 10}})", "/workloads/0/spark/shuffle_partitons",
                        "did you mean \"shuffle_partitions\"?");
  expect_workload_error(job + R"(, "spark": {"speculation": {"quantile": 1.5}}})",
                        "/workloads/0/spark/speculation/quantile", "out of range");
  expect_workload_error(job + R"(, "spark": {"stragglers": {"fraction": 0.1}}})", "/workloads/0/spark/stragglers",
                        "slowdown");
}
