// Failover behaviour under the DR strategies: what the users' work does when their region is
// lost and comes back, and that a broken copy mechanism shows up as counted loss.
#include <catch2/catch.hpp>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/result_lookup.hpp"

using namespace lakesim;

namespace {

using lakesim::test::workload;

nlohmann::json run(const std::string& variant, const std::vector<std::string>& sets = {}) {
  sim::LoadOptions options;
  options.variant = variant;
  options.sets = sets;
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/us-east-1-loss.json", options);
  return assembly::run_scenario(s).results;
}

const nlohmann::json& component(const nlohmann::json& outage, const std::string& name) {
  for (const auto& c : outage["components"])
    if (c["name"] == name) return c;
  FAIL("no component " << name);
  throw;
}

}  // namespace

TEST_CASE("DR failover: the primary's jobs are rerun in the secondary and its stream resumes there") {
  const nlohmann::json r = run("pilot_light");
  const nlohmann::json& f = r["dr"]["failovers"].at(0);
  const double redirected = f["redirected"].get<double>();
  // The hourly ETL and the upserts that the outage failed ran again after the redirection.
  CHECK(workload(r, "etl")["reruns_after_failover"].get<std::uint64_t>() >= 1);
  CHECK(workload(r, "etl")["failed"].get<std::uint64_t>() == 0);
  CHECK(workload(r, "upserts")["failed"].get<std::uint64_t>() == 0);
  // Interactive work fails only between the outage and the redirection.
  const double outage_start = f["outage_start"].get<double>();
  const auto& bi = workload(r, "bi");
  CHECK(bi["failed"].get<std::uint64_t>() > 0);
  const double expected_gap = (redirected - outage_start) / 3600 * 400;  // 400 queries an hour
  CHECK(bi["failed"].get<double>() < 1.5 * expected_gap + 20);
  // Every primary workload that dipped (the secondary's own, west-*, only slow down) came back to
  // full throughput, and not before the redirection; the stream among them.
  bool stream_back = false;
  for (const auto& w : r["throughput_recovery"].at(0)["workloads"]) {
    INFO(w.dump());
    if (w["workload"].get<std::string>().rfind("west-", 0) == 0) continue;
    if (!w["dipped"].get<bool>() || w["per_hour_before"].get<double>() < 10) continue;
    stream_back = stream_back || w["workload"] == "clicks";
    REQUIRE(w["time_to_full_throughput_seconds"].is_number());
    CHECK(w["time_to_full_throughput_seconds"].get<double>() >= redirected - outage_start);
  }
  CHECK(stream_back);
}

TEST_CASE("DR failover: with failback, users return home once the primary answers again") {
  const nlohmann::json r = run("warm_standby_failback");
  const nlohmann::json& f = r["dr"]["failovers"].at(0);
  REQUIRE(f["failed_back"].is_number());
  const double end_of_outage = 14 * 3600;
  const double delay = r["dr"]["parameters"]["failback_delay_seconds"].get<double>();
  CHECK(f["failed_back"].get<double>() >= end_of_outage + delay);
  CHECK(f["failed_back"].get<double>() <= end_of_outage + delay + 5 * 60);
  CHECK(r["data_loss"]["accounting_ok"].get<bool>());
  // The work keeps going after the move home.
  CHECK(workload(r, "etl")["failed"].get<std::uint64_t>() == 0);
}

TEST_CASE("DR failover: a cut backbone breaks deep clone and the loss is counted, not dropped") {
  // The link between the regions is cut 70 minutes in, well before the region is lost: every
  // deep clone from then on fails, and the tables lose every commit since the last one that
  // completed.
  const nlohmann::json r = run("pilot_light", {R"(faults=[
      {"name": "backbone", "kind": "link_cut", "regions": ["us-east-1", "us-west-2"], "start": "70m", "duration": "14h"},
      {"name": "us-east-1-lost", "kind": "region_outage", "region": "us-east-1", "start": "4h", "duration": "10h"}])"});
  const nlohmann::json& loss = r["data_loss"];
  CHECK(loss["accounting_ok"].get<bool>());
  const nlohmann::json* clone = nullptr;
  for (const auto& s : loss["syncs"])
    if (s["name"] == "deep-clone:sales") clone = &s;
  REQUIRE(clone);
  CHECK((*clone)["failed"].get<std::uint64_t>() >= 5);  // 1h30, 2h, 2h30, 3h, 3h30 at least
  REQUIRE(loss["region_outages"].size() == 1);
  const nlohmann::json& outage = loss["region_outages"][0];
  const nlohmann::json& sales = component(outage, "sales");
  CHECK(sales["practice"] == "deep_clone");
  CHECK(sales["accounting_ok"].get<bool>());
  // The last deep clone to complete started at 1h: everything from then to 4h is lost.
  CHECK(sales["rpo_seconds"].get<double>() > 3 * 3600 - 30 * 60);
  CHECK(sales["rpo_seconds"].get<double>() <= 3 * 3600);
  CHECK(sales["lost_writes"].get<std::uint64_t>() >= 6);  // three hours of hourly and half-hourly commits
  CHECK(sales["writes_before"].get<std::uint64_t>() ==
        sales["survived"].get<std::uint64_t>() + sales["lost_writes"].get<std::uint64_t>());
}
