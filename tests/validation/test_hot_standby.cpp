// Hot standby between warm standby and active/active (scenarios/dr/us-east-1-loss.json, a full
// loss of us-east-1). AWS Resilience Hub orders its multi-region approaches by recovery time and
// cost: warm standby keeps a scaled-down secondary (minutes), hot standby a full-size one running
// but not serving, active/active serves from both (near zero). Here hot standby runs the whole DR
// compute as active/active does, so it must cost more than warm standby (its standby is four
// times the size) and about as much as active/active (which in this model does not serve from
// the secondary before the outage, so its extra cost is only its faster syncs and checks); its
// RTO must be shorter than warm standby's (no scale-out, a shorter decision) and longer than
// active/active's (a decision, slower health checks).
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

struct Outcome {
  double rto = 0;
  double cost = 0;
};

Outcome run(const std::string& variant) {
  const std::string text = test::in_child([&] {
    sim::LoadOptions options;
    options.variant = variant;
    const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/us-east-1-loss.json", options);
    const nlohmann::json r = assembly::run_scenario(s).results;
    const nlohmann::json& f = r["dr"]["failovers"].at(0);
    if (!f["completed"].get<bool>()) throw std::runtime_error("the failover did not complete");
    std::ostringstream out;
    out.precision(17);
    out << f["rto_seconds"].get<double>() << ' ' << r["cost"]["total_usd"].get<double>() << '\n';
    return out.str();
  });
  INFO(text);
  std::istringstream in(text);
  Outcome o;
  in >> o.rto >> o.cost;
  REQUIRE(in);
  std::printf("%-14s RTO %6.0f s, cost %8.2f USD\n", variant.c_str(), o.rto, o.cost);
  return o;
}

}  // namespace

TEST_CASE("DR strategies: hot standby sits between warm standby and active/active in RTO and cost") {
  const Outcome warm = run("warm_standby");
  const Outcome hot = run("hot_standby");
  const Outcome active = run("active_active");
  CHECK(hot.rto < warm.rto);
  CHECK(hot.rto > active.rto);
  CHECK(hot.cost > warm.cost);
  CHECK(hot.cost <= active.cost * 1.01);
}
