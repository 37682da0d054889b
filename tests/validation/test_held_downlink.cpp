// Validation of held downlinks (sim/dedicated_downlink.hpp, DownlinkHold): a Spark instance whose
// one worker receives, one after the other, a shuffle fetch as a flow and then its S3 read, has
// the read computed in closed form.
//
// Two identical instances get the same 2,000 steps (exponential gaps around 1 s; each step a
// flow of about 100 MB into the instance, then a read of about 400 MB from its S3 port with S3's
// first-byte latency after it, and sometimes a connection-rate floor): one instance as SimGrid
// flows throughout, the other held, so that its reads are computed. Every step must end at the
// same instant to 1e-6 s, every read of the held one must have been computed, and the links must
// have carried the same bytes. The steps often queue behind each other, so that computed reads
// start as flows end and flows as computed reads end.
//
// Then the rules: a host held twice, or with a flow coming in, computes nothing; a flow into a
// held host while a computed read comes in is a logic error; the hold ends with its owner.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario/scenario_loader.hpp"
#include "sim/dedicated_downlink.hpp"
#include "sim/network_transfers.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"
#include "tests/support/validation_scenario.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

struct Step {
  double start = 0;
  double fetch = 0;  // bytes of the flow in
  double read = 0;   // bytes of the read from the port
  double floor = 0;  // seconds after the read's start before which it cannot end
};

constexpr double kFirstByte = 0.02;

// One instance's worker: each step's flow in, then its read, the ends written to `ends`.
void run_steps(const std::vector<Step>& steps, const sim::NetworkRoute& fetch, const sim::NetworkRoute& read, bool held,
               std::vector<double>& ends) {
  std::unique_ptr<sim::DownlinkHold> hold;
  if (held) hold = std::make_unique<sim::DownlinkHold>(read.to);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    sg4::this_actor::sleep_until(std::max(s.start, sg4::Engine::get_clock()));
    sim::send_bytes(fetch, s.fetch);
    ends[2 * i] = sg4::Engine::get_clock();
    const double start = sg4::Engine::get_clock();
    if (held) {
      REQUIRE(sim::downlink_dedicated(read.to));
      sim::receive_on_dedicated_downlink(read, s.read, kFirstByte, start + s.floor);
    } else {
      REQUIRE_FALSE(sim::downlink_dedicated(read.to));
      sim::send_bytes(read, s.read);
      sg4::this_actor::sleep_until(std::max(sg4::Engine::get_clock() + kFirstByte, start + s.floor));
    }
    ends[2 * i + 1] = sg4::Engine::get_clock();
  }
}

}  // namespace

TEST_CASE("a held instance's reads, computed between its flows, end when SimGrid's flows do", "[validation][network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  REQUIRE(hosts.size() == 2);
  const auto& ports = simulation.platform().s3_ports(hosts[0]->region);
  sg4::Host* reference = hosts[0]->host;
  sg4::Host* held = hosts[1]->host;
  // Each instance's flows in come from the other instance (its uplink carries nothing else), as
  // a shuffle fetch comes from a neighbour; its reads from its own S3 port.
  const sim::NetworkRoute& ref_fetch = sim::network_route(held, reference);
  const sim::NetworkRoute& held_fetch = sim::network_route(reference, held);
  const sim::NetworkRoute& ref_read = sim::network_route(ports.at(reference), reference);
  const sim::NetworkRoute& held_read = sim::network_route(ports.at(held), held);
  REQUIRE(ref_read.latency == held_read.latency);
  REQUIRE(ref_read.bottleneck == held_read.bottleneck);
  REQUIRE(ref_fetch.latency == held_fetch.latency);

  constexpr std::size_t kSteps = 2000;
  sim::RandomStream rng(s.seed, "validation/held-downlink");
  std::vector<Step> steps(kSteps);
  double t = 1.0;
  for (Step& step : steps) {
    t += rng.exponential(1.0);
    step.start = t;
    step.fetch = std::round(rng.exponential(100e6));
    step.read = std::round(rng.exponential(400e6));
    step.floor = rng.uniform() < 0.2 ? rng.uniform() * 2.0 : 0.0;
  }
  std::vector<double> expected(2 * kSteps, -1), computed(2 * kSteps, -1);
  sg4::Actor::create("flows", reference, [&] { run_steps(steps, ref_fetch, ref_read, false, expected); });
  sg4::Actor::create("held", held, [&] { run_steps(steps, held_fetch, held_read, true, computed); });
  simulation.engine().run();

  double worst = 0;
  std::size_t late = 0;
  for (std::size_t i = 0; i < 2 * kSteps; ++i) {
    REQUIRE(expected[i] >= 0);
    REQUIRE(computed[i] >= 0);
    worst = std::max(worst, std::abs(computed[i] - expected[i]));
  }
  for (std::size_t i = 0; i + 1 < kSteps; ++i)
    if (expected[2 * i + 1] > steps[i + 1].start) ++late;
  std::printf("held downlink vs SimGrid flows: %zu steps, worst difference %.3g s, %zu steps started late\n", kSteps,
              worst, late);
  CHECK(late > kSteps / 4);  // a step often started as the last one ended
  CHECK(worst < 1e-6);
  CHECK(sim::computed_transfers() == kSteps);
  for (std::size_t k = 0; k < ref_read.links.size(); ++k)
    CHECK(sim::link_bytes(held_read.links[k]) == Approx(sim::link_bytes(ref_read.links[k])).epsilon(1e-12));
}

TEST_CASE("a held downlink computes only while its one holder has no flow coming in", "[validation][network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  sg4::Host* host = hosts[0]->host;
  sg4::Host* other = hosts[1]->host;
  const sim::NetworkRoute& read = sim::network_route(simulation.platform().s3_ports(hosts[0]->region).at(host), host);
  const sim::NetworkRoute& flow_in = sim::network_route(other, host);
  std::vector<std::string> seen;
  // Times are from the engine's clock at the start: a run earlier in the same process leaves it on.
  const double t0 = sg4::Engine::get_clock();
  sg4::Actor::create("holder", host, [&] {
    CHECK_FALSE(sim::downlink_dedicated(host));
    {
      const sim::DownlinkHold hold(host);
      CHECK(sim::downlink_dedicated(host));
      {
        const sim::DownlinkHold second(host);  // two workers could receive at once
        CHECK_FALSE(sim::downlink_dedicated(host));
      }
      CHECK(sim::downlink_dedicated(host));
      // A read computed from t = 1 for 10 s; a flow into the host at t = 5 is refused.
      sg4::this_actor::sleep_until(t0 + 1.0);
      sim::receive_on_dedicated_downlink(read, read.bottleneck * 10, 0, 0);
      seen.push_back("read ended");
      // A flow coming in from t = 20: no read is computed meanwhile.
      sg4::this_actor::sleep_until(t0 + 25.0);
      CHECK_FALSE(sim::downlink_dedicated(host));
      sg4::this_actor::sleep_until(t0 + 40.0);
      CHECK(sim::downlink_dedicated(host));
    }
    CHECK_FALSE(sim::downlink_dedicated(host));
  });
  sg4::Actor::create("sender", other, [&] {
    sg4::this_actor::sleep_until(t0 + 5.0);
    try {
      sim::send_bytes(flow_in, 1e6);
      seen.push_back("flow sent");
    } catch (const std::logic_error& e) {
      seen.push_back(std::string("refused: ") + e.what());
    }
    sg4::this_actor::sleep_until(t0 + 20.0);
    sim::send_bytes(flow_in, flow_in.bottleneck * 10);
    seen.push_back("second flow ended");
  });
  simulation.engine().run();
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].rfind("refused: a flow into", 0) == 0);
  CHECK(seen[0].find("while its S3 reads are computed") != std::string::npos);
  CHECK(seen[1] == "read ended");
  CHECK(seen[2] == "second flow ended");
  CHECK(sim::computed_transfers() == 1);
}
