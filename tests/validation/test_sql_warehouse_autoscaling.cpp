// SQL warehouse scaling and admission: the autoscaler adds clusters by the drain-time rule, and
// by the forced rule for a query queued 5 minutes, and they serve after the start delay; clusters
// are removed only after the load has been low for downscale_after; a full queue refuses queries;
// no cluster runs more queries than its slots.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "models/archetypes/sql_warehouse.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

sim::Scenario warehouse_scenario() {
  return sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/sql-warehouse.json");
}

std::unique_ptr<models::SqlWarehouse> deploy(sim::Simulation& sim, const std::string& placement) {
  const sim::ComputeSpec* spec = nullptr;
  for (const sim::ComputeSpec& c : sim.scenario().compute)
    if (c.name == placement) spec = &c;
  REQUIRE(spec != nullptr);
  std::vector<sg4::Host*> hosts;
  for (const sim::HostInfo* h : sim.platform().compute(placement)) hosts.push_back(h->host);
  auto warehouse =
      std::make_unique<models::SqlWarehouse>(models::component(models::ComponentId::SqlWarehouseCompute), spec->region,
                                             placement, hosts, models::sql_warehouse_config(*spec));
  warehouse->start();
  return warehouse;
}

// Core-seconds that take `seconds` in one slot of a cluster of two 4-core instances.
double core_seconds_for(double seconds) { return seconds * 8 / 10; }

struct Query {
  double arrived = 0;
  double started = -1;  // -1: not run
  double finished = -1;
  int cluster = -1;
  bool refused = false;
};

using Queries = std::shared_ptr<std::vector<Query>>;

// Submits `count` queries of `seconds` each now, one actor each.
Queries burst(sim::Simulation& sim, models::SqlWarehouse& warehouse, int count, double seconds) {
  auto queries = std::make_shared<std::vector<Query>>(static_cast<std::size_t>(count));
  sg4::Host* client = sim.platform().external(sim::ExternalSystem::Clients);
  for (std::size_t i = 0; i < queries->size(); ++i)
    sg4::Actor::create("query", client, [&warehouse, queries, i, seconds] {
      Query& q = (*queries)[i];
      q.arrived = sg4::Engine::get_clock();
      try {
        const models::QueryTiming t = warehouse.run(models::QueryWork{core_seconds_for(seconds), 0, 0}, {});
        q.started = q.arrived + t.queued;
        q.finished = sg4::Engine::get_clock();
        q.cluster = t.cluster;
      } catch (const models::RequestFailed& f) {
        q.refused = f.cause() == models::FailureCause::NoCapacity;
      }
    });
  return queries;
}

}  // namespace

TEST_CASE("SQL warehouse scales up under a long burst and new clusters serve after the start delay") {
  sim::Scenario s = warehouse_scenario();
  s.duration = 3600;
  sim::Simulation sim(s);
  auto warehouse = deploy(sim, "auto");
  const models::SqlWarehouseConfig& config = warehouse->config();
  // 400 queries of 30 s on one 10-slot cluster: 20 minutes to drain. At the first tick (t = 10 s)
  // no query has finished, so the estimate uses the assumed 10 s: 400 x 10 / 10 = 6.7 min, +2.
  const Queries queries = burst(sim, *warehouse, 400, 30);
  sim.run();

  CHECK(warehouse->upscales() >= 2);
  int most = 0;
  for (const auto& [when, running, queued] : warehouse->history()) most = std::max(most, running);
  CHECK(most >= 3);
  CHECK(most <= config.max_clusters);

  const double first_ready = config.autoscale_interval + config.start_delay;
  std::map<int, double> first_start;
  for (const Query& q : *queries) {
    REQUIRE(q.finished >= 0);
    if (!first_start.count(q.cluster)) first_start[q.cluster] = q.started;
    first_start[q.cluster] = std::min(first_start[q.cluster], q.started);
  }
  CHECK(first_start.at(0) == 0);
  // The clusters added at the first tick take queries exactly when they become ready, not before.
  REQUIRE(first_start.count(1));
  REQUIRE(first_start.count(2));
  CHECK(first_start.at(1) == Approx(first_ready).margin(1e-9));
  CHECK(first_start.at(2) == Approx(first_ready).margin(1e-9));
  for (const auto& [cluster, started] : first_start)
    if (cluster > 0) CHECK(started >= first_ready - 1e-9);
}

TEST_CASE("SQL warehouse adds a cluster when a query has waited 5 minutes even if the drain estimate is short") {
  sim::Scenario s = warehouse_scenario();
  s.duration = 3600;
  sim::Simulation sim(s);
  auto warehouse = deploy(sim, "auto");
  const models::SqlWarehouseConfig& config = warehouse->config();
  // Ten 50-minute queries fill the only cluster; five short ones arriving at t = 1 s wait behind
  // them. The drain estimate, (10 + 5) x 10 s / 10 slots, is far below 2 minutes, so only the
  // forced rule can help: at the first tick after they have waited forced_upscale_wait (t = 310 s).
  const Queries blockers = burst(sim, *warehouse, config.slots_per_cluster, 3000);
  auto shorts = std::make_shared<Queries>();
  sg4::Actor::create("late", sim.platform().external(sim::ExternalSystem::Clients), [&] {
    sg4::this_actor::sleep_until(1);
    *shorts = burst(sim, *warehouse, 5, 10);
  });
  sim.run();

  const double forced_at = 310;
  CHECK(warehouse->upscales() == 1);
  REQUIRE(*shorts);
  for (const Query& q : **shorts) {
    REQUIRE(q.finished >= 0);
    CHECK(q.cluster == 1);
    CHECK(q.started == Approx(forced_at + config.start_delay).margin(1e-9));
  }
  for (const auto& [when, running, queued] : warehouse->history())
    if (when < forced_at + config.start_delay) CHECK(running == 1);
  for (const Query& q : *blockers) CHECK(q.cluster == 0);
}

TEST_CASE("SQL warehouse scales down to its minimum only after the load has been low for 15 minutes") {
  sim::Scenario s = warehouse_scenario();
  s.duration = 3600;
  sim::Simulation sim(s);
  auto warehouse = deploy(sim, "auto");
  const models::SqlWarehouseConfig& config = warehouse->config();
  const Queries queries = burst(sim, *warehouse, 400, 30);
  sim.run();

  // The queue empties when the last query starts: every slot is busy then, so the load is not
  // low again before that instant + downscale_after. The last query ends 30 s later.
  double last_start = 0, last_end = 0;
  for (const Query& q : *queries) {
    REQUIRE(q.finished >= 0);
    last_start = std::max(last_start, q.started);
    last_end = std::max(last_end, q.finished);
  }
  REQUIRE(warehouse->upscales() >= 2);
  const auto& history = warehouse->history();
  double back_to_min = -1;
  for (std::size_t i = 1; i < history.size(); ++i) {
    const auto& [when, running, queued] = history[i];
    if (running < std::get<1>(history[i - 1])) {
      INFO("running clusters fell to " << running << " at t=" << when << "; queue emptied at t=" << last_start);
      CHECK(when >= last_start + config.downscale_after);
    }
    if (back_to_min < 0 && when > last_start && running == config.min_clusters) back_to_min = when;
  }
  INFO("queue emptied at t=" << last_start << ", last query ended at t=" << last_end);
  REQUIRE(back_to_min > 0);
  CHECK(back_to_min >= last_start + config.downscale_after);
  CHECK(back_to_min <= last_end + config.downscale_after + 2 * config.autoscale_interval);
  CHECK(warehouse->running_clusters() == config.min_clusters);
  CHECK(warehouse->downscales() == warehouse->upscales());
}

TEST_CASE("SQL warehouse refuses queries beyond its queue limit with NoCapacity") {
  sim::Scenario s = warehouse_scenario();
  s.duration = 3 * 3600;
  sim::Simulation sim(s);
  auto warehouse = deploy(sim, "fixed");
  const models::SqlWarehouseConfig& config = warehouse->config();
  const int extra = 40;
  const int count = config.slots_per_cluster + config.max_queue + extra;
  const Queries queries = burst(sim, *warehouse, count, 60);
  int queued_at_1s = -1, busy_at_1s = -1;
  sg4::Actor::create("observer", sim.platform().external(sim::ExternalSystem::Clients), [&] {
    sg4::this_actor::sleep_until(1);
    queued_at_1s = warehouse->queued();
    busy_at_1s = warehouse->busy_slots();
  });
  sim.run();

  CHECK(queued_at_1s == config.max_queue);
  CHECK(busy_at_1s == config.slots_per_cluster);
  int refused = 0, served = 0;
  double previous_start = 0;
  for (const Query& q : *queries) {
    if (q.refused) {
      ++refused;
      continue;
    }
    REQUIRE(q.finished >= 0);
    ++served;
    CHECK(q.started >= previous_start);  // first come, first served
    previous_start = q.started;
  }
  CHECK(refused == extra);
  CHECK(served == config.slots_per_cluster + config.max_queue);
  CHECK(warehouse->failures(models::FailureCause::NoCapacity) == static_cast<std::uint64_t>(extra));
  CHECK(warehouse->served() == static_cast<std::uint64_t>(served));
}

TEST_CASE("SQL warehouse never runs more queries on a cluster than its slots") {
  sim::Scenario s = warehouse_scenario();
  s.duration = 2 * 3600;
  sim::Simulation sim(s);
  auto warehouse = deploy(sim, "auto");
  const models::SqlWarehouseConfig& config = warehouse->config();
  sg4::Host* client = sim.platform().external(sim::ExternalSystem::Clients);
  sg4::Host* s3 = sim.platform().s3_endpoint("lake");
  // An hour of Poisson arrivals offering about 30 slots of work (mean 20 s at 1.5/s), with
  // reads from S3 onto the workers, so that the warehouse scales and its clusters fill up.
  auto queries = std::make_shared<std::vector<Query>>();
  auto executed = std::make_shared<double>(0);
  sg4::Actor::create("arrivals", client, [&, queries, executed] {
    sim::RandomStream arrivals(s.seed, "sql.arrivals");
    sim::RandomStream work(s.seed, "sql.work");
    while (sg4::Engine::get_clock() < 3600) {
      sg4::this_actor::sleep_for(arrivals.exponential(1 / 1.5));
      const double core_seconds = core_seconds_for(work.exponential(20));
      const std::size_t i = queries->size();
      queries->push_back(Query{sg4::Engine::get_clock()});
      sg4::Actor::create("query", client, [&, queries, executed, i, core_seconds] {
        const models::QueryTiming t = warehouse->run(
            models::QueryWork{core_seconds, 64e6, 0}, [s3](const std::vector<sg4::Host*>& workers, double bytes) {
              for (sg4::Host* worker : workers) sg4::Comm::sendto(s3, worker, static_cast<std::uint64_t>(bytes));
            });
        Query& q = (*queries)[i];
        q.started = q.arrived + t.queued;
        q.finished = sg4::Engine::get_clock();
        q.cluster = t.cluster;
        *executed += t.executed;
      });
    }
  });
  sim.run();

  // Sweep each cluster's query intervals. A slot freed at t is taken again at t; the margin keeps
  // rounding in start = arrival + queued from counting the two as overlapping.
  std::map<int, std::vector<std::pair<double, int>>> events;
  for (const Query& q : *queries) {
    REQUIRE(q.finished >= 0);
    events[q.cluster].emplace_back(q.started + 1e-7, +1);
    events[q.cluster].emplace_back(q.finished - 1e-7, -1);
  }
  CHECK(events.size() >= 2);  // it scaled out
  int peak_anywhere = 0;
  for (auto& [cluster, list] : events) {
    std::sort(list.begin(), list.end());
    int now = 0, peak = 0;
    for (const auto& [when, delta] : list) peak = std::max(peak, now += delta);
    INFO("cluster " << cluster);
    CHECK(peak <= config.slots_per_cluster);
    peak_anywhere = std::max(peak_anywhere, peak);
  }
  CHECK(peak_anywhere == config.slots_per_cluster);  // the limit was actually reached
  CHECK(warehouse->slot_busy_seconds() == Approx(*executed).epsilon(1e-9));
  CHECK(warehouse->busy_slots() == 0);
}
