// Network model validation. With the "exact" model (SimGrid CM02 without ACK cross-traffic or a
// TCP window bound) a lone transfer of S bytes takes latency + S / bottleneck, where latency is
// the scenario's host-to-host figure and the bottleneck is the narrowest link on the route; flows
// that share a bottleneck share it fairly. Tolerance: 1e-9 relative (floating-point rounding).
#include <catch2/catch.hpp>

#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim::sim;

namespace {

constexpr double kTolerance = 1e-9;

Scenario transfer_scenario() { return load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/transfer.json"); }

// Times `flows` concurrent transfers of `bytes` from `from` to `to`; returns each duration.
std::vector<double> time_transfers(Simulation& sim, const std::string& from, const std::string& to, double bytes,
                                   int flows) {
  auto durations = std::make_shared<std::vector<double>>();
  sg4::Host* a = sim.engine().host_by_name(from);
  sg4::Host* b = sim.engine().host_by_name(to);
  sg4::Actor::create("timer", a, [=] {
    std::vector<sg4::CommPtr> comms;
    for (int i = 0; i < flows; ++i) comms.push_back(sg4::Comm::sendto_async(a, b, static_cast<std::uint64_t>(bytes)));
    for (auto& c : comms) {
      c->wait();
      durations->push_back(sg4::Engine::get_clock());
    }
  });
  sim.run();
  return *durations;
}

}  // namespace

TEST_CASE("cross-region transfer: WAN latency + size / WAN bottleneck") {
  const Scenario s = transfer_scenario();
  Simulation sim(s);
  const double bytes = 1e9;
  // NICs 10 Gbps, uplinks 40 Gbps, WAN 8 Gbps: the WAN is the bottleneck.
  const double expected = 0.040 + bytes / (8e9 / 8);
  const auto t = time_transfers(sim, "east-a/e-0", "west-a/w-0", bytes, 1);
  REQUIRE(t.size() == 1);
  CHECK(t[0] == Approx(expected).epsilon(kTolerance));
}

TEST_CASE("cross-region transfer of a small message is latency-bound") {
  const Scenario s = transfer_scenario();
  Simulation sim(s);
  const double bytes = 1000;
  const auto t = time_transfers(sim, "east-b/e-1", "west-a/w-1", bytes, 1);
  REQUIRE(t.size() == 1);
  CHECK(t[0] == Approx(0.040 + bytes / 1e9).epsilon(kTolerance));
}

TEST_CASE("inter-AZ transfer: AZ latency + size / NIC bandwidth") {
  const Scenario s = transfer_scenario();
  Simulation sim(s);
  const double bytes = 5e8;
  const auto t = time_transfers(sim, "east-a/e-0", "east-b/e-1", bytes, 1);
  REQUIRE(t.size() == 1);
  CHECK(t[0] == Approx(0.001 + bytes / (10e9 / 8)).epsilon(kTolerance));
}

TEST_CASE("intra-AZ transfer: in-AZ latency + size / NIC bandwidth") {
  const Scenario s = transfer_scenario();
  Simulation sim(s);
  const double bytes = 5e8;
  const auto t = time_transfers(sim, "east-a/e-0", "east-a/e-2", bytes, 1);
  REQUIRE(t.size() == 1);
  CHECK(t[0] == Approx(100e-6 + bytes / (10e9 / 8)).epsilon(kTolerance));
}

TEST_CASE("concurrent flows share the bottleneck fairly") {
  const Scenario s = transfer_scenario();
  Simulation sim(s);
  // Four flows from one host share its 10 Gbps NIC and the 8 Gbps WAN; the WAN is the narrower,
  // so each flow gets a quarter of it.
  const double bytes = 2.5e8;
  const auto t = time_transfers(sim, "east-a/e-0", "west-a/w-0", bytes, 4);
  REQUIRE(t.size() == 4);
  for (double d : t) CHECK(d == Approx(0.040 + 4 * bytes / (8e9 / 8)).epsilon(kTolerance));
}

TEST_CASE("the TCP model is slower than the exact one for the same transfer") {
  Scenario s = transfer_scenario();
  s.network.model = NetworkModel::Tcp;
  Simulation sim(s);
  const double bytes = 1e9;
  const auto t = time_transfers(sim, "east-a/e-0", "west-a/w-0", bytes, 1);
  REQUIRE(t.size() == 1);
  // LV08 multiplies latency by 13.01 and bounds one TCP flow by its window over the RTT.
  CHECK(t[0] > 0.040 * 13.01 + bytes / (8e9 / 8));
}
