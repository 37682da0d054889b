// The `dr` section: strategy defaults, field-by-field overrides, compute_map defaulting, and one
// bad file in tests/data/bad per validation rule.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scenario/defaults.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"

using lakesim::sim::ComputeReadiness;
using lakesim::sim::Diagnostic;
using lakesim::sim::DrSpec;
using lakesim::sim::DrStrategy;
using lakesim::sim::load_scenario;
using lakesim::sim::load_scenario_text;
using lakesim::sim::LoadOptions;
using lakesim::sim::Scenario;
using lakesim::sim::ScenarioError;

namespace {

// Two regions, a Spark and a SQL placement in each; a SQL workload in the primary.
const char* kBase = R"({
  "format": "lakesim/1", "name": "dr-test", "seed": 7, "duration": "1h",
  "regions": [
    {"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]},
    {"name": "us-west-2", "azs": ["us-west-2a", "us-west-2b"]}
  ],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}, {"region": "us-west-2", "hosts_per_az": 1}],
  "compute": [
    {"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 4},
    {"name": "sql", "kind": "sql_warehouse", "region": "us-east-1", "instances": 2},
    {"name": "spark-dr", "kind": "serverless_spark", "region": "us-west-2", "instances": 2},
    {"name": "sql-dr", "kind": "sql_warehouse", "region": "us-west-2", "instances": 2},
    {"name": "spark-dr2", "kind": "serverless_spark", "region": "us-west-2", "instances": 2}
  ],
  "workloads": [
    {"name": "bi", "class": "sql", "region": "us-east-1", "compute": "sql",
     "arrival": {"kind": "poisson", "rate": "60/h"}, "stages": [{"core_seconds": "10s"}]}
  ]
})";

// The base scenario with `dr` merged over {"strategy", "primary": us-east-1, "secondary": us-west-2}.
std::string with_dr(const std::string& strategy, const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json doc = nlohmann::json::parse(kBase);
  nlohmann::json dr = {{"strategy", strategy}, {"primary", "us-east-1"}, {"secondary", "us-west-2"}};
  dr.update(extra);
  doc["dr"] = dr;
  return doc.dump(2);
}

DrSpec load_dr(const std::string& text, const LoadOptions& options = {}) {
  const Scenario s = load_scenario_text(text, "dr-test.json", options);
  REQUIRE(s.dr.has_value());
  return *s.dr;
}

std::vector<Diagnostic> text_diagnostics(const std::string& text) {
  try {
    load_scenario_text(text, "dr-test.json");
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  FAIL("no error");
  return {};
}

std::string bad(const std::string& name) { return std::string(LAKESIM_TEST_DATA_DIR) + "/bad/" + name; }

// The first diagnostic of a bad file is at `pointer` and mentions `text`.
Diagnostic expect_error(const std::string& name, const std::string& pointer, const std::string& text) {
  std::vector<Diagnostic> all;
  try {
    load_scenario(bad(name));
  } catch (const ScenarioError& e) {
    all = e.diagnostics();
  }
  REQUIRE(!all.empty());
  const Diagnostic& d = all.front();
  INFO(d.to_string());
  CHECK(d.where.file == bad(name));
  CHECK(d.where.line > 0);
  CHECK(d.pointer == pointer);
  CHECK_THAT(d.message, Catch::Contains(text));
  return d;
}

}  // namespace

TEST_CASE("dr: strategy and readiness names") {
  using lakesim::sim::to_string;
  CHECK(std::string(to_string(DrStrategy::None)) == "none");
  CHECK(std::string(to_string(DrStrategy::BackupRestore)) == "backup_restore");
  CHECK(std::string(to_string(DrStrategy::PilotLight)) == "pilot_light");
  CHECK(std::string(to_string(DrStrategy::WarmStandby)) == "warm_standby");
  CHECK(std::string(to_string(DrStrategy::ActiveActive)) == "active_active");
  CHECK(std::string(to_string(ComputeReadiness::Cold)) == "cold");
  CHECK(std::string(to_string(ComputeReadiness::Warm)) == "warm");
  CHECK(std::string(to_string(ComputeReadiness::Hot)) == "hot");
}

TEST_CASE("dr: a scenario without the section has no dr spec") {
  CHECK_FALSE(load_scenario_text(kBase, "dr-test.json").dr.has_value());
}

TEST_CASE("dr: each strategy's defaults") {
  struct Row {
    const char* name;
    DrStrategy strategy;
    double interval, decision, infrastructure;
    bool restore;
    ComputeReadiness compute;
    double deep_clone, metadata_export, git_sync, startup;  // 0: disabled
  };
  const Row rows[] = {
      // infrastructure -1: the simulated IaC run
      {"none", DrStrategy::None, 30, 0, -1, false, ComputeReadiness::Cold, 0, 0, 0, 0},
      {"backup_restore", DrStrategy::BackupRestore, 30, 3600, -1, true, ComputeReadiness::Cold, 14400, 14400, 14400,
       120},
      {"pilot_light", DrStrategy::PilotLight, 30, 900, -1, false, ComputeReadiness::Cold, 1800, 1800, 900, 30},
      {"warm_standby", DrStrategy::WarmStandby, 30, 300, -1, false, ComputeReadiness::Warm, 300, 300, 300, 30},
      {"active_active", DrStrategy::ActiveActive, 10, 0, -1, false, ComputeReadiness::Hot, 60, 60, 60, 10},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const DrSpec d = load_dr(with_dr(row.name));
    CHECK(d.strategy == row.strategy);
    CHECK(d.primary == "us-east-1");
    CHECK(d.secondary == "us-west-2");
    CHECK(d.health_check_interval == row.interval);
    CHECK(d.failure_threshold == 3);
    CHECK(d.health_checkers == 4);
    CHECK(d.health_check_timeout == 6);
    CHECK(d.unhealthy_share == 0.82);
    CHECK(d.dns_ttl == 60);
    CHECK(d.dns_long_cache_share == 0.1);
    CHECK(d.dns_long_cache == 900);
    CHECK(d.iac_parallelism == 10);
    CHECK(d.standby_share == -1);
    CHECK(d.secondary_free_instances == -1);
    CHECK(d.decision == row.decision);
    CHECK(d.infrastructure == row.infrastructure);
    CHECK(d.restore == row.restore);
    CHECK(d.restore_connections == 64);
    CHECK(d.compute == row.compute);
    CHECK_FALSE(d.failback);
    CHECK(d.failback_delay == 1800);
    CHECK(d.siem);
    CHECK(d.rebuild_vector_index);
    const std::pair<const lakesim::sim::PeriodicSyncSpec*, double> syncs[] = {
        {&d.deep_clone, row.deep_clone}, {&d.metadata_export, row.metadata_export}, {&d.git_sync, row.git_sync}};
    for (const auto& [sync, every] : syncs) {
      CHECK(sync->enabled == (every > 0));
      if (every <= 0) continue;
      CHECK(sync->every == every);
      CHECK(sync->offset == 0);
      CHECK(sync->startup == row.startup);
      CHECK(sync->copy_time == -1);
    }
    // The loader starts from defaults::dr_defaults.
    const DrSpec built_in = lakesim::sim::defaults::dr_defaults(row.strategy);
    CHECK(built_in.decision == d.decision);
    CHECK(built_in.deep_clone.every == d.deep_clone.every);
  }
}

TEST_CASE("dr: keys override the strategy's defaults field by field") {
  const DrSpec d = load_dr(with_dr("pilot_light", {{"decision", "2m"},
                                                   {"health_check", {{"threshold", 5}}},
                                                   {"deep_clone", {{"every", "10m"}}},
                                                   {"metadata_export", {{"copy_time", "2m"}, {"offset", "5m"}}},
                                                   {"git_sync", false},
                                                   {"compute", "warm"},
                                                   {"restore", true},
                                                   {"restore_connections", 16},
                                                   {"siem", false},
                                                   {"failback", {{"delay", "1h"}}}}));
  CHECK(d.decision == 120);
  CHECK(d.infrastructure == -1);  // kept: simulated
  CHECK(d.health_check_interval == 30);
  CHECK(d.failure_threshold == 5);
  CHECK(d.deep_clone.enabled);
  CHECK(d.deep_clone.every == 600);
  CHECK(d.deep_clone.startup == 30);  // kept
  CHECK(d.deep_clone.copy_time == -1);
  CHECK(d.metadata_export.every == 1800);  // kept
  CHECK(d.metadata_export.offset == 300);
  CHECK(d.metadata_export.copy_time == 120);
  CHECK_FALSE(d.git_sync.enabled);
  CHECK(d.compute == ComputeReadiness::Warm);
  CHECK(d.restore);
  CHECK(d.restore_connections == 16);
  CHECK_FALSE(d.siem);
  CHECK(d.rebuild_vector_index);
  CHECK(d.failback);
  CHECK(d.failback_delay == 3600);

  const DrSpec plain = load_dr(with_dr("warm_standby", {{"failback", true}}));
  CHECK(plain.failback);
  CHECK(plain.failback_delay == 1800);
}

TEST_CASE("dr: the simulated infrastructure, health checkers, DNS caching and standby keys") {
  const DrSpec d = load_dr(with_dr(
      "pilot_light",
      {{"infrastructure",
        {{"objects", {{"jobs", 300}, {"grants", 1000}}}, {"parallelism", 4}, {"api_rate", 2}, {"call_latency", "2s"}}},
       {"health_check", {{"checkers", 6}, {"timeout", "4s"}, {"unhealthy_share", 0.5}}},
       {"dns_long_cache_share", 0.3},
       {"dns_long_cache", "1h"},
       {"standby_share", 0.5},
       {"secondary_free_instances", 12},
       {"capacity_wait", "20m"}}));
  CHECK(d.infrastructure == -1);
  CHECK(d.infrastructure_objects.at("jobs") == 300);
  CHECK(d.infrastructure_objects.at("grants") == 1000);
  CHECK(d.iac_parallelism == 4);
  CHECK(d.iac_api_rate == 2);
  CHECK(d.iac_call_latency == 2);
  CHECK(d.iac_workspace_provisioning == 300);  // kept
  CHECK(d.health_checkers == 6);
  CHECK(d.health_check_timeout == 4);
  CHECK(d.unhealthy_share == 0.5);
  CHECK(d.dns_long_cache_share == 0.3);
  CHECK(d.dns_long_cache == 3600);
  CHECK(d.standby_share == 0.5);
  CHECK(d.secondary_free_instances == 12);
  CHECK(d.capacity_wait == 1200);
}

TEST_CASE("dr: --set dr.strategy re-reads the section with the new strategy's defaults") {
  LoadOptions options;
  options.sets = {"dr.strategy=warm_standby"};
  const DrSpec d = load_dr(with_dr("pilot_light", {{"infrastructure", "3m"}}), options);
  CHECK(d.strategy == DrStrategy::WarmStandby);
  CHECK(d.compute == ComputeReadiness::Warm);
  CHECK(d.decision == 300);
  CHECK(d.infrastructure == 180);  // the file's own value survives
  CHECK(d.deep_clone.every == 300);
}

TEST_CASE("dr: unmapped placements go to the first placement of their kind in the secondary") {
  const DrSpec d = load_dr(with_dr("pilot_light"));
  CHECK(d.compute_map == std::map<std::string, std::string>{{"spark", "spark-dr"}, {"sql", "sql-dr"}});

  const DrSpec explicit_map = load_dr(with_dr("pilot_light", {{"compute_map", {{"spark", "spark-dr2"}}}}));
  CHECK(explicit_map.compute_map == std::map<std::string, std::string>{{"spark", "spark-dr2"}, {"sql", "sql-dr"}});

  CHECK(load_dr(with_dr("none")).compute_map.empty());
}

TEST_CASE("dr: a placement outside the primary cannot be mapped") {
  const auto all = text_diagnostics(with_dr("pilot_light", {{"compute_map", {{"spark-dr", "spark-dr2"}}}}));
  REQUIRE(all.size() == 1);
  CHECK(all[0].pointer == "/dr/compute_map/spark-dr");
  CHECK_THAT(all[0].message, Catch::Contains("not in the primary region us-east-1"));
}

TEST_CASE("dr: a schedule turned on under strategy none needs its period") {
  const auto all = text_diagnostics(with_dr("none", {{"deep_clone", {{"startup", "1m"}}}}));
  REQUIRE(all.size() == 1);
  CHECK(all[0].pointer == "/dr/deep_clone");
  CHECK_THAT(all[0].message, Catch::Contains("missing required key \"every\""));
  CHECK(load_dr(with_dr("none", {{"deep_clone", {{"every", "1h"}}}})).deep_clone.every == 3600);
}

TEST_CASE("dr: booleans are booleans") {
  const auto all = text_diagnostics(with_dr("pilot_light", {{"restore", "yes"}, {"failback", 3}}));
  REQUIRE(all.size() == 2);
  CHECK(all[0].pointer == "/dr/restore");
  CHECK_THAT(all[0].message, Catch::Contains("where a boolean belongs"));
  CHECK(all[1].pointer == "/dr/failback");
}

TEST_CASE("dr: an unknown strategy is an error with a suggestion") {
  const Diagnostic d = expect_error("dr-unknown-strategy.json", "/dr/strategy", "unknown DR strategy \"pilot_lite\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"pilot_light\"?"));
}

TEST_CASE("dr: the secondary must differ from the primary") {
  expect_error("dr-same-region.json", "/dr/secondary", "from a region to itself");
}

TEST_CASE("dr: an undefined region is an error") {
  const Diagnostic d = expect_error("dr-undefined-region.json", "/dr/secondary", "undefined region \"us-west-3\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"us-west-2\"?"));
}

TEST_CASE("dr: a used placement with nowhere to fail over to is an error") {
  const Diagnostic d =
      expect_error("dr-unmappable-placement.json", "/dr", "no sql_warehouse placement in us-west-2 takes over \"sql\"");
  CHECK(d.expected == "a compute_map entry or a sql_warehouse placement in us-west-2");
}

TEST_CASE("dr: a negative duration is an error") {
  expect_error("dr-negative-duration.json", "/dr/decision", "negative duration");
}

TEST_CASE("dr: an unknown key in a schedule is an error with a suggestion") {
  const Diagnostic d = expect_error("dr-unknown-sync-key.json", "/dr/deep_clone/evrey", "unknown key \"evrey\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"every\"?"));
}

TEST_CASE("dr: a failure threshold of 0 is an error") {
  expect_error("dr-zero-threshold.json", "/dr/health_check/threshold", "is not positive");
}

TEST_CASE("dr: both regions need a control plane unless the strategy is none") {
  expect_error("dr-no-control-plane.json", "/dr/secondary", "region us-west-2 has no control plane");
}

TEST_CASE("dr: a compute_map entry must keep the placement's kind") {
  expect_error("dr-compute-map-kind.json", "/dr/compute_map/sql", "cannot take over the sql_warehouse placement");
}
