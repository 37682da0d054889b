// Failback that accounts for everything (scenarios/dr/us-east-1-loss.json, warm standby with
// failback: us-east-1 is lost from 4 h to 14 h, users serve from us-west-2 meanwhile and move
// home after it). Every commit users make in the secondary is either returned to the primary or
// reported divergent, none vanishes: without reverse replication all of them are divergent; with
// it, at a fixed lag L and a throughput far above the write rate, those made more than L before
// the failback are returned and those of the last L are divergent; when the failback waits for
// the reverse backlog, it waits about L and everything written before the wait began returns.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "models/deployment.hpp"
#include "models/dr/data_protection.hpp"
#include "models/dr/failover.hpp"
#include "models/faults/fault_injector.hpp"
#include "models/run_record.hpp"
#include "models/workload/workload_driver.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/event_log.hpp"
#include "sim/simulation.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

constexpr double kLag = 120;  // L

struct TableOutcome {
  std::uint64_t written = 0;  // commits in the secondary during the stay
  std::uint64_t returned = 0;
  std::uint64_t divergent = 0;
  std::uint64_t replica = 0;               // the replica table's own count
  std::uint64_t before = 0;                // commits made more than L (plus a second) before users moved home
  std::uint64_t last_lag = 0;              // commits made less than L (minus a second) before it
  std::uint64_t before_wait_returned = 0;  // of the commits made before the wait began, returned
  std::uint64_t before_wait = 0;
};

struct Outcome {
  double until = -1;
  double waited = 0;
  std::vector<TableOutcome> tables;
};

// One run of the failback variant with `sets` in a child process.
Outcome run(const std::vector<std::string>& extra) {
  const std::string text = test::in_child([&] {
    sim::LoadOptions options;
    options.variant = "warm_standby_failback";
    options.sets = {"replication.lag=2m"};
    options.sets.insert(options.sets.end(), extra.begin(), extra.end());
    const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/us-east-1-loss.json", options);
    sim::Simulation simulation(s);
    models::Deployment deployment(s, simulation.platform());
    sim::EventLog log;
    models::RunRecord record;
    models::DataProtection protection(deployment, log);
    deployment.start();
    protection.start(s.duration);
    models::WorkloadDriver(deployment, log, record).start(s.duration);
    models::FaultInjector faults(deployment, log);
    faults.start();
    models::Failover failover(deployment, log);
    failover.start(s.duration);
    simulation.run();

    const models::SecondaryWrites& writes = protection.secondary_writes();
    if (writes.stays().size() != 1) throw std::runtime_error("expected one stay in the secondary");
    const models::SecondaryStay& stay = writes.stays().front();
    std::ostringstream out;
    out.precision(17);
    out << stay.until << ' ' << stay.waited << '\n';
    for (std::size_t i = 0; i < writes.tables().size(); ++i) {
      const models::SecondaryTableWrites w = writes.at_return(i, stay, s.duration);
      TableOutcome t;
      for (const models::ReplicatedWrite& e : writes.tables()[i]->ledger().entries()) {
        if (e.time < stay.from || (stay.until >= 0 && e.time >= stay.until)) continue;
        t.before += e.time < stay.until - kLag - 1 ? 1 : 0;
        t.last_lag += e.time > stay.until - kLag + 1 ? 1 : 0;
        if (e.time < stay.until - stay.waited) {
          ++t.before_wait;
          t.before_wait_returned += e.arrived >= 0 && e.arrived <= stay.until ? 1 : 0;
        }
      }
      out << w.written << ' ' << w.returned << ' ' << w.divergent << ' ' << w.replica_commits << ' ' << t.before << ' '
          << t.last_lag << ' ' << t.before_wait_returned << ' ' << t.before_wait << '\n';
    }
    return out.str();
  });
  std::istringstream in(text);
  Outcome o;
  in >> o.until >> o.waited;
  for (TableOutcome t; in >> t.written >> t.returned >> t.divergent >> t.replica >> t.before >> t.last_lag >>
                       t.before_wait_returned >> t.before_wait;)
    o.tables.push_back(t);
  INFO(text);
  REQUIRE(o.until > 0);  // users moved home
  REQUIRE(!o.tables.empty());
  return o;
}

// None vanishes: every commit the replica made while serving is returned or divergent.
void check_nothing_vanishes(const Outcome& o) {
  std::uint64_t written = 0;
  for (const TableOutcome& t : o.tables) {
    CHECK(t.written == t.replica);
    CHECK(t.written == t.returned + t.divergent);
    written += t.written;
  }
  CHECK(written > 0);  // users did write in the secondary
}

}  // namespace

TEST_CASE("failback: without reverse replication every commit made in the secondary is divergent") {
  const Outcome o = run({});
  check_nothing_vanishes(o);
  CHECK(o.waited == 0);
  for (const TableOutcome& t : o.tables) {
    CHECK(t.returned == 0);
    CHECK(t.divergent == t.written);
  }
}

TEST_CASE("failback: with reverse replication the commits of the last lag are divergent, the rest returned") {
  const Outcome o = run({"replication.reverse=true"});
  check_nothing_vanishes(o);
  CHECK(o.waited == 0);
  for (const TableOutcome& t : o.tables) {
    INFO("written " << t.written << ", returned " << t.returned << ", before the last L " << t.before << ", within it "
                    << t.last_lag);
    CHECK(t.returned >= t.before);
    CHECK(t.divergent >= t.last_lag);
    CHECK(t.returned > 0);
  }
}

TEST_CASE("failback: waiting for the reverse backlog returns everything written before the wait") {
  const Outcome o = run({"replication.reverse=true", "replication.failback_waits=true"});
  check_nothing_vanishes(o);
  // The last copies of the commits made before the wait are due L after them: the wait lasts
  // about L, checked every 5 s.
  CHECK(o.waited > 0);
  CHECK(o.waited <= kLag + 5 + 1);
  for (const TableOutcome& t : o.tables) {
    CHECK(t.before_wait > 0);
    CHECK(t.before_wait_returned == t.before_wait);
  }
  std::printf("failback waited %.0f s for the reverse backlog\n", o.waited);
}
