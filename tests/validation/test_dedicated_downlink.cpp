// Validation of the closed-form downlink that computes an SQL warehouse instance's S3 reads
// (sim/dedicated_downlink).
//
// The same 3,000 reads (Poisson arrivals, 5 per second; sizes exponential around 200 MB, so
// that up to a dozen share the NIC at once) run once as SimGrid flows from one instance's S3
// port to that instance, and once through the model on an identical instance, each read followed
// by the same extra time (S3's first-byte latency) and floor (a connection-rate bound). Every
// read must end at the same instant to 1e-6 s, and the links must have carried the same bytes.
// Then the instance going down fails the reads it was receiving at that instant.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <simgrid/Exception.hpp>
#include <simgrid/kernel/ProfileBuilder.hpp>

#include "scenario/scenario_loader.hpp"
#include "sim/dedicated_downlink.hpp"
#include "sim/network_transfers.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"
#include "tests/support/validation_scenario.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

struct Read {
  double start = 0;
  double bytes = 0;
  double floor = 0;  // seconds after the start before which the read cannot end
};

constexpr double kFirstByte = 0.02;

}  // namespace

TEST_CASE("reads through a dedicated downlink end when SimGrid's flows do", "[validation][network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  REQUIRE(hosts.size() == 2);
  const auto& ports = simulation.platform().s3_ports(hosts[0]->region);
  sg4::Host* reference = hosts[0]->host;
  sg4::Host* modelled = hosts[1]->host;
  const sim::NetworkRoute& flows = sim::network_route(ports.at(reference), reference);
  const sim::NetworkRoute& computed_route = sim::network_route(ports.at(modelled), modelled);
  REQUIRE(flows.latency == computed_route.latency);
  REQUIRE(flows.bottleneck == computed_route.bottleneck);
  sim::dedicate_downlink(modelled);
  REQUIRE(sim::downlink_dedicated(modelled));

  constexpr int kReads = 3000;
  sim::RandomStream rng(s.seed, "validation/dedicated-downlink");
  std::vector<Read> reads(kReads);
  double t = 1.0;
  for (Read& r : reads) {
    t += rng.exponential(1.0 / 5.0);
    r.start = t;
    r.bytes = std::round(rng.exponential(200e6));
    r.floor = rng.uniform() < 0.2 ? rng.uniform() * 2.0 : 0.0;
  }

  std::vector<double> expected(kReads, -1), computed(kReads, -1);
  sg4::Actor::create("reads", reference, [&] {
    for (int i = 0; i < kReads; ++i) {
      const Read r = reads[static_cast<std::size_t>(i)];
      sg4::this_actor::sleep_until(r.start);
      sg4::Actor::create("flow", reference, [&, r, i] {
        sim::send_bytes(flows, r.bytes);
        const double end = std::max(sg4::Engine::get_clock() + kFirstByte, r.start + r.floor);
        sg4::this_actor::sleep_until(end);
        expected[static_cast<std::size_t>(i)] = sg4::Engine::get_clock();
      });
      sg4::Actor::create("model", modelled, [&, r, i] {
        sim::receive_on_dedicated_downlink(computed_route, r.bytes, kFirstByte, r.start + r.floor);
        computed[static_cast<std::size_t>(i)] = sg4::Engine::get_clock();
      });
    }
  });
  simulation.engine().run();

  double worst = 0, busiest = 0;
  for (int i = 0; i < kReads; ++i) {
    REQUIRE(expected[static_cast<std::size_t>(i)] >= 0);
    REQUIRE(computed[static_cast<std::size_t>(i)] >= 0);
    worst = std::max(worst, std::abs(computed[static_cast<std::size_t>(i)] - expected[static_cast<std::size_t>(i)]));
    const double alone = reads[static_cast<std::size_t>(i)].start +
                         flows.idle_time(reads[static_cast<std::size_t>(i)].bytes) + kFirstByte;
    busiest = std::max(busiest, expected[static_cast<std::size_t>(i)] - alone);
  }
  std::printf(
      "dedicated downlink vs SimGrid flows: %d reads, worst difference %.3g s, longest delay by sharing %.1f s\n",
      kReads, worst, busiest);
  CHECK(busiest > 1.0);  // the reads did share the NIC
  CHECK(worst < 1e-6);
  CHECK(sim::computed_transfers() == static_cast<std::uint64_t>(kReads));
  for (std::size_t k = 0; k < flows.links.size(); ++k)
    CHECK(sim::link_bytes(computed_route.links[k]) == Approx(sim::link_bytes(flows.links[k])).epsilon(1e-12));
}

TEST_CASE("a dedicated downlink's host going down fails its reads at that instant", "[validation][network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  sg4::Host* host = hosts[0]->host;
  const sim::NetworkRoute& route = sim::network_route(simulation.platform().s3_ports(hosts[0]->region).at(host), host);
  sim::dedicate_downlink(host);
  // Down from t = 10 to t = 20.
  host->set_state_profile(simgrid::kernel::profile::ProfileBuilder::from_string("down", "10 0\n20 1\n", -1));
  std::vector<double> failed_at, ended_at;
  auto read = [&](double start, double bytes) {
    sg4::Actor::create("reader", hosts[1]->host, [&, start, bytes] {
      sg4::this_actor::sleep_until(start);
      try {
        sim::receive_on_dedicated_downlink(route, bytes, kFirstByte, 0);
        ended_at.push_back(sg4::Engine::get_clock());
      } catch (const simgrid::HostFailureException&) {
        failed_at.push_back(sg4::Engine::get_clock());
      }
    });
  };
  read(1, route.bottleneck * 100);  // would take 100 s
  read(5, route.bottleneck * 100);
  read(12, 1e6);  // starts while the host is down
  read(25, 1e6);  // after it is back
  simulation.engine().run();
  REQUIRE(failed_at.size() == 3);
  CHECK(failed_at[0] == Approx(10.0).margin(1e-9));
  CHECK(failed_at[1] == Approx(10.0).margin(1e-9));
  CHECK(failed_at[2] == Approx(12.0).margin(1e-9));
  REQUIRE(ended_at.size() == 1);
  CHECK(ended_at[0] == Approx(25.0 + route.idle_time(1e6) + kFirstByte).epsilon(1e-9));
}
