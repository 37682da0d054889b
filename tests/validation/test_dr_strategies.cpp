// The DR strategies under a full loss of us-east-1 (scenarios/dr/us-east-1-loss.json), at their
// default parameters. The AWS whitepaper "Disaster Recovery of Workloads on AWS" gives the
// magnitudes: backup & restore in hours, pilot light in tens of minutes, warm standby in
// minutes, multi-site active/active near zero (domain numbers 1a). Each strategy's RTO must fall
// in its own band; the bands do not overlap, so passing all four tests puts the strategies in the
// whitepaper's order. The RTO must also be the sum of the failover's steps, each step must say
// whether it is simulated or configured, and the users' probes (DNS clients) must see the service
// back between the DNS switch and the time the last long-caching client follows. The RPO bands
// are checked over many outage instants and seeds (test_dr_strategies_rpo.cpp); here the tables'
// figures at this one outage must be consistent.
#include <catch2/catch.hpp>

#include <cstdio>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"

using namespace lakesim;

namespace {

struct Band {
  double low;
  double high;
};

struct Observed {
  double rto = 0;
  double table_rpo = 0;  // worst over the primary's Delta tables
  bool accounting_ok = false;
};

Observed run_strategy(const std::string& variant) {
  sim::LoadOptions options;
  options.variant = variant;
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/us-east-1-loss.json", options);
  const nlohmann::json r = assembly::run_scenario(s).results;
  const nlohmann::json& dr = r["dr"];
  REQUIRE(dr["strategy"] == variant);
  REQUIRE(dr["failovers"].size() == 1);
  const nlohmann::json& f = dr["failovers"][0];
  INFO(f.dump(2));
  REQUIRE(f["completed"].get<bool>());

  Observed o;
  o.rto = f["rto_seconds"].get<double>();
  // The RTO is the sum of its steps, detection first.
  const nlohmann::json& steps = f["rto_steps_seconds"];
  double sum = steps["detection"].get<double>();
  for (const auto& step : f["steps"]) sum += step["seconds"].get<double>();
  CHECK(sum == Approx(o.rto).margin(1e-6));
  CHECK(steps["sum"].get<double>() == Approx(o.rto).margin(1e-6));
  // Every step says whether its length is simulated or configured; the decision is an input.
  CHECK(f["detection_source"] == "simulated");
  for (const auto& step : f["steps"]) {
    REQUIRE(step.contains("source"));
    CHECK((step["source"] == "simulated" || step["source"] == "configured"));
    if (step["step"] == "decision") CHECK(step["source"] == "configured");
    if (step["step"] == "infrastructure" || step["step"] == "compute_start" || step["step"] == "catch_up")
      CHECK(step["source"] == "simulated");
  }
  // The users' probes are DNS clients: they see the workspace back once their cached answer
  // points to the secondary, between the record's switch and the last long-caching client.
  const double interval = r["recovery"]["probe_interval_seconds"].get<double>();
  REQUIRE(f["observed_rto_seconds"].is_number());
  const double start = f["outage_start"].get<double>();
  CHECK(f["observed_rto_seconds"].get<double>() >= f["dns_switched"].get<double>() - start);
  CHECK(f["observed_rto_seconds"].get<double>() <=
        f["users_moved_by"]["long_cache_clients"].get<double>() - start + interval + 1);

  const nlohmann::json& outage = r["data_loss"]["region_outages"].at(0);
  for (const auto& c : outage["components"])
    if (c["component"] == "delta_table_data" && c["unit"] == "commits" &&
        (c["name"] == "sales" || c["name"] == "clicks")) {
      o.table_rpo = std::max(o.table_rpo, c["rpo_seconds"].get<double>());
      // A deep clone copies a version's log entry and files together: nothing is torn, and the
      // table's own figures are the accounting's.
      const nlohmann::json& table = c["table"];
      CHECK(table["torn_log_without_data"].get<std::uint64_t>() == 0);
      CHECK(table["torn_data_without_log"].get<std::uint64_t>() == 0);
      CHECK(table["versions_lost"] == c["lost_writes"]);
      CHECK(table["rpo_seconds"] == c["rpo_seconds"]);
      CHECK(table["last_recoverable_version"].get<std::uint64_t>() == c["survived"].get<std::uint64_t>());
    }
  o.accounting_ok = r["data_loss"]["accounting_ok"].get<bool>();
  std::printf("%-14s RTO %7.0f s (observed %7.0f s), table RPO %7.0f s\n", variant.c_str(), o.rto,
              f["observed_rto_seconds"].get<double>(), o.table_rpo);
  return o;
}

void check_bands(const std::string& variant, Band rto) {
  const Observed o = run_strategy(variant);
  CHECK(o.accounting_ok);
  CHECK(o.rto >= rto.low);
  CHECK(o.rto < rto.high);
}

constexpr double kMinute = 60;
constexpr double kHour = 3600;

}  // namespace

TEST_CASE("DR strategies: backup & restore recovers in hours") {
  check_bands("backup_restore", {1 * kHour, 24 * kHour});
}

TEST_CASE("DR strategies: pilot light recovers in tens of minutes") {
  check_bands("pilot_light", {10 * kMinute, 1 * kHour});
}

TEST_CASE("DR strategies: warm standby recovers in minutes") {
  check_bands("warm_standby", {1 * kMinute, 10 * kMinute});
}

TEST_CASE("DR strategies: active/active recovers in under two minutes") {
  check_bands("active_active", {0, 2 * kMinute});
}
