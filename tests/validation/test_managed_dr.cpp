// Databricks Managed Disaster Recovery, planned against forced failover
// (scenarios/dr/managed-control-plane.json: the primary's control plane is lost for an hour, its
// storage stays readable). With a fixed replication lag L every write reaches the secondary L
// after it was made (plus the transfer across the inter-region link, milliseconds here), so the
// analytic answers are:
//  - forced: the secondary is promoted at P without waiting; it holds every write made before
//    P - L and none made after, so the managed table loses exactly its commits of (P - L, P);
//  - planned: the primary's storage turns read-only at the start S of the catch-up, which waits
//    until the last write made before S has arrived: max(0, last + L - S), about L when the
//    writers were busy up to S; then nothing is lost, and the RTO is the forced one plus that wait.
// An external table is replicated as metadata only: without the customer's S3 replication of
// its buckets every version written in the run is lost to the secondary; with it, some survive.
// L takes two values, and the loss window and the wait must move with it.
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

// Writes closer than this to P - L could fall either side (the transfer's milliseconds).
constexpr double kSlack = 1;

struct Outcome {
  double start = 0;        // the catch-up step began (S)
  double promoted = 0;     // P
  double point = 0;        // the replication point at P
  double rto = 0;          // outage start to users redirected
  double last_write = 0;   // the latest write of any managed stream before S
  std::uint64_t lost = 0;  // the managed table's versions lost at P
  std::uint64_t survived = 0;
  std::uint64_t window = 0;     // its commits in (P - L + slack, P)
  std::uint64_t ambiguous = 0;  // within the slack of P - L
  std::uint64_t older = 0;      // before P - L - slack
  std::uint64_t external_written = 0;
  std::uint64_t external_survived = 0;
  bool accounting_ok = false;
};

Outcome run(const std::string& variant, double lag, const std::vector<std::string>& extra = {}) {
  const std::string text = test::in_child([&] {
    sim::LoadOptions options;
    options.variant = variant;
    options.sets = {"dr.managed.replication_lag=" + std::to_string(static_cast<int>(lag)) + "s"};
    options.sets.insert(options.sets.end(), extra.begin(), extra.end());
    const sim::Scenario s =
        sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/managed-control-plane.json", options);
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
    failover.use_managed_replication(protection.managed());
    failover.start(s.duration);
    simulation.run();

    if (failover.records().size() != 1 || !failover.records()[0].completed)
      throw std::runtime_error("expected one completed failover");
    const models::FailoverRecord& f = failover.records()[0];
    Outcome o;
    for (const models::FailoverStep& st : f.steps)
      if (st.name == "catch_up") o.start = st.start;
    o.promoted = f.promoted;
    o.point = f.replication_point;
    o.rto = f.redirected - faults.outages().at(0).start;
    for (const auto& stream : protection.managed()->streams())
      for (const models::ReplicatedWrite& w : stream->ledger.entries())
        if (w.time < o.start) o.last_write = std::max(o.last_write, w.time);
    o.accounting_ok = true;
    for (const models::ProtectedData& e : protection.entries()) {
      if (!e.table || e.failover_group.empty()) continue;
      const models::TableRecovery r = models::recovery_at(e, o.promoted);
      o.accounting_ok = o.accounting_ok && r.versions.balanced();
      if (e.metadata_only) {
        o.external_written = r.versions.written;
        o.external_survived = r.versions.survived;
        continue;
      }
      o.lost = r.versions.lost;
      o.survived = r.versions.survived;
      for (const models::CommitRecord& c : e.table->commit_records()) {
        if (!(c.time < o.promoted)) continue;
        if (c.time < o.promoted - lag - kSlack)
          ++o.older;
        else if (c.time > o.promoted - lag + kSlack)
          ++o.window;
        else
          ++o.ambiguous;
      }
    }
    std::ostringstream out;
    out.precision(17);
    out << o.start << ' ' << o.promoted << ' ' << o.point << ' ' << o.rto << ' ' << o.last_write << ' ' << o.lost << ' '
        << o.survived << ' ' << o.window << ' ' << o.ambiguous << ' ' << o.older << ' ' << o.external_written << ' '
        << o.external_survived << ' ' << o.accounting_ok << '\n';
    return out.str();
  });
  INFO(text);
  std::istringstream in(text);
  Outcome o;
  in >> o.start >> o.promoted >> o.point >> o.rto >> o.last_write >> o.lost >> o.survived >> o.window >> o.ambiguous >>
      o.older >> o.external_written >> o.external_survived >> o.accounting_ok;
  REQUIRE(in);
  std::printf(
      "%-18s L %4.0f s: S %7.1f P %7.1f point %7.1f RTO %6.1f last write %7.1f lost %llu (window %llu, "
      "ambiguous %llu) survived %llu; external %llu/%llu\n",
      variant.c_str(), lag, o.start, o.promoted, o.point, o.rto, o.last_write, static_cast<unsigned long long>(o.lost),
      static_cast<unsigned long long>(o.window), static_cast<unsigned long long>(o.ambiguous),
      static_cast<unsigned long long>(o.survived), static_cast<unsigned long long>(o.external_survived),
      static_cast<unsigned long long>(o.external_written));
  return o;
}

void check_forced(const Outcome& o, double lag) {
  CHECK(o.accounting_ok);
  // Promoted at once: no catch-up wait, and the secondary holds what was written before P - L.
  CHECK(o.promoted == Approx(o.start).margin(1e-6));
  // The replication point is the time of the first write the secondary lacks: after P - L.
  CHECK(o.point >= o.promoted - lag - kSlack);
  CHECK(o.point < o.promoted);
  // Exactly the commits of the last L seconds are lost, and every older one survived.
  CHECK(o.window > 0);
  CHECK(o.lost >= o.window);
  CHECK(o.lost <= o.window + o.ambiguous);
  CHECK(o.survived + o.lost == o.older + o.window + o.ambiguous);
  CHECK(o.survived >= o.older);
}

void check_planned(const Outcome& planned, const Outcome& forced, double lag) {
  CHECK(planned.accounting_ok);
  CHECK(planned.lost == 0);
  // The wait is the analytic one, about L while the writers were busy up to the failover.
  const double wait = std::max(0.0, planned.last_write + lag - planned.start);
  CHECK(planned.promoted - planned.start == Approx(wait).margin(kSlack));
  CHECK(planned.start - planned.last_write < 60);  // the streams wrote within the last trigger or two
  CHECK(planned.promoted - planned.start > lag - 60);
  CHECK(planned.promoted - planned.start <= lag + kSlack);
  // The same steps up to the catch-up: the planned RTO is the forced one plus the wait.
  CHECK(planned.start == Approx(forced.start).margin(1e-6));
  CHECK(planned.rto - forced.rto == Approx(planned.promoted - planned.start).margin(kSlack));
}

}  // namespace

TEST_CASE(
    "managed DR: forced failover loses the writes of the last L seconds, planned none but recovers about L later") {
  std::vector<Outcome> forced, planned;
  for (const double lag : {120.0, 300.0}) {
    forced.push_back(run("fixed_lag", lag));
    check_forced(forced.back(), lag);
    planned.push_back(run("planned_fixed_lag", lag));
    check_planned(planned.back(), forced.back(), lag);
  }
  // A longer lag loses more when forced and waits longer, by about the difference, when planned.
  CHECK(forced[1].lost > forced[0].lost);
  CHECK(planned[1].rto - planned[0].rto == Approx(180).margin(60));
}

TEST_CASE("managed DR: an external table is replicated as metadata only") {
  const Outcome bare = run("fixed_lag", 120);
  CHECK(bare.external_written > 0);
  CHECK(bare.external_survived == 0);  // its files and log never left the primary
  const Outcome replicated = run("fixed_lag", 120, {"replication.enabled=true"});
  CHECK(replicated.external_survived > 0);  // the customer's S3 replication copied them
}
