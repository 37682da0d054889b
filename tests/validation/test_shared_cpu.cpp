// Validation of the shared CPU that computes control-plane replicas (sim/shared_cpu).
//
// (1) Against SimGrid itself: the same 4,000 requests (Poisson arrivals, exponential work, two
//     services with 3 and 4 slots on a 4-core host, so that up to 7 requests share 4 cores and
//     queues time out after 2 s) run once as SimGrid executions behind SimGrid semaphores on one
//     host, and once through the model on an identical host, submitted up to 50 ms before they
//     arrive as a service's request message does. Every request must end the same way, at the
//     same instant to 1e-6 s.
// (2) Against queueing theory: with slots to spare, requests on c cores each served at
//     min(1, c/n) of a core form an M/M/c queue (the departure rate is min(n, c) x mu in every
//     state), so the mean response time is 1/mu + C(c, a) / (c mu - lambda) (Erlang C). At load
//     0.8 on 4 cores, 400,000 requests: within 2%.
// (3) A host going down fails every request on it, running or queued, at that instant; the host
//     back up serves new requests from an empty model.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <simgrid/kernel/ProfileBuilder.hpp>

#include "scenario/scenario_loader.hpp"
#include "sim/host_work.hpp"
#include "sim/random_stream.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/simulation.hpp"
#include "sim/wakeup.hpp"
#include "tests/support/validation_scenario.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

struct Request {
  double arrival = 0;
  double lead = 0;  // how long before its arrival the model learns of it
  double flops = 0;
  int group = 0;
};

struct Outcome {
  bool timed_out = false;
  double end = -1;
};

}  // namespace

TEST_CASE("the shared CPU ends every request when SimGrid's executions and semaphores do", "[validation][cpu]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  REQUIRE(hosts.size() == 2);
  sg4::Host* reference = hosts[0]->host;
  sg4::Host* modelled = hosts[1]->host;
  REQUIRE(reference->get_core_count() == 4);

  constexpr int kRequests = 4000;
  constexpr double kTimeout = 2.0;
  const int slots[2] = {3, 4};
  sim::RandomStream rng(s.seed, "validation/shared-cpu");
  std::vector<Request> requests(kRequests);
  double t = 1.0;
  for (Request& r : requests) {
    t += rng.exponential(1.0 / 5.0);  // 5 requests/s
    r.arrival = t;
    r.lead = rng.uniform() * 0.05;
    r.flops = rng.exponential(0.9) * reference->get_speed();  // 0.9 s of one core on average
    r.group = rng.uniform() < 0.5 ? 0 : 1;
  }

  std::vector<Outcome> expected(kRequests), computed(kRequests);
  const sg4::SemaphorePtr semaphores[2] = {sg4::Semaphore::create(slots[0]), sg4::Semaphore::create(slots[1])};
  sim::SharedCpu& cpu = sim::shared_cpu(modelled);
  const int groups[2] = {cpu.add_group(slots[0], kTimeout), cpu.add_group(slots[1], kTimeout)};

  sg4::Actor::create("arrivals", reference, [&] {
    for (int i = 0; i < kRequests; ++i) {
      const Request r = requests[static_cast<std::size_t>(i)];
      sg4::this_actor::sleep_until(r.arrival - r.lead);
      sg4::Actor::create("simgrid", reference, [&, r, i] {
        sg4::this_actor::sleep_until(r.arrival);
        Outcome& o = expected[static_cast<std::size_t>(i)];
        if (semaphores[r.group]->acquire_timeout(kTimeout)) {
          o.timed_out = true;
          o.end = sg4::Engine::get_clock();
          return;
        }
        sg4::this_actor::exec_init(r.flops)->set_host(reference)->wait();
        semaphores[r.group]->release();
        o.end = sg4::Engine::get_clock();
      });
      sg4::Actor::create("model", modelled, [&, r, i] {
        const sim::WakeupPtr wake = sim::Wakeup::create();
        const auto id = cpu.submit(groups[r.group], r.arrival, r.flops, wake);
        for (;;) {
          const double at = cpu.earliest_return(id, 0.0);
          const auto phase = cpu.job(id).phase;
          if ((phase == sim::SharedCpu::Phase::Done || phase == sim::SharedCpu::Phase::TimedOut) &&
              at <= sg4::Engine::get_clock() + 1e-9)
            break;
          wake->wait_for(std::max(0.0, at - sg4::Engine::get_clock()));
        }
        Outcome& o = computed[static_cast<std::size_t>(i)];
        o.timed_out = cpu.job(id).phase == sim::SharedCpu::Phase::TimedOut;
        o.end = sg4::Engine::get_clock();
        cpu.forget(id);
      });
    }
  });
  simulation.engine().run_until(requests.back().arrival + 3600);

  int timeouts = 0;
  double worst = 0;
  for (int i = 0; i < kRequests; ++i) {
    const Outcome& e = expected[static_cast<std::size_t>(i)];
    const Outcome& c = computed[static_cast<std::size_t>(i)];
    REQUIRE(e.end >= 0);
    REQUIRE(c.end >= 0);
    REQUIRE(c.timed_out == e.timed_out);
    if (e.timed_out) ++timeouts;
    worst = std::max(worst, std::abs(c.end - e.end));
  }
  std::printf("shared CPU vs SimGrid: %d requests, %d timed out, worst difference %.3g s\n", kRequests, timeouts,
              worst);
  CHECK(timeouts > 0);              // the queues were put to the test
  CHECK(timeouts < kRequests / 4);  // and most requests were served
  CHECK(worst < 1e-6);
  // The host's work is counted as SimGrid counts completed executions.
  CHECK(sim::host_work(modelled) == Approx(sim::host_work(reference)).epsilon(1e-9));
}

TEST_CASE("requests sharing c cores form an M/M/c queue (Erlang C)", "[validation][cpu]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  sg4::Host* host = simulation.platform().compute("fixed").front()->host;
  const int c = host->get_core_count();
  constexpr double kMeanService = 1.0;  // seconds of one core
  constexpr double kLoad = 0.8;
  constexpr int kRequests = 400000;
  const double lambda = kLoad * c / kMeanService;

  sim::SharedCpu& cpu = sim::shared_cpu(host);
  const int group = cpu.add_group(1000000, 1e9);
  sim::RandomStream arrivals(s.seed, "validation/mmc/arrivals");
  sim::RandomStream work(s.seed, "validation/mmc/work");
  double total_response = 0;
  std::size_t finished = 0;
  // One actor submits every request at its arrival and collects those that ended meanwhile.
  sg4::Actor::create("driver", host, [&] {
    std::vector<sim::SharedCpu::JobId> open;
    auto collect = [&] {
      for (std::size_t k = 0; k < open.size();) {
        const sim::SharedCpu::Job& j = cpu.job(open[k]);
        if (j.phase != sim::SharedCpu::Phase::Done) {
          ++k;
          continue;
        }
        if (finished >= kRequests / 50) total_response += j.ended - j.arrival;  // after a 2% warm-up
        ++finished;
        cpu.forget(open[k]);
        open[k] = open.back();
        open.pop_back();
      }
    };
    double t = 0;
    for (int i = 0; i < kRequests; ++i) {
      t += arrivals.exponential(1.0 / lambda);
      sg4::this_actor::sleep_until(t);
      collect();
      open.push_back(cpu.submit(group, t, work.exponential(kMeanService) * host->get_speed(), nullptr));
    }
    sg4::this_actor::sleep_until(t + 3600);
    collect();
  });
  simulation.engine().run();

  REQUIRE(finished == static_cast<std::size_t>(kRequests));
  const double a = lambda * kMeanService;
  double term = 1, below = 0;  // Erlang C: P(wait) = [a^c/c! c/(c-a)] / [sum_{k<c} a^k/k! + a^c/c! c/(c-a)]
  for (int k = 0; k < c; ++k) {
    below += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);
  const double p_wait = top / (below + top);
  const double expected = kMeanService + p_wait / (c / kMeanService - lambda);
  const double measured = total_response / static_cast<double>(finished - kRequests / 50);
  std::printf("M/M/%d at load %.1f: mean response %.4f s, Erlang C %.4f s\n", c, kLoad, measured, expected);
  CHECK(measured == Approx(expected).epsilon(0.02));
}

TEST_CASE("a host going down fails the requests on its shared CPU at that instant", "[validation][cpu]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  sg4::Host* host = simulation.platform().compute("fixed").front()->host;
  sg4::Host* caller = simulation.platform().compute("fixed").back()->host;
  // Down from t = 5 to t = 8, as the scenario's faults are applied (a state profile).
  host->set_state_profile(simgrid::kernel::profile::ProfileBuilder::from_string("down", "5 0\n8 1\n", -1));
  sim::SharedCpu& cpu = sim::shared_cpu(host);
  const int group = cpu.add_group(2, 30);
  std::vector<std::string> outcomes;
  // Three requests of 4 s each at t = 2: two run, one waits for a slot; all fail at t = 5. A
  // request submitted after the host is back runs on an empty model.
  auto request = [&](double at, const std::string& name) {
    sg4::Actor::create(name, caller, [&, at, name] {
      sg4::this_actor::sleep_until(at);
      const sim::WakeupPtr wake = sim::Wakeup::create();
      const auto id = cpu.submit(group, at, 4 * host->get_speed(), wake);
      for (;;) {
        const double t = cpu.earliest_return(id, 0.0);
        const auto phase = cpu.job(id).phase;
        if (phase == sim::SharedCpu::Phase::Failed) break;
        if (phase == sim::SharedCpu::Phase::Done && t <= sg4::Engine::get_clock() + 1e-9) break;
        wake->wait_for(std::max(0.0, t - sg4::Engine::get_clock()));
      }
      const bool failed = cpu.job(id).phase == sim::SharedCpu::Phase::Failed;
      char line[96];
      std::snprintf(line, sizeof line, "%s %s at %.3f", name.c_str(), failed ? "failed" : "done",
                    sg4::Engine::get_clock());
      outcomes.emplace_back(line);
      cpu.forget(id);
    });
  };
  request(2, "a");
  request(2, "b");
  request(2, "c");
  request(9, "d");
  simulation.engine().run_until(60);
  REQUIRE(outcomes.size() == 4);
  std::sort(outcomes.begin(), outcomes.end());  // the three failures wake in no particular order
  CHECK(outcomes[0] == "a failed at 5.000");
  CHECK(outcomes[1] == "b failed at 5.000");
  CHECK(outcomes[2] == "c failed at 5.000");
  CHECK(outcomes[3] == "d done at 13.000");
}
