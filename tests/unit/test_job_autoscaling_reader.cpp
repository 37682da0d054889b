// A Spark placement's job autoscaling range (`min_instances`, `max_instances`): read into the
// compute spec, and each bad range refused at its JSON path with the file and line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/scenario_problems.hpp"

using namespace lakesim::sim;

namespace {

const char* kBase = R"({
  "format": "lakesim/1", "name": "autoscale-test", "seed": 7, "duration": "1h",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a"]}],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}],
  "compute": [
    {"name": "jobs", "kind": "classic_spark", "region": "us-east-1", "instances": 16,
     "min_instances": 2, "max_instances": 8},
    {"name": "sql", "kind": "sql_warehouse", "region": "us-east-1", "instances": 2}
  ],
  "workloads": [
    {"name": "etl", "class": "job", "compute": "jobs", "arrival": {"kind": "poisson", "rate": "6/h"},
     "stages": [{"core_seconds": "10s", "read": "1GB"}]},
    {"name": "explore", "class": "notebook", "compute": "jobs", "instances": 3,
     "arrival": {"kind": "poisson", "rate": "6/h"}, "stages": [{"core_seconds": "10s"}]}
  ]
})";

nlohmann::json base() { return nlohmann::json::parse(kBase); }

// The one diagnostic of `doc`: at `pointer`, saying `text`, located in the file.
void expect_only(const nlohmann::json& doc, const std::string& pointer, const std::string& text) {
  const std::vector<Diagnostic> ds = lakesim::test::problems(doc, "autoscale-test.json");
  REQUIRE(ds.size() == 1);
  INFO(ds.front().to_string());
  CHECK(ds.front().pointer == pointer);
  CHECK_THAT(ds.front().message, Catch::Contains(text));
  CHECK(ds.front().where.line > 1);
  CHECK(ds.front().to_string().rfind("autoscale-test.json:", 0) == 0);
  CHECK_FALSE(ds.front().expected.empty());
}

}  // namespace

TEST_CASE("job autoscaling: a Spark placement's range is read, other placements have none") {
  const Scenario s = load_scenario_text(kBase, "autoscale-test.json");
  CHECK(s.compute[0].autoscales());
  CHECK(s.compute[0].min_instances == 2);
  CHECK(s.compute[0].max_instances == 8);
  CHECK_FALSE(s.compute[1].autoscales());
  // A notebook on the placement keeps its fixed `instances`.
  CHECK(s.workloads[1].instances == 3);
  nlohmann::json fixed = base();
  fixed["compute"][0]["min_instances"] = 8;
  CHECK(lakesim::test::problems(fixed).empty());
}

TEST_CASE("job autoscaling: min_instances above max_instances is refused at min_instances") {
  nlohmann::json doc = base();
  doc["compute"][0]["min_instances"] = 9;
  expect_only(doc, "/compute/0/min_instances", "more than max_instances (8)");
}

TEST_CASE("job autoscaling: a zero or negative bound is refused at its key") {
  nlohmann::json doc = base();
  doc["compute"][0]["min_instances"] = -1;
  expect_only(doc, "/compute/0/min_instances", "is not positive");
  doc = base();
  doc["compute"][0]["max_instances"] = 0;
  expect_only(doc, "/compute/0/max_instances", "is not positive");
  doc = base();
  doc["compute"][0]["max_instances"] = 2.5;
  expect_only(doc, "/compute/0/max_instances", "fractional");
}

TEST_CASE("job autoscaling: max_instances above the placement's instances is refused") {
  nlohmann::json doc = base();
  doc["compute"][0]["max_instances"] = 17;
  expect_only(doc, "/compute/0/max_instances", "more than the placement's 16");
}

TEST_CASE("job autoscaling: one bound without the other is refused at the one given") {
  nlohmann::json doc = base();
  doc["compute"][0].erase("max_instances");
  expect_only(doc, "/compute/0/min_instances", "without \"max_instances\"");
  doc = base();
  doc["compute"][0].erase("min_instances");
  expect_only(doc, "/compute/0/max_instances", "without \"min_instances\"");
}

TEST_CASE("job autoscaling: a SQL warehouse cannot take the keys") {
  nlohmann::json doc = base();
  doc["compute"][1]["max_instances"] = 2;
  expect_only(doc, "/compute/1/max_instances", "applies only to Spark compute");
}

TEST_CASE("job autoscaling: a job on an autoscaling placement gives no instances of its own") {
  nlohmann::json doc = base();
  doc["workloads"][0]["instances"] = 4;
  expect_only(doc, "/workloads/0/instances", "autoscale from its min_instances (2) to its max_instances (8)");
}

TEST_CASE("job autoscaling: a shipped-style file with min above max is refused at its line") {
  const std::string file = std::string(LAKESIM_TEST_DATA_DIR) + "/bad/autoscale-min-above-max.json";
  std::vector<Diagnostic> ds;
  try {
    load_scenario(file);
  } catch (const ScenarioError& e) {
    ds = e.diagnostics();
  }
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().pointer == "/compute/0/min_instances");
  CHECK(ds.front().where.file == file);
  CHECK(ds.front().where.line > 1);
}
