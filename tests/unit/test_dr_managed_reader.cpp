// The hot_standby and managed strategies of the `dr` section: their defaults, `dr.managed`
// (failover groups, replication lag, failover type) and its validation rules, each with a located
// error.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"

using namespace lakesim::sim;

namespace {

const char* kBase = R"({
  "format": "lakesim/1", "name": "managed-test", "seed": 7, "duration": "1h",
  "regions": [
    {"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]},
    {"name": "us-west-2", "azs": ["us-west-2a", "us-west-2b"]}
  ],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}, {"region": "us-west-2", "hosts_per_az": 1}],
  "compute": [
    {"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 4},
    {"name": "spark-dr", "kind": "serverless_spark", "region": "us-west-2", "instances": 4}
  ],
  "tables": [
    {"name": "events", "region": "us-east-1", "dataset": "managed_tables", "size": "1GB", "files": 10},
    {"name": "raw", "region": "us-east-1", "dataset": "external_tables", "size": "1GB", "files": 10},
    {"name": "west", "region": "us-west-2", "size": "1GB", "files": 10}
  ]
})";

std::string with_dr(const std::string& strategy, const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json doc = nlohmann::json::parse(kBase);
  nlohmann::json dr = {{"strategy", strategy}, {"primary", "us-east-1"}, {"secondary", "us-west-2"}};
  dr.update(extra);
  doc["dr"] = dr;
  return doc.dump(2);
}

DrSpec load_dr(const std::string& text) {
  const Scenario s = load_scenario_text(text, "managed-test.json");
  REQUIRE(s.dr.has_value());
  return *s.dr;
}

Diagnostic first_error(const std::string& text) {
  try {
    load_scenario_text(text, "managed-test.json");
  } catch (const ScenarioError& e) {
    REQUIRE(!e.diagnostics().empty());
    return e.diagnostics().front();
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE("dr: hot_standby and managed names and defaults") {
  CHECK(std::string(to_string(DrStrategy::HotStandby)) == "hot_standby");
  CHECK(std::string(to_string(DrStrategy::Managed)) == "managed");
  const DrSpec hot = load_dr(with_dr("hot_standby"));
  CHECK(hot.compute == ComputeReadiness::Hot);
  CHECK(hot.decision == 120);
  CHECK(hot.health_check_interval == 30);
  CHECK(hot.deep_clone.every == 120);

  const DrSpec m = load_dr(with_dr("managed"));
  CHECK(m.compute == ComputeReadiness::Cold);
  CHECK(m.decision == 300);
  CHECK_FALSE(m.deep_clone.enabled);
  CHECK(m.metadata_export.enabled);
  CHECK(m.managed.failover == ManagedFailover::Forced);
  CHECK(m.managed.lag < 0);  // simulated
  CHECK(m.managed.cycle == 30);
  // The default group: the region's workspace, its assets, every table of the primary.
  REQUIRE(m.managed.groups.size() == 1);
  CHECK(m.managed.groups[0].name == "default");
  CHECK(m.managed.groups[0].workspace_assets);
  REQUIRE(m.managed.groups[0].catalogs.size() == 1);
  CHECK(m.managed.groups[0].catalogs[0].tables == std::vector<std::string>{"events", "raw"});
}

TEST_CASE("dr.managed: failover groups, lag and failover type are read") {
  const DrSpec m = load_dr(
      with_dr("managed",
              {{"managed",
                {{"failover", "planned"},
                 {"replication_lag", "90s"},
                 {"replication_cycle", "10s"},
                 {"failover_groups",
                  {{{"name", "a"}, {"workspace_assets", false}, {"catalogs", {{{"name", "c1"}, {"tables", {"raw"}}}}}},
                   {{"name", "b"}, {"catalogs", {{{"name", "c2"}, {"tables", {"events"}}}}}}}}}}}));
  CHECK(m.managed.failover == ManagedFailover::Planned);
  CHECK(m.managed.lag == 90);
  CHECK(m.managed.cycle == 10);
  REQUIRE(m.managed.groups.size() == 2);
  CHECK_FALSE(m.managed.groups[0].workspace_assets);
  CHECK(m.managed.groups[1].catalogs[0].tables == std::vector<std::string>{"events"});
}

TEST_CASE("dr.managed: bad input gets a located error") {
  SECTION("under another strategy") {
    const Diagnostic d = first_error(with_dr("warm_standby", {{"managed", {{"failover", "forced"}}}}));
    CHECK(d.pointer == "/dr/managed");
    CHECK_THAT(d.message, Catch::Contains("warm_standby"));
  }
  SECTION("an unknown failover type") {
    const Diagnostic d = first_error(with_dr("managed", {{"managed", {{"failover", "gentle"}}}}));
    CHECK(d.pointer == "/dr/managed/failover");
  }
  SECTION("a table that does not exist") {
    const Diagnostic d = first_error(
        with_dr("managed",
                {{"managed",
                  {{"failover_groups", {{{"name", "a"}, {"catalogs", {{{"name", "c"}, {"tables", {"evnts"}}}}}}}}}}}));
    CHECK(d.pointer == "/dr/managed/failover_groups/0/catalogs/0/tables/0");
    CHECK(d.where.line > 0);
  }
  SECTION("a table outside the primary") {
    const Diagnostic d = first_error(
        with_dr("managed",
                {{"managed",
                  {{"failover_groups", {{{"name", "a"}, {"catalogs", {{{"name", "c"}, {"tables", {"west"}}}}}}}}}}}));
    CHECK(d.pointer == "/dr/managed/failover_groups/0/catalogs/0/tables/0");
    CHECK_THAT(d.message, Catch::Contains("not in the primary region"));
  }
  SECTION("a table in two catalogs") {
    const Diagnostic d = first_error(with_dr(
        "managed", {{"managed",
                     {{"failover_groups",
                       {{{"name", "a"},
                         {"catalogs",
                          {{{"name", "c1"}, {"tables", {"events"}}}, {{"name", "c2"}, {"tables", {"events"}}}}}}}}}}}));
    CHECK(d.pointer == "/dr/managed/failover_groups/0/catalogs/1/tables/0");
    CHECK_THAT(d.message, Catch::Contains("already in a/c1"));
  }
  SECTION("a deep clone beside Managed DR") {
    const Diagnostic d = first_error(with_dr("managed", {{"deep_clone", true}}));
    CHECK(d.pointer == "/dr/deep_clone");
  }
  SECTION("an unknown workspace") {
    const Diagnostic d = first_error(
        with_dr("managed", {{"managed", {{"failover_groups", {{{"name", "a"}, {"workspaces", {"prod"}}}}}}}}));
    CHECK(d.pointer == "/dr/managed/failover_groups/0/workspaces/0");
  }
}

TEST_CASE("dr.managed: the bad files are refused at their line") {
  const std::string dir = std::string(LAKESIM_TEST_DATA_DIR) + "/bad/";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"dr-managed-table-outside-primary.json", "/dr/managed/failover_groups/0/catalogs/0/tables/0"},
      {"dr-managed-wrong-strategy.json", "/dr/managed"}};
  for (const auto& [file, pointer] : cases) {
    std::vector<Diagnostic> all;
    try {
      load_scenario(dir + file);
    } catch (const ScenarioError& e) {
      all = e.diagnostics();
    }
    INFO(file);
    REQUIRE(!all.empty());
    CHECK(all.front().pointer == pointer);
    CHECK(all.front().where.line > 0);
  }
}
