// Worker actors kept between uses (sim/worker_pool): work runs on the host it is given to, an
// idle worker is reused rather than a new actor created, and a worker killed with its host ends
// its task unfinished at that instant, so that the caller waiting for the group wakes then.
#include <catch2/catch.hpp>

#include <string>

#include <simgrid/kernel/ProfileBuilder.hpp>

#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"
#include "sim/worker_pool.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

TEST_CASE("pooled workers are reused, and one killed with its host ends its task unfinished", "[pool]") {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/sql-warehouse.json");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("fixed");
  REQUIRE(hosts.size() == 2);
  sg4::Host* steady = hosts[0]->host;
  sg4::Host* doomed = hosts[1]->host;
  // The doomed host goes down at t = 5 (a state profile, as the scenario's faults are applied).
  doomed->set_state_profile(simgrid::kernel::profile::ProfileBuilder::from_string("doomed", "5 0\n", -1));
  int workers_created = 0;
  sg4::Actor::on_creation_cb([&](sg4::Actor& a) {
    if (a.get_name() == "worker") ++workers_created;
  });

  double first_wait_ended = -1, second_wait_ended = -1;
  bool steady_finished = false, doomed_finished = true, steady_again = false;
  std::string ran_on;
  sg4::Actor::create("stage", simulation.platform().control_plane("lake").front()->host, [&] {
    auto group = std::make_shared<sim::TaskGroup>(2);
    sim::run_on_worker(
        steady, 10,
        [&] {
          ran_on = sg4::this_actor::get_host()->get_name();
          sg4::this_actor::sleep_for(3);
        },
        group, 0);
    sim::run_on_worker(
        doomed, 10, [] { sg4::this_actor::sleep_for(10); }, group, 1);
    group->wait();
    first_wait_ended = sg4::Engine::get_clock();
    steady_finished = group->finished(0);
    doomed_finished = group->finished(1);

    // The steady host's worker is idle again: the next task reuses it.
    auto again = std::make_shared<sim::TaskGroup>(1);
    sim::run_on_worker(
        steady, 10, [] { sg4::this_actor::sleep_for(1); }, again, 0);
    again->wait();
    second_wait_ended = sg4::Engine::get_clock();
    steady_again = again->finished(0);
  });
  simulation.engine().run_until(60);

  CHECK(ran_on == steady->get_name());
  CHECK(first_wait_ended == Approx(5));  // woken when the doomed host went down, not at 10
  CHECK(steady_finished);
  CHECK_FALSE(doomed_finished);
  CHECK(second_wait_ended == Approx(6));
  CHECK(steady_again);
  CHECK(workers_created == 2);  // one per host: the second task on the steady host reused its worker
}
