// Queueing validation of the SQL warehouse's admission: one cluster of 10 slots whose statements
// hold their slot for a time that does not depend on the other statements is an M/M/10 queue under
// Poisson arrivals and exponential holding times, so its mean wait in queue and its probability of
// waiting must match Erlang C. Executing queries share the cluster's cores (processor sharing,
// checked against M/M/1 in test_sql_warehouse_processor_sharing.cpp), so what still behaves as
// M/M/c is the replay of statements that failed or were canceled: they hold their slot for their
// recorded time and use no cores.
//
// Two checks. (1) Exact: every statement's simulated wait equals the wait computed by the FCFS
// c-server recursion (a statement starts when the earliest of the c servers frees) from the same
// arrival times and holding times, to 1e-6 s. (2) Statistical: the mean wait in queue and P(wait)
// match Erlang C within 5%. Statements come from the scenario's seed 20240601 (named streams
// "sql.arrivals" and "sql.work"), mean holding time 2 s; the first 2% are dropped as warm-up (the
// queue starts empty). The analytic values come from the Erlang C formula below, not from a table.
// Waits are strongly autocorrelated near saturation, so the runs are long (1.5 million statements
// at load 0.8, 2.5 million at 0.9) and the test also checks that the 95% confidence half-width of
// the simulated mean wait (50 batch means) is inside the 5% tolerance.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <vector>

#include "models/archetypes/sql_warehouse.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kMeanExecution = 2.0;  // seconds
constexpr double kTolerance = 0.05;
constexpr int kBatches = 50;
constexpr double kStudent95 = 2.010;  // t quantile, 49 degrees of freedom
constexpr int kPoolSize = 1000;       // query actors
constexpr std::size_t kNoMoreQueries = static_cast<std::size_t>(-1);

struct ErlangC {
  double p_wait;
  double wq;  // mean wait in queue, in units of the mean service time
};

// M/M/c with offered load a = lambda / mu < c:
//   P(wait) = [a^c/c! * c/(c-a)] / [sum_{k<c} a^k/k! + a^c/c! * c/(c-a)],  Wq * mu = P(wait) / (c - a).
ErlangC erlang_c(int c, double a) {
  double term = 1;  // a^k / k!
  double below = 0;
  for (int k = 0; k < c; ++k) {
    below += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);
  const double p = top / (below + top);
  return {p, p / (c - a)};
}

struct Record {
  double arrived = 0;
  double queued = -1;  // -1: not finished
  double executed = 0;
  double core_seconds = 0;
};

struct Measured {
  double wq = 0;                   // mean wait / mean execution time
  double p_wait = 0;               // fraction of queries that waited
  double wq_half_width = 0;        // 95% confidence half-width of wq
  double max_execution_error = 0;  // worst deviation from the execution model, seconds
  double max_recursion_error = 0;  // worst deviation from the FCFS c-server recursion, seconds
  std::size_t finished = 0;
  int spare_actors = 0;  // fewest idle query actors left over when a query arrived
};

Measured simulate(double rho, std::size_t queries) {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/sql-warehouse.json");
  sim::Simulation sim(s);
  const sim::ComputeSpec* spec = nullptr;
  for (const sim::ComputeSpec& c : s.compute)
    if (c.name == "fixed") spec = &c;
  REQUIRE(spec != nullptr);
  std::vector<sg4::Host*> hosts;
  double cluster_cores = 0;
  for (const sim::HostInfo* h : sim.platform().compute("fixed")) {
    hosts.push_back(h->host);
    cluster_cores += h->host->get_core_count();
  }
  const models::SqlWarehouseConfig config = models::sql_warehouse_config(*spec);
  REQUIRE(config.min_clusters == 1);
  REQUIRE(config.max_clusters == 1);
  models::SqlWarehouse warehouse(models::component(models::ComponentId::SqlWarehouseCompute), spec->region, spec->name,
                                 hosts, config);
  warehouse.start();

  // A held slot's time is its own whatever the cluster's cores: "core_seconds" below are seconds held.
  REQUIRE(cluster_cores > 0);
  const double seconds_per_core_second = 1;
  const double mean_core_seconds = kMeanExecution;
  const double arrival_rate = rho * config.slots_per_cluster / kMeanExecution;
  REQUIRE(static_cast<double>(queries) / arrival_rate < 0.95 * s.duration);  // all finish in the run

  // A fixed pool of query actors takes arrivals in order (an actor per query would cost more than
  // the query). The pool is far larger than the number of queries ever in the system, which is
  // checked, so a query never waits for an actor: its wait is the warehouse's alone.
  struct Job {
    std::size_t index;
    double arrived;
    double core_seconds;
  };
  std::vector<Record> records(queries);
  std::deque<Job> jobs;
  sg4::SemaphorePtr pending = sg4::Semaphore::create(0);
  int idle = kPoolSize;
  int spare = kPoolSize;
  sg4::Host* client = sim.platform().external(sim::ExternalSystem::Clients);
  for (int p = 0; p < kPoolSize; ++p)
    sg4::Actor::create("query", client, [&] {
      for (;;) {
        pending->acquire();
        const Job job = jobs.front();
        jobs.pop_front();
        if (job.index == kNoMoreQueries) return;
        --idle;
        const double picked = sg4::Engine::get_clock();
        const models::QueryTiming t = warehouse.run(models::QueryWork{0, 0, 0, true, job.core_seconds}, {});
        ++idle;
        records[job.index] = Record{job.arrived, (picked - job.arrived) + t.queued, t.executed, job.core_seconds};
      }
    });
  sg4::Actor::create("arrivals", client, [&] {
    sim::RandomStream arrivals(s.seed, "sql.arrivals");
    sim::RandomStream work(s.seed, "sql.work");
    for (std::size_t i = 0; i < queries; ++i) {
      sg4::this_actor::sleep_for(arrivals.exponential(1 / arrival_rate));
      jobs.push_back(Job{i, sg4::Engine::get_clock(), work.exponential(mean_core_seconds)});
      spare = std::min(spare, idle - static_cast<int>(jobs.size()));
      pending->release();
    }
    for (int p = 0; p < kPoolSize; ++p) {  // each actor leaves once the queries before are taken
      jobs.push_back(Job{kNoMoreQueries, 0, 0});
      pending->release();
    }
  });
  sim.run();

  Measured m;
  m.spare_actors = spare;
  std::vector<double> free_at(static_cast<std::size_t>(config.slots_per_cluster), 0);  // per server
  const std::size_t warmup = queries / 50;
  const std::size_t measured = queries - warmup;
  double wait_sum = 0;
  std::size_t waited = 0;
  std::vector<double> batch_sum(kBatches, 0);
  for (std::size_t i = 0; i < queries; ++i) {
    const Record& r = records[i];
    if (r.queued < 0) continue;
    ++m.finished;
    const double execution = r.core_seconds * seconds_per_core_second;
    m.max_execution_error = std::max(m.max_execution_error, std::abs(r.executed - execution));
    const auto server = std::min_element(free_at.begin(), free_at.end());
    const double wait = std::max(0.0, *server - r.arrived);
    *server = r.arrived + wait + execution;
    m.max_recursion_error = std::max(m.max_recursion_error, std::abs(r.queued - wait));
    if (i < warmup) continue;
    wait_sum += r.queued;
    waited += r.queued > 0 ? 1 : 0;
    batch_sum[(i - warmup) * kBatches / measured] += r.queued;
  }
  m.wq = wait_sum / static_cast<double>(measured) / kMeanExecution;
  m.p_wait = static_cast<double>(waited) / static_cast<double>(measured);
  // Batches of 29,000 queries or more are far longer than the queue's memory, so their means are
  // nearly independent.
  double var = 0;
  for (double b : batch_sum) {
    const double mean = b / (static_cast<double>(measured) / kBatches) / kMeanExecution;
    var += (mean - m.wq) * (mean - m.wq);
  }
  var /= kBatches - 1;
  m.wq_half_width = kStudent95 * std::sqrt(var / kBatches);
  return m;
}

void check_against_erlang_c(double rho, std::size_t queries) {
  const int c = 10;
  const ErlangC expected = erlang_c(c, rho * c);
  const Measured m = simulate(rho, queries);
  std::printf(
      "M/M/10 rho=%.2f, %zu queries: Wq/E[S] simulated %.4f (95%% CI +/- %.4f) vs Erlang C %.4f "
      "(%+.2f%%); P(wait) simulated %.4f vs %.4f (%+.2f%%); max |execution - model| %.1e s, "
      "max |wait - FCFS recursion| %.1e s\n",
      rho, queries, m.wq, m.wq_half_width, expected.wq, 100 * (m.wq / expected.wq - 1), m.p_wait, expected.p_wait,
      100 * (m.p_wait / expected.p_wait - 1), m.max_execution_error, m.max_recursion_error);
  INFO("rho " << rho << ": Wq " << m.wq << " vs " << expected.wq << ", P(wait) " << m.p_wait << " vs "
              << expected.p_wait << ", Wq 95% half-width " << m.wq_half_width);
  REQUIRE(m.finished == queries);
  CHECK(m.spare_actors > 0);
  // Execution and waiting times are the model's whatever the load (to clock rounding).
  CHECK(m.max_execution_error < 1e-6);
  CHECK(m.max_recursion_error < 1e-6);
  CHECK(m.wq_half_width < kTolerance * expected.wq);  // the run is long enough to tell
  CHECK(m.wq == Approx(expected.wq).epsilon(kTolerance));
  CHECK(m.p_wait == Approx(expected.p_wait).epsilon(kTolerance));
}

}  // namespace

TEST_CASE("Erlang C formula reproduces the published M/M/10 table") {
  // Table values (domain-numbers 7b) as a check on the formula itself.
  CHECK(erlang_c(10, 8).p_wait == Approx(0.4092).epsilon(1e-3));
  CHECK(erlang_c(10, 8).wq == Approx(0.2046).epsilon(1e-3));
  CHECK(erlang_c(10, 9).p_wait == Approx(0.6687).epsilon(1e-3));
  CHECK(erlang_c(10, 9).wq == Approx(0.6687).epsilon(1e-3));
  CHECK(erlang_c(1, 0.8).wq == Approx(4.0).epsilon(1e-12));
}

TEST_CASE("SQL warehouse statements holding one 10-slot cluster at load 0.8 wait as Erlang C predicts") {
  check_against_erlang_c(0.8, 1500000);
}

TEST_CASE("SQL warehouse statements holding one 10-slot cluster at load 0.9 wait as Erlang C predicts") {
  check_against_erlang_c(0.9, 2500000);
}
