// Validation of the SQL warehouse's execution model: on one cluster, queries are admitted up to
// the slot count K (a FIFO queue beyond) and the admitted ones share the cluster's cores equally.
// Whenever a query is present the cluster works at its full rate, so the number in system is that
// of an M/M/1 queue whatever K: under Poisson arrivals and exponential work the mean response time
// (queue + execution) is E[S] / (1 - rho), E[S] being the work over the cluster's cores.
//
// Two checks for K = 1, 3 and 10 at loads 0.5 and 0.8 (one test case each). (1) Exact: every query's simulated response
// time equals the one computed by a direct event-by-event replay of FIFO admission and equal
// sharing from the same arrivals and works, to 1e-6 s. (2) Statistical: the mean response time
// matches E[S] / (1 - rho) within 5%, with the 95% confidence half-width of the simulated mean (50
// batch means) inside the tolerance. Queries come from the scenario's seed 20240601 (named streams
// "sql.ps.arrivals" and "sql.ps.work"), E[S] = 0.5 s on the 8 cores of two 4-core instances; the
// first 2% are dropped as warm-up (the cluster starts empty).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <limits>
#include <vector>

#include "models/archetypes/sql_warehouse.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/processor_sharing.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kMeanService = 0.5;  // seconds alone on the cluster
constexpr double kTolerance = 0.05;
constexpr int kBatches = 50;
constexpr double kStudent95 = 2.010;  // t quantile, 49 degrees of freedom
constexpr int kPoolSize = 400;        // query actors
constexpr std::size_t kNoMoreQueries = static_cast<std::size_t>(-1);

struct Query {
  double arrived = 0;
  double work = 0;       // core-seconds
  double response = -1;  // -1: not finished
};

// Response times by direct replay: FIFO admission up to `slots`, `cores` shared equally.
std::vector<double> reference_responses(const std::vector<Query>& queries, int slots, double cores) {
  std::vector<double> response(queries.size(), -1);
  struct Active {
    std::size_t index;
    double left;
  };
  std::vector<Active> active;
  std::deque<std::size_t> waiting;
  double now = 0;
  std::size_t next = 0;
  const auto admit = [&](std::size_t i) { active.push_back({i, queries[i].work}); };
  while (next < queries.size() || !active.empty()) {
    double finish = std::numeric_limits<double>::infinity();
    std::size_t first = 0;
    for (std::size_t a = 0; a < active.size(); ++a)
      if (active[a].left < finish) {
        finish = active[a].left;
        first = a;
      }
    const double rate = active.empty() ? 0 : cores / static_cast<double>(active.size());
    const double finish_at = active.empty() ? finish : now + finish / rate;
    const double arrive_at = next < queries.size() ? queries[next].arrived : std::numeric_limits<double>::infinity();
    const double until = std::min(finish_at, arrive_at);
    for (Active& a : active) a.left -= (until - now) * rate;
    now = until;
    if (finish_at <= arrive_at) {
      response[active[first].index] = now - queries[active[first].index].arrived;
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(first));
      if (!waiting.empty()) {
        admit(waiting.front());
        waiting.pop_front();
      }
    } else {
      if (static_cast<int>(active.size()) < slots)
        admit(next);
      else
        waiting.push_back(next);
      ++next;
    }
  }
  return response;
}

struct Measured {
  double mean = 0;  // mean response / E[S]
  double half_width = 0;
  double max_reference_error = 0;  // seconds
  std::size_t finished = 0;
  int spare_actors = 0;
};

Measured simulate(double rho, int slots, std::size_t count) {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/sql-warehouse.json");
  sim::Simulation sim(s);
  const sim::ComputeSpec* spec = nullptr;
  for (const sim::ComputeSpec& c : s.compute)
    if (c.name == "fixed") spec = &c;
  REQUIRE(spec != nullptr);
  std::vector<sg4::Host*> hosts;
  double cores = 0;
  for (const sim::HostInfo* h : sim.platform().compute("fixed")) {
    hosts.push_back(h->host);
    cores += h->host->get_core_count();
  }
  models::SqlWarehouseConfig config = models::sql_warehouse_config(*spec);
  config.slots_per_cluster = slots;
  REQUIRE(config.max_clusters == 1);
  models::SqlWarehouse warehouse(models::component(models::ComponentId::SqlWarehouseCompute), spec->region, spec->name,
                                 hosts, config);
  warehouse.start();

  const double mean_work = kMeanService * cores;  // core-seconds
  const double arrival_rate = rho / kMeanService;
  REQUIRE(static_cast<double>(count) / arrival_rate < 0.95 * s.duration);

  std::vector<Query> queries(count);
  std::deque<std::size_t> jobs;
  sg4::SemaphorePtr pending = sg4::Semaphore::create(0);
  int idle = kPoolSize;
  int spare = kPoolSize;
  sg4::Host* client = sim.platform().external(sim::ExternalSystem::Clients);
  for (int p = 0; p < kPoolSize; ++p)
    sg4::Actor::create("query", client, [&] {
      for (;;) {
        pending->acquire();
        const std::size_t i = jobs.front();
        jobs.pop_front();
        if (i == kNoMoreQueries) return;
        --idle;
        const models::QueryTiming t = warehouse.run(models::QueryWork{queries[i].work, 0, 0}, {});
        ++idle;
        queries[i].response = sg4::Engine::get_clock() - queries[i].arrived;
        (void)t;
      }
    });
  sg4::Actor::create("arrivals", client, [&] {
    sim::RandomStream arrivals(s.seed, "sql.ps.arrivals");
    sim::RandomStream work(s.seed, "sql.ps.work");
    for (std::size_t i = 0; i < count; ++i) {
      sg4::this_actor::sleep_for(arrivals.exponential(1 / arrival_rate));
      queries[i].arrived = sg4::Engine::get_clock();
      queries[i].work = work.exponential(mean_work);
      jobs.push_back(i);
      spare = std::min(spare, idle - static_cast<int>(jobs.size()));
      pending->release();
    }
    for (int p = 0; p < kPoolSize; ++p) {
      jobs.push_back(kNoMoreQueries);
      pending->release();
    }
  });
  sim.run();

  Measured m;
  m.spare_actors = spare;
  const std::vector<double> reference = reference_responses(queries, slots, cores);
  const std::size_t warmup = count / 50;
  const std::size_t measured = count - warmup;
  double sum = 0;
  std::vector<double> batch(kBatches, 0);
  for (std::size_t i = 0; i < count; ++i) {
    if (queries[i].response < 0) continue;
    ++m.finished;
    m.max_reference_error = std::max(m.max_reference_error, std::abs(queries[i].response - reference[i]));
    if (i < warmup) continue;
    sum += queries[i].response;
    batch[(i - warmup) * kBatches / measured] += queries[i].response;
  }
  m.mean = sum / static_cast<double>(measured) / kMeanService;
  double var = 0;
  for (double b : batch) {
    const double mean = b / (static_cast<double>(measured) / kBatches) / kMeanService;
    var += (mean - m.mean) * (mean - m.mean);
  }
  var /= kBatches - 1;
  m.half_width = kStudent95 * std::sqrt(var / kBatches);
  return m;
}

void check_against_mm1(double rho, int slots, std::size_t count) {
  const double expected = 1 / (1 - rho);  // E[T] / E[S]
  const Measured m = simulate(rho, slots, count);
  std::printf(
      "PS, K=%d, rho=%.2f, %zu queries: E[T]/E[S] simulated %.4f (95%% CI +/- %.4f) vs 1/(1-rho) %.4f (%+.2f%%); "
      "max |response - direct replay| %.1e s\n",
      slots, rho, count, m.mean, m.half_width, expected, 100 * (m.mean / expected - 1), m.max_reference_error);
  INFO("K " << slots << ", rho " << rho << ": E[T]/E[S] " << m.mean << " vs " << expected << ", half-width "
            << m.half_width);
  REQUIRE(m.finished == count);
  CHECK(m.spare_actors > 0);
  CHECK(m.max_reference_error < 1e-6);
  CHECK(m.half_width < kTolerance * expected);
  CHECK(m.mean == Approx(expected).epsilon(kTolerance));
}

}  // namespace

TEST_CASE("Processor sharing finishes jobs in the order of their virtual finishing tags") {
  sim::ProcessorSharing ps(4);  // 4 units per second
  const auto a = ps.add(8, 0);  // alone: would end at 2
  CHECK(ps.head() == a);
  CHECK(ps.head_finish(0) == Approx(2));
  const auto b = ps.add(2, 1);  // a has 4 left; both at 2 per second: b ends at 2, a at 3
  CHECK(ps.head() == b);
  CHECK(ps.head_finish(1) == Approx(2));
  CHECK(ps.done(b, 2));
  ps.remove(b, 2);
  CHECK(ps.remaining(a, 2) == Approx(2));
  CHECK(ps.head_finish(2) == Approx(2.5));
  ps.remove(a, 2.5);
  CHECK(ps.head() == sim::ProcessorSharing::kNone);
}

// One simulation per test case: SimGrid allows one engine per process.
TEST_CASE("SQL warehouse cluster of 1 slots shares its cores as M/M/1 at load 0.5") {
  check_against_mm1(0.5, 1, 200000);
}

TEST_CASE("SQL warehouse cluster of 3 slots shares its cores as M/M/1 at load 0.5") {
  check_against_mm1(0.5, 3, 200000);
}

TEST_CASE("SQL warehouse cluster of 10 slots shares its cores as M/M/1 at load 0.5") {
  check_against_mm1(0.5, 10, 200000);
}

TEST_CASE("SQL warehouse cluster of 1 slots shares its cores as M/M/1 at load 0.8") {
  check_against_mm1(0.8, 1, 600000);
}

TEST_CASE("SQL warehouse cluster of 3 slots shares its cores as M/M/1 at load 0.8") {
  check_against_mm1(0.8, 3, 600000);
}

TEST_CASE("SQL warehouse cluster of 10 slots shares its cores as M/M/1 at load 0.8") {
  check_against_mm1(0.8, 10, 600000);
}
