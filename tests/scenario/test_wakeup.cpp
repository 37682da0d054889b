// A sim::Wakeup is a semaphore with a timeout for one waiting actor, made of one suspension and
// a kernel timer: its waits end at their instant or at a signal, a signal nobody waits for is
// kept (also one the engine reports in the turn the waiter suspends), a signalled wait leaves no
// timer behind, a killed waiter leaves nothing to wake, and an actor with an execution in flight
// is never suspended (its execution would stop with it). The same holds for sim::sleep_for and
// sleep_until.
#include <catch2/catch.hpp>

#include <vector>

#include <simgrid/Exception.hpp>

#include "sim/activity_start.hpp"
#include "sim/host_watch.hpp"
#include "sim/simulation.hpp"
#include "sim/wakeup.hpp"
#include "tests/support/validation_scenario.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

struct Bench {
  sim::Simulation simulation{test::validation_scenario("sql-warehouse")};
  sg4::Host* a = nullptr;
  sg4::Host* b = nullptr;
  Bench() {
    const auto hosts = simulation.platform().compute("fixed");
    REQUIRE(hosts.size() == 2);
    a = hosts[0]->host;
    b = hosts[1]->host;
  }
};

}  // namespace

TEST_CASE("a wake-up's waits end at their instant or at the first signal", "[wakeup]") {
  Bench bench;
  const sim::WakeupPtr wake = sim::Wakeup::create();
  std::vector<double> ends;
  sg4::Actor::create("waiter", bench.a, [&] {
    wake->wait_for(2.5);  // nobody signals: ends at its instant
    ends.push_back(sg4::Engine::get_clock());
    wake->wait_for(5);  // signalled at 4
    ends.push_back(sg4::Engine::get_clock());
    wake->wait_for(10);  // the first wait's timer must not end this one at 7.5
    ends.push_back(sg4::Engine::get_clock());
    wake->wait_for(0);  // no limit: only the signal at 20 ends it
    ends.push_back(sg4::Engine::get_clock());
    sg4::this_actor::sleep_until(30);  // signalled at 25 while not waiting: kept for the next wait
    wake->wait_for(3);
    ends.push_back(sg4::Engine::get_clock());
    wake->wait_for(3);  // the kept signal was used up
    ends.push_back(sg4::Engine::get_clock());
  });
  sg4::Actor::create("signaller", bench.b, [&] {
    sg4::this_actor::sleep_until(4);
    wake->signal();
    sg4::this_actor::sleep_until(20);
    wake->signal();
    sg4::this_actor::sleep_until(25);
    wake->signal();
  });
  bench.simulation.engine().run();
  const std::vector<double> expected{2.5, 4, 14, 20, 30, 33};
  REQUIRE(ends.size() == expected.size());
  for (std::size_t i = 0; i < ends.size(); ++i) CHECK(ends[i] == Approx(expected[i]).margin(1e-9));
}

TEST_CASE("a waiter killed with its host leaves no timer to wake it", "[wakeup]") {
  Bench bench;
  const sim::WakeupPtr wake = sim::Wakeup::create();
  bool returned = false;
  double last_signal = -1;
  sg4::Actor::create("waiter", bench.a, [&] {
    wake->wait_for(10);
    returned = true;
  });
  sg4::Actor::create("killer", bench.b, [&] {
    sg4::this_actor::sleep_until(1);
    bench.a->turn_off();
    sg4::this_actor::sleep_until(20);  // past the killed wait's instant
    bench.a->turn_on();
    wake->signal();  // nobody waits: kept, not delivered to the dead actor
    last_signal = sg4::Engine::get_clock();
  });
  bench.simulation.engine().run();
  CHECK_FALSE(returned);
  CHECK(last_signal == Approx(20));
}

TEST_CASE("an actor with an execution in flight keeps it running while it waits", "[wakeup]") {
  Bench bench;
  double exec_end = -1, wait_end = -1, after = -1;
  sg4::Actor::create("worker", bench.a, [&] {
    const double one_second = bench.a->get_speed();
    sg4::ExecPtr compute = sim::start_exec({bench.a, one_second, -1, 1});
    const sim::WakeupPtr wake = sim::Wakeup::create();
    wake->wait_for(0.5);  // on a semaphore: a suspension would stop the execution for 0.5 s
    wait_end = sg4::Engine::get_clock();
    sim::wait_exec(compute);
    exec_end = sg4::Engine::get_clock();
    // With nothing in flight any more, a wait suspends the actor; a new execution runs whole.
    const sim::WakeupPtr later = sim::Wakeup::create();
    later->wait_for(1);
    sim::wait_exec(sim::start_exec({bench.a, one_second, -1, 1}));
    after = sg4::Engine::get_clock();
  });
  bench.simulation.engine().run();
  CHECK(wait_end == Approx(0.5));
  CHECK(exec_end == Approx(1.0));
  CHECK(after == Approx(3.0));
}

TEST_CASE("sleeps end at their instant and leave executions in flight running", "[wakeup]") {
  Bench bench;
  std::vector<double> ends;
  sg4::Actor::create("sleeper", bench.a, [&] {
    sim::sleep_for(0);  // nothing: no time passes
    sim::sleep_for(-1);
    ends.push_back(sg4::Engine::get_clock());
    sim::sleep_for(1.25);
    ends.push_back(sg4::Engine::get_clock());
    sim::sleep_until(1);  // in the past: nothing
    sim::sleep_until(4);
    ends.push_back(sg4::Engine::get_clock());
    sg4::ExecPtr compute = sim::start_exec({bench.a, bench.a->get_speed(), -1, 1});  // 1 s
    sim::sleep_for(0.5);
    ends.push_back(sg4::Engine::get_clock());
    sim::wait_exec(compute);
    ends.push_back(sg4::Engine::get_clock());
  });
  bench.simulation.engine().run();
  const std::vector<double> expected{0, 1.25, 4, 4.5, 5};
  REQUIRE(ends.size() == expected.size());
  for (std::size_t i = 0; i < ends.size(); ++i) CHECK(ends[i] == Approx(expected[i]).margin(1e-9));
}

TEST_CASE("a host failure signalled in the turn its waiter suspends still ends the wait", "[wakeup]") {
  // The failure is carried out by the engine in the same turn as the waiter's suspension, before
  // it: resumed then, the waiter would be suspended afterwards and miss the failure.
  Bench bench;
  double failed_at = -1;
  sg4::Actor::create("caller", bench.a, [&] {
    sg4::this_actor::sleep_until(2);
    try {
      sim::wait_while_up({bench.b}, 10, sim::Wakeup::create());
    } catch (const simgrid::HostFailureException&) {
      failed_at = sg4::Engine::get_clock();
    }
  });
  sg4::Actor::create("fault", bench.a, [&] {
    sg4::this_actor::sleep_until(2);
    bench.b->turn_off();
  });
  bench.simulation.engine().run();
  CHECK(failed_at == Approx(2));
}
