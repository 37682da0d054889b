// A route checked once is not looked at again while no host or link has been switched
// (sim/network_transfers): every switch of a host or a link of the route, off or back on, must
// still be seen by the next check. And per-host records (sim/host_records.hpp) belong to their
// host only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <simgrid/Exception.hpp>

#include "sim/host_records.hpp"
#include "sim/network_transfers.hpp"
#include "sim/simulation.hpp"
#include "tests/support/validation_scenario.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

// What a message leaving along `route` now meets: "up", "host off" or "link off".
std::string check(const sim::NetworkRoute& route) {
  try {
    sim::message_leaves(route);
    return "up";
  } catch (const simgrid::HostFailureException&) {
    return "host off";
  } catch (const simgrid::NetworkFailureException&) {
    return "link off";
  }
}

}  // namespace

TEST_CASE("a route's check sees every switch of its hosts and links", "[network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  REQUIRE(hosts.size() == 2);
  sg4::Host* from = hosts[0]->host;
  sg4::Host* to = hosts[1]->host;
  const sim::NetworkRoute& route = sim::network_route(from, to);
  const sim::NetworkRoute& other = sim::network_route(to, from);
  REQUIRE_FALSE(route.links.empty());
  sg4::Link* link = route.links.front();
  std::vector<std::string> seen;
  sg4::Actor::create("checker", simulation.platform().external(sim::ExternalSystem::Clients), [&] {
    seen.push_back(check(route));  // checked and remembered as up
    seen.push_back(check(route));  // nothing switched since
    link->turn_off();
    seen.push_back(check(route));
    seen.push_back(check(route));  // a route seen down is looked at again
    link->turn_on();
    seen.push_back(check(route));
    to->turn_off();
    seen.push_back(check(route));
    seen.push_back(check(other));
    to->turn_on();
    seen.push_back(check(route));
    seen.push_back(check(other));
    // Switched off and back on between two checks: up again at the second.
    link->turn_off();
    link->turn_on();
    seen.push_back(check(route));
    // A switch elsewhere on the platform does not make a route up that is down.
    link->turn_off();
    seen.push_back(check(route));
    hosts[0]->host->turn_off();
    hosts[0]->host->turn_on();
    seen.push_back(check(route));
    link->turn_on();
  });
  simulation.engine().run();
  const std::vector<std::string> expected{"up",       "up", "link off", "link off", "up",       "host off",
                                          "host off", "up", "up",       "up",       "link off", "link off"};
  CHECK(seen == expected);
}

TEST_CASE("per-host records belong to their host and keep their address", "[network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  REQUIRE(hosts.size() == 2);
  struct Count {
    int n = 0;
  };
  sim::HostRecords<Count> records;
  CHECK(records.find(hosts[0]->host) == nullptr);
  Count& first = records.get(hosts[0]->host);
  first.n = 7;
  CHECK(records.find(hosts[1]->host) == nullptr);
  for (const sim::HostInfo& h : simulation.platform().hosts()) records.get(h.host).n += 1;
  CHECK(records.find(hosts[0]->host) == &first);
  CHECK(first.n == 8);
  CHECK(records.find(hosts[1]->host)->n == 1);
  CHECK(records.all().size() == simulation.platform().hosts().size());
}
