// The bad workload files in tests/data/bad, loaded as `lakesim validate` loads them: each is
// refused with a first diagnostic in the scenario itself, at the rule's JSON path. Bad traces
// (tests/data/bad/traces) are reported at the trace's own line and column as well.
#include <catch2/catch.hpp>

#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"

using lakesim::sim::Diagnostic;
using lakesim::sim::load_scenario;
using lakesim::sim::ScenarioError;

namespace {

std::string bad(const std::string& name) { return std::string(LAKESIM_TEST_DATA_DIR) + "/bad/" + name; }

std::vector<Diagnostic> diagnostics_of(const std::string& file) {
  try {
    load_scenario(file);
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  FAIL("no error for " << file);
  return {};
}

// The first diagnostic is in the scenario file, at `pointer`, and mentions `text`.
std::vector<Diagnostic> expect_error(const std::string& name, const std::string& pointer, const std::string& text) {
  const auto all = diagnostics_of(bad(name));
  REQUIRE(!all.empty());
  const Diagnostic& d = all.front();
  INFO(d.to_string());
  CHECK(d.where.file == bad(name));
  CHECK(d.where.line > 0);
  CHECK(d.pointer == pointer);
  CHECK_THAT(d.message, Catch::Contains(text));
  CHECK(d.to_string().rfind(bad(name) + ":", 0) == 0);
  return all;
}

// Some diagnostic names the trace at this line and column with this message.
void expect_trace_problem(const std::vector<Diagnostic>& all, const std::string& trace, int line, int column,
                          const std::string& text) {
  const std::string where = bad("traces/" + trace) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  bool found = false;
  for (const Diagnostic& d : all) {
    INFO(d.to_string());
    const std::string s = d.to_string();
    found |= s.find(where) != std::string::npos && s.find(text) != std::string::npos;
  }
  CHECK(found);
}

}  // namespace

TEST_CASE("a missing trace file is reported at the scenario's trace/file value") {
  expect_error("missing-trace-file.json", "/workloads/0/trace/file",
               "trace file \"traces/no-such-query-history.csv\" not found");
}

TEST_CASE("an unknown workload class is an error with a suggestion") {
  const auto all =
      expect_error("unknown-workload-class.json", "/workloads/0/class", "unknown workload class \"notebok\"");
  CHECK_THAT(all.front().message, Catch::Contains("did you mean \"notebook\"?"));
}

TEST_CASE("a workload on an undefined compute placement is an error with a suggestion") {
  const auto all =
      expect_error("undefined-compute.json", "/workloads/0/compute", "undefined compute placement \"sprak\"");
  CHECK_THAT(all.front().message, Catch::Contains("did you mean \"spark\"?"));
}

TEST_CASE("a sql workload on a serverless Spark placement is an error") {
  const auto all =
      expect_error("sql-on-spark.json", "/workloads/0/compute", "sql workloads run on sql_warehouse compute");
  CHECK_THAT(all.front().expected, Catch::Contains("sql"));
}

TEST_CASE("a trace path that leaves the scenario's folder is an error") {
  expect_error("trace-escapes-folder.json", "/workloads/0/trace/file", "path escapes the scenario's folder");
}

TEST_CASE("a bad trace row is reported at the scenario and at the trace's own line and column") {
  const auto all = expect_error("bad-trace-row.json", "/workloads/0/trace/file", "has 1 problem");
  REQUIRE(all.size() == 2);
  expect_trace_problem(all, "bad-row.csv", 3, 112, "read_bytes: \"-5\" is negative");
  CHECK(all[1].pointer == "/workloads/0/trace/file");
}

TEST_CASE("broken CSV quoting in a trace is reported at the trace's line and column") {
  const auto all = expect_error("bad-trace-quoting.json", "/workloads/0/trace/file", "has 1 problem");
  expect_trace_problem(all, "bad-quoting.csv", 3, 18, "text after a closing quote");
}

TEST_CASE("a broken JSON compute cell in an export is reported at the trace's line and column") {
  const auto all = expect_error("bad-export-compute.json", "/workloads/0/trace/file", "has 1 problem");
  expect_trace_problem(all, "bad-export-compute.csv", 3, 24, "compute: not JSON");
}

TEST_CASE("warehouse ids of an export missing from the warehouse map are named") {
  const auto all = expect_error("unmapped-warehouse.json", "/workloads/0/warehouse_map",
                                "2 warehouse ids of the trace not in the map: \"2c7e94b1a05f36d8\" (2 statements), "
                                "\"d41b08e6f27c9a53\" (1 statement)");
  CHECK_THAT(all.front().expected, Catch::Contains("mapped to a sql_warehouse placement"));
}
