// The shipped two-region scenario exercises the whole architecture: every catalogue component is
// deployed as an actor and serves requests, and every workload gets work done.
#include <catch2/catch.hpp>

#include <set>

#include "assembly/scenario_run.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"

using namespace lakesim;

TEST_CASE("every catalogue component is deployed and exercised in two-region") {
  sim::LoadOptions options;
  options.sets = {"duration=3h"};
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json", options);
  const analysis::RunOutput run = assembly::run_scenario(s);
  const nlohmann::json& components = run.results["components"];

  std::set<std::string> deployed, exercised;
  for (const auto& c : components) {
    deployed.insert(c["id"].get<std::string>());
    if (c["requests_served"].get<std::uint64_t>() > 0) exercised.insert(c["id"].get<std::string>());
    CHECK(!c["region"].get<std::string>().empty());
    CHECK(c["utilisation"].get<double>() >= 0.0);
    CHECK(c["utilisation"].get<double>() <= 1.0 + 1e-9);
  }
  for (const models::Component& entry : models::catalog()) {
    INFO(entry.name);
    CHECK(deployed.count(std::string(entry.id)) == 1);
    CHECK(exercised.count(std::string(entry.id)) == 1);
  }
  // Both regions have their own control plane and data plane.
  std::set<std::string> regions;
  for (const auto& c : components) regions.insert(c["region"].get<std::string>());
  CHECK(regions == std::set<std::string>{"us-east-1", "us-west-2"});

  for (const auto& w : run.results["workloads"]) {
    INFO(w["name"].get<std::string>());
    CHECK(w["completed"].get<std::uint64_t>() > 0);
  }
  CHECK(run.results["cost"]["total_usd"].get<double>() > 0);
  CHECK(run.timeline.rfind("time,component,region,kind,detail\n", 0) == 0);
}

TEST_CASE("refused requests are counted as refused, never served") {
  sim::LoadOptions options;
  options.sets = {"duration=2h", "workloads.6.unauthorized_fraction=1"};
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json", options);
  REQUIRE(s.workloads[6].cls == sim::WorkloadClass::Notebook);
  const analysis::RunOutput run = assembly::run_scenario(s);
  const auto& adhoc = run.results["workloads"][6];
  CHECK(adhoc["completed"].get<std::uint64_t>() == 0);
  CHECK(adhoc["failed_by_cause"]["refused"].get<std::uint64_t>() > 0);
  CHECK(adhoc["failed_by_cause"]["refused"].get<std::uint64_t>() == adhoc["failed"].get<std::uint64_t>());
}
