// S3 cross-region replication and the data a region loss costs. With a fixed lag L and a write
// every T seconds, the writes lost at an instant are exactly those of the last L seconds and the
// observed RPO (from the oldest lost write) lies in (L - T, L]; the built-in lag models match the S3 documentation's
// figures; a whole run reports balanced accounting; invalid sections are refused with their position.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "assembly/scenario_run.hpp"
#include "models/deployment.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

std::string two_region() { return std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json"; }

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

}  // namespace

TEST_CASE("replication: with a fixed lag, the writes lost at an instant are those of the last lag") {
  constexpr double kLag = 120;   // L
  constexpr double kEvery = 30;  // T
  constexpr double kBytes = 8e6;
  sim::LoadOptions options;
  options.sets = {"duration=2h", "workloads=[]", "tables=[]",
                  R"(replication={"from": "us-east-1", "to": "us-west-2", "datasets": ["delta_table_data"],
                                  "lag": {"dist": "fixed", "mean": "2m"}})"};
  const sim::Scenario s = sim::load_scenario(two_region(), options);
  sim::Simulation simulation(s);
  models::Deployment deployment(s, simulation.platform());
  deployment.start();
  REQUIRE(deployment.replications().size() == 1);
  models::Dataset& data = deployment.dataset("us-east-1", models::ComponentId::DeltaTableData);
  sg4::Host* client = simulation.platform().compute("spark").front()->host;
  sg4::Actor::create("writer", client, [&data, client] {
    for (int k = 0; k * kEvery < 7000; ++k) {
      sg4::this_actor::sleep_until(k * kEvery);
      data.write(client, kBytes);
    }
  });
  simulation.run();

  const models::S3Replication& r = *deployment.replications().front();
  // Each write took well under a second, as did each copy.
  for (const models::ReplicatedWrite& w : r.log()) {
    REQUIRE(w.arrived >= 0);
    CHECK(w.arrived - w.time - kLag < 1);
  }
  for (double t : {3615.0, 5000.0, 6010.0}) {
    const models::ReplicationLoss loss = r.loss_at(t);
    std::uint64_t recent = 0;
    for (const models::ReplicatedWrite& w : r.log()) recent += w.time < t && w.time > t - kLag ? 1 : 0;
    INFO("t = " << t);
    CHECK(loss.lost == recent);
    CHECK(loss.lost == 4);  // L / T
    CHECK(loss.lost_bytes == 4 * kBytes);
    CHECK(loss.balanced());
    // The oldest lost write is the first of the last L seconds.
    CHECK(loss.rpo > kLag - kEvery);
    CHECK(loss.rpo <= kLag);
  }
  CHECK(r.writes() == r.replicated());
}

TEST_CASE("replication: the built-in lags match S3's published replication times") {
  constexpr int kDraws = 100000;
  sim::RandomStream rng(42, "replication/test");
  std::vector<double> rtc, crr;
  const auto with_rtc = models::ReplicationLag::standard(true);
  const auto without = models::ReplicationLag::standard(false);
  for (int i = 0; i < kDraws; ++i) {
    rtc.push_back(with_rtc.draw(rng));
    crr.push_back(without.draw(rng));
  }
  auto share_below = [](const std::vector<double>& v, double limit) {
    return static_cast<double>(std::count_if(v.begin(), v.end(), [limit](double x) { return x < limit; })) /
           static_cast<double>(v.size());
  };
  // RTC: "most objects in seconds, 99.99% within 15 minutes".
  const double rtc_p9999 = quantile(rtc, 0.9999);
  CHECK(rtc_p9999 < 900);
  CHECK(quantile(rtc, 0.5) < 60);
  // Without RTC: the majority within 15 minutes, some over an hour, a few taking a couple of hours.
  const double within_15m = share_below(crr, 900);
  const double over_1h = 1 - share_below(crr, 3600);
  CHECK(within_15m == Approx(0.90).margin(0.03));
  CHECK(over_1h > 0.01);
  CHECK(over_1h < 0.06);
  CHECK(quantile(crr, 0.5) == Approx(300).epsilon(0.1));
  std::printf("RTC: p50 %.1f s, p99.99 %.1f s; CRR: p50 %.1f s, %.2f%% < 15 min, %.2f%% > 1 h, %.2f%% > 2 h\n",
              quantile(rtc, 0.5), rtc_p9999, quantile(crr, 0.5), 100 * within_15m, 100 * over_1h,
              100 * (1 - share_below(crr, 7200)));
}

TEST_CASE("replication: a region outage reports lost writes with balanced accounting") {
  sim::LoadOptions options;
  options.sets = {"duration=6h",
                  R"(replication={"from": "us-east-1", "to": "us-west-2", "datasets": ["delta_table_data"]})",
                  R"(faults=[{"name": "east", "kind": "region_outage", "region": "us-east-1",
                              "start": "3h", "duration": "1h"}])"};
  const sim::Scenario s = sim::load_scenario(two_region(), options);
  const nlohmann::json r = assembly::run_scenario(s).results;
  const nlohmann::json& loss = r["data_loss"];
  INFO(loss.dump(2));
  CHECK(loss["accounting_ok"].get<bool>());
  REQUIRE(loss["region_outages"].size() == 1);
  const nlohmann::json& outage = loss["region_outages"][0];
  CHECK(outage["start"].get<double>() == 10800);
  nlohmann::json d;
  for (const auto& c : outage["components"])
    if (c["component"] == "delta_table_data" && c["unit"] == "writes") d = c;
  REQUIRE(d.is_object());
  CHECK(d["practice"] == "s3_replication");
  CHECK(d["writes_before"].get<std::uint64_t>() > 0);
  CHECK(d["accounting_ok"].get<bool>());
  CHECK(d["writes_before"].get<std::uint64_t>() ==
        d["survived"].get<std::uint64_t>() + d["lost_writes"].get<std::uint64_t>());
  CHECK(d["rpo_seconds"].get<double>() >= 0);
  CHECK(d["rpo_seconds"].get<double>() <= 3 * 3600);
  // Unreplicated datasets of the region (the clicks table's managed storage) are at risk.
  bool managed = false;
  for (const auto& a : outage["at_risk"]) managed = managed || a["dataset"] == "managed_tables";
  CHECK(managed);
  std::printf("delta_table_data at the 3h outage: %s\n", d.dump().c_str());
}

TEST_CASE("replication: an invalid section is refused with located diagnostics") {
  auto first = [](const std::string& name) {
    const std::string file = std::string(LAKESIM_TEST_DATA_DIR) + "/bad/" + name;
    try {
      sim::load_scenario(file);
    } catch (const sim::ScenarioError& e) {
      REQUIRE(!e.diagnostics().empty());
      const sim::Diagnostic& d = e.diagnostics().front();
      CHECK(d.to_string().rfind(file + ":", 0) == 0);
      CHECK(d.where.line > 0);
      return d;
    }
    FAIL("no error for " << file);
    return sim::Diagnostic{};
  };
  const sim::Diagnostic unknown = first("replication-unknown-dataset.json");
  CHECK(unknown.pointer == "/replication/datasets/1");
  CHECK_THAT(unknown.message, Catch::Contains("did you mean \"delta_table_data\""));
  const sim::Diagnostic same = first("replication-same-region.json");
  CHECK(same.pointer == "/replication/to");
  CHECK_THAT(same.message, Catch::Contains("to itself"));
}
