// Inputs the fuzzers (fuzz/) found to crash, hang or abort a parser, each now refused with a
// clean, located error. The minimized inputs are kept in fuzz/regressions/ as well.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include "scenario/diagnostics.hpp"
#include "scenario/json_source.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/suggest.hpp"
#include "scenario/trace_reader.hpp"
#include "scenario/units.hpp"

using namespace lakesim::sim;

namespace {

// The one diagnostic `f` throws; fails the test if it throws none or another exception.
template <class F>
Diagnostic only_error(F f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0];
  }
  FAIL("accepted");
  return {};
}

std::string unit_error(const Parsed<double>& parsed) {
  REQUIRE(std::holds_alternative<UnitError>(parsed));
  return std::get<UnitError>(parsed).message;
}

// A small scenario that loads cleanly; `compute` is spliced into its compute list.
std::string scenario_with_compute(const std::string& compute) {
  return R"({
  "format": "lakesim/1",
  "name": "small",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a"]}],
  "control_plane": [{"region": "us-east-1"}],
  "compute": [)" +
         compute + R"(]
})";
}

}  // namespace

TEST_CASE("fuzz: a duration beyond a long long is formatted without overflow and parses back") {
  const std::string text = format_duration(1e33);
  CHECK(text == "1e+33s");
  const auto back = parse_duration(text);
  REQUIRE(std::holds_alternative<double>(back));
  CHECK(std::get<double>(back) == Approx(1e33));
  CHECK(format_duration(90061) == "1d1h1m1s");  // ordinary durations keep the compact form
}

TEST_CASE("fuzz: a quantity whose unit makes it overflow is too large, not infinite") {
  CHECK_THAT(unit_error(parse_size("1e308PB")), Catch::Contains("too large"));
  CHECK_THAT(unit_error(parse_bandwidth("1e308GBps")), Catch::Contains("too large"));
  CHECK_THAT(unit_error(parse_bandwidth("1e308MB/s")), Catch::Contains("too large"));
  CHECK_THAT(unit_error(parse_speed("1e308Tf")), Catch::Contains("too large"));
  CHECK(std::get<double>(parse_bandwidth("1e308bps")) == Approx(1.25e307));  // bits: divided by 8
}

TEST_CASE("fuzz: a job run leasing more instances than an int holds is a located problem") {
  std::istringstream in(
      "run_id,start,duration_s,status,instances,core_seconds,read_bytes,shuffle_bytes,write_bytes\n"
      "r1,0,60,SUCCESS,18745014146,1,0,0,0\n");
  TraceContext at;
  at.file = "runs.csv";
  std::vector<Diagnostic> problems;
  const auto runs = read_job_runs(in, at, problems);
  CHECK(runs.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.line == 2);
  CHECK(problems[0].where.column == 17);
  CHECK_THAT(problems[0].message, Catch::Contains("instances: \"18745014146\" is more than any placement's 10000000"));
}

TEST_CASE("fuzz: a number beyond a double is a located ScenarioError, not a JSON exception") {
  const Diagnostic d =
      only_error([] { parse_json_document("{\n  \"name\": \"1e400\",\n  \"seed\": 1e400\n}", "f.json"); });
  CHECK(d.message == "number 1e400 is too large");
  CHECK(d.where.line == 3);  // the number, not the string that reads the same
  CHECK(d.where.column == 11);
  const Diagnostic bare = only_error([] { parse_json_document("-8e308", "f.json"); });
  CHECK(bare.message == "number -8e308 is too large");
  CHECK(bare.where.column == 1);
}

TEST_CASE("fuzz: --set with invalid UTF-8 is refused before it reaches the document") {
  JsonDocument doc = parse_json_document("{}", "f.json");
  const Diagnostic d = only_error([&] { apply_set(doc, "seed=\xe7"); });
  CHECK(d.message == "not valid UTF-8");
  CHECK(doc.root.empty());
  CHECK_NOTHROW(apply_set(doc, "name=caf\xc3\xa9"));  // valid UTF-8 is a string as before
  CHECK(doc.root["name"] == "caf\xc3\xa9");
}

TEST_CASE("fuzz: did-you-mean over long names neither allocates gigabytes nor stalls") {
  const std::string a(30000, 'a');
  const std::string b(30000, 'b');
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(closest_match(a, {b}).has_value());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  // Ordinary typos keep their suggestion; a candidate too long or short to be one is skipped.
  CHECK(closest_match("us-east-l", {"us-west-2", "us-east-1"}) == "us-east-1");
  CHECK(closest_match("lnog", {"long", "longer-than-four"}) == "long");
}

TEST_CASE("fuzz: max_clusters x cluster_size beyond an int is reported, not overflowed") {
  const Diagnostic d = only_error([] {
    load_scenario_text(scenario_with_compute(R"({"name": "w", "kind": "sql_warehouse", "region": "us-east-1",
        "instances": 10000000, "cluster_size": 1000, "max_clusters": 10000000})"),
                       "f.json");
  });
  CHECK(d.pointer == "/compute/0/max_clusters");
  CHECK_THAT(d.message, Catch::Contains("10000000 clusters of 1000 need more than the 10000000 instances"));
}

TEST_CASE("fuzz: load_scenario_text reads in-memory text as load_scenario reads the file") {
  const std::string path = std::string(LAKESIM_SCENARIO_DIR) + "/single-region.json";
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const Scenario from_file = load_scenario(path);
  const Scenario from_text = load_scenario_text(text.str(), path);
  CHECK(from_text.name == from_file.name);
  CHECK(from_text.file == path);
  CHECK(from_text.regions.size() == from_file.regions.size());
  CHECK(from_text.workloads.size() == from_file.workloads.size());
  // Trace paths resolve against the folder of `file`, as for a file: the replayed rows are there.
  std::size_t file_rows = 0, text_rows = 0;
  for (const auto& w : from_file.workloads) file_rows += w.trace ? w.trace->queries.size() : 0;
  for (const auto& w : from_text.workloads) text_rows += w.trace ? w.trace->queries.size() : 0;
  CHECK(text_rows > 0);
  CHECK(text_rows == file_rows);
  const Diagnostic missing = only_error([] { load_scenario("/nonexistent/scenario.json"); });
  CHECK(missing.message == "cannot open the file");
  const Diagnostic malformed = only_error([] { load_scenario_text("{", "mem.json"); });
  CHECK(malformed.where.file == "mem.json");
}
