// A capacity shortage on a SQL warehouse: no stopped cluster starts while it lasts, the running
// one keeps serving, and the autoscaler's clusters start at its first tick after the shortage,
// serving after the start delay.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/archetypes/sql_warehouse.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

struct Query {
  double started = -1;
  double finished = -1;
  int cluster = -1;
};

// 400 queries of 30 s in one 10-slot cluster of two 4-core instances (0.8 core each), submitted
// at 0; launches blocked until `shortage_ends` (0: no shortage).
struct Outcome {
  std::vector<Query> queries;
  std::uint64_t upscales = 0;
  std::uint64_t refused = 0;
  double start_delay = 0;
};

Outcome burst_during_shortage(double shortage_ends) {
  sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/sql-warehouse.json");
  s.duration = 3600;
  sim::Simulation sim(s);
  const sim::ComputeSpec* spec = nullptr;
  for (const sim::ComputeSpec& c : s.compute)
    if (c.name == "auto") spec = &c;
  REQUIRE(spec != nullptr);
  std::vector<sg4::Host*> hosts;
  for (const sim::HostInfo* h : sim.platform().compute("auto")) hosts.push_back(h->host);
  models::SqlWarehouse warehouse(models::component(models::ComponentId::SqlWarehouseCompute), spec->region, "auto",
                                 hosts, models::sql_warehouse_config(*spec));
  warehouse.start();
  Outcome out;
  out.queries.resize(400);
  if (shortage_ends > 0) {
    warehouse.set_launches_blocked(true);
    sg4::Actor::create("shortage", sim.platform().external(sim::ExternalSystem::Clients), [&] {
      sg4::this_actor::sleep_until(shortage_ends);
      warehouse.set_launches_blocked(false);
    });
  }
  for (Query& q : out.queries)
    sg4::Actor::create("query", sim.platform().external(sim::ExternalSystem::Clients), [&warehouse, &q] {
      const models::QueryTiming t = warehouse.run(models::QueryWork{30 * 8.0 / 10, 0, 0}, {});
      q.started = t.queued;
      q.finished = sg4::Engine::get_clock();
      q.cluster = t.cluster;
    });
  sim.run();
  out.upscales = warehouse.upscales();
  out.refused = warehouse.refused_launches();
  out.start_delay = warehouse.config().start_delay;
  return out;
}

// One engine per process: each run in a child.
Outcome in_child(double shortage_ends) {
  const nlohmann::json j = nlohmann::json::parse(test::in_child([&] {
    const Outcome o = burst_during_shortage(shortage_ends);
    nlohmann::json q = nlohmann::json::array();
    for (const Query& x : o.queries) q.push_back({x.started, x.finished, x.cluster});
    return nlohmann::json{
        {"upscales", o.upscales}, {"refused", o.refused}, {"start_delay", o.start_delay}, {"queries", q}}
        .dump();
  }));
  Outcome out;
  out.upscales = j["upscales"].get<std::uint64_t>();
  out.refused = j["refused"].get<std::uint64_t>();
  out.start_delay = j["start_delay"].get<double>();
  for (const auto& q : j["queries"]) out.queries.push_back({q[0].get<double>(), q[1].get<double>(), q[2].get<int>()});
  return out;
}

}  // namespace

TEST_CASE("SQL warehouse: a capacity shortage keeps new clusters from starting until it ends") {
  const Outcome free = in_child(0);
  const Outcome short_of = in_child(605);
  CHECK(free.refused == 0);
  CHECK(free.upscales >= 2);
  CHECK(short_of.refused > 0);
  // The ticks fall every 10 s: the first after 605 s is at 610, its clusters serve from 614.
  const double first_ready = 610 + short_of.start_delay;
  double first_elsewhere = 1e30, last_free = 0, last_short = 0;
  for (const Query& q : short_of.queries) {
    REQUIRE(q.finished >= 0);
    if (q.cluster != 0) first_elsewhere = std::min(first_elsewhere, q.started);
    last_short = std::max(last_short, q.finished);
  }
  for (const Query& q : free.queries) last_free = std::max(last_free, q.finished);
  CHECK(first_elsewhere == Approx(first_ready).margin(1e-9));
  // One cluster alone drains 10 queries every 30 s until then: 20 rounds of 10 by 600 s.
  int done_by_shortage_end = 0;
  for (const Query& q : short_of.queries) done_by_shortage_end += q.finished <= 605 ? 1 : 0;
  CHECK(done_by_shortage_end == 200);
  CHECK(last_short > last_free);
}
