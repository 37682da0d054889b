// Waiting out known work on a set of hosts (sim/host_watch), as an SQL warehouse query does: the
// wait ends after its span when the hosts stay up, fails at the instant the first of them goes
// down, fails at once when one is already off, and a waiter killed with its own host leaves no
// trace for a later failure to trip on.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <simgrid/Exception.hpp>
#include <simgrid/kernel/ProfileBuilder.hpp>

#include "scenario/scenario_loader.hpp"
#include "sim/host_watch.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

TEST_CASE("a wait on hosts ends after its span, or when the first host goes down", "[watch]") {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/sql-warehouse.json");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  REQUIRE(hosts.size() == 2);
  sg4::Host* steady = hosts[0]->host;
  sg4::Host* doomed = hosts[1]->host;
  sg4::Host* caller = simulation.platform().control_plane("lake").front()->host;
  // Down from t = 5 to t = 8, then down for good at t = 20.
  doomed->set_state_profile(simgrid::kernel::profile::ProfileBuilder::from_string("doomed", "5 0\n8 1\n20 0\n", -1));
  const std::vector<sg4::Host*> both{steady, doomed};

  struct Outcome {
    double at = -1;
    bool failed = false;
  };
  std::vector<Outcome> outcomes(5);
  auto wait = [&](std::size_t k, double start, double span, const std::vector<sg4::Host*>& on) {
    sg4::Actor::create("waiter", caller, [&, k, start, span, on] {
      sg4::this_actor::sleep_until(start);
      try {
        sim::wait_while_up(on, span);
      } catch (const simgrid::HostFailureException&) {
        outcomes[k].failed = true;
      }
      outcomes[k].at = sg4::Engine::get_clock();
    });
  };
  wait(0, 0, 3, both);       // over before the failure
  wait(1, 1, 10, both);      // cut at t = 5
  wait(2, 6, 1, both);       // starts while the host is down
  wait(3, 9, 4, both);       // after it is back
  wait(4, 0, 30, {steady});  // the failing host is not its concern
  // A waiter on the doomed host itself dies with it at t = 5; its registration must go with it.
  sg4::Actor::create("killed", doomed, [&] { sim::wait_while_up(both, 100); });
  simulation.engine().run();

  CHECK_FALSE(outcomes[0].failed);
  CHECK(outcomes[0].at == Approx(3.0).margin(1e-9));
  CHECK(outcomes[1].failed);
  CHECK(outcomes[1].at == Approx(5.0).margin(1e-9));
  CHECK(outcomes[2].failed);
  CHECK(outcomes[2].at == Approx(6.0).margin(1e-9));
  CHECK_FALSE(outcomes[3].failed);
  CHECK(outcomes[3].at == Approx(13.0).margin(1e-9));
  CHECK_FALSE(outcomes[4].failed);
  CHECK(outcomes[4].at == Approx(30.0).margin(1e-9));
}
