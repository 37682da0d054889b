// Periodic syncs (deep clone, metadata export, Git sync) and the data a region loss costs. With a
// sync every T seconds that takes L seconds, the replica at t holds what the source had at the
// start of the last sync that completed by t: the RPO is a sawtooth from L up to T + L, whose
// time average is T/2 + L. A sync that moves its bytes through the network takes its startup plus
// the route's latency plus bytes / bottleneck bandwidth.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "models/dr/periodic_sync.hpp"
#include "models/failure.hpp"
#include "models/transfer.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

std::string two_region() { return std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json"; }

// A bare platform: the two regions' hosts and links, no workloads, no tables.
sim::Scenario bare_two_region(const std::string& duration) {
  sim::LoadOptions options;
  options.sets = {"duration=" + duration, "workloads=[]", "tables=[]"};
  return sim::load_scenario(two_region(), options);
}

// Records a write of `bytes` into the ledger at offset, offset + every, ... before `until`.
void start_writer(models::ReplicaLedger& ledger, sg4::Host* host, double offset, double every, double until,
                  double bytes) {
  sg4::Actor::create("writer", host, [&ledger, offset, every, until, bytes] {
    for (int k = 0; offset + k * every < until; ++k) {
      sg4::this_actor::sleep_until(offset + k * every);
      ledger.record(sg4::Engine::get_clock(), bytes);
    }
  });
}

}  // namespace

TEST_CASE("periodic sync: with a fixed copy time L every T, the mean RPO is T/2 + L and the worst T + L") {
  constexpr double kEvery = 3600;  // T
  constexpr double kCopy = 600;    // L
  constexpr double kWrite = 10;    // w: a write every 10 s...
  constexpr double kPhase = 5;     // ...at 5, 15, 25 s: never at the instant a sync begins
  constexpr double kBytes = 1000;
  const sim::Scenario s = bare_two_region("21h");
  sim::Simulation simulation(s);
  sg4::Host* runner = simulation.platform().external(sim::ExternalSystem::Clients);

  models::ReplicaLedger ledger;
  start_writer(ledger, runner, kPhase, kWrite, 20 * 3600, kBytes);
  sim::PeriodicSyncSpec spec;
  spec.enabled = true;
  spec.every = kEvery;
  spec.copy_time = kCopy;
  models::PeriodicSync sync("deep-clone", spec, ledger, runner, nullptr);
  std::vector<models::SyncRecord> seen;
  sync.set_on_sync([&seen](double start, double end, bool ok, std::uint64_t writes, double bytes) {
    seen.push_back({start, end, ok, writes, bytes});
  });
  sync.start(s.duration);
  simulation.run();

  // Syncs at 1h, 2h, ... 20h, each exactly L long, carrying the hour's 360 writes.
  REQUIRE(sync.syncs() == 20);
  CHECK(sync.failed_syncs() == 0);
  REQUIRE(seen.size() == sync.records().size());
  for (std::size_t k = 0; k < seen.size(); ++k) {
    const models::SyncRecord& r = sync.records()[k];
    INFO("sync " << k);
    CHECK(r.start == (static_cast<double>(k) + 1) * kEvery);
    CHECK(r.end == r.start + kCopy);
    CHECK(r.ok);
    CHECK(r.writes == 360);
    CHECK(r.bytes == 360 * kBytes);
    CHECK(seen[k].end == r.end);
    CHECK(seen[k].writes == r.writes);
  }
  CHECK(ledger.size() == 7200);
  CHECK(ledger.arrived() == ledger.size());
  CHECK(sync.copied_bytes() == ledger.written_bytes());

  // 2,000 instants over [2h, 19h], one drawn uniformly in each of 2,000 equal strata: each is
  // uniform over the range, and the strata keep the sample mean of the 17 whole sawtooth periods
  // within a second of the time average (2,000 independent draws would leave a standard error of
  // about 23 s on it).
  constexpr int kInstants = 2000;
  constexpr double kFrom = 2 * 3600;
  constexpr double kTo = 19 * 3600;
  sim::RandomStream rng(42, "test/instants");
  double sum = 0;
  double worst = 0;
  double best = std::numeric_limits<double>::infinity();
  int unbalanced = 0;
  int off_sawtooth = 0;
  for (int i = 0; i < kInstants; ++i) {
    const double t = kFrom + (i + rng.uniform()) * (kTo - kFrom) / kInstants;
    const models::ReplicationLoss loss = ledger.loss_at(t);
    // Writes before t, counted from the writer's schedule rather than from the ledger.
    const auto written = static_cast<std::uint64_t>(std::ceil((t - kPhase) / kWrite));
    const bool ok = loss.balanced() && loss.written == written && loss.lost == loss.returned &&
                    loss.lost_bytes == static_cast<double>(loss.lost) * kBytes &&
                    loss.survived_bytes + loss.lost_bytes == loss.written_bytes;
    unbalanced += ok ? 0 : 1;
    // The last sync done by t began at k T with k = floor((t - L) / T); the oldest write it left
    // behind was made w/2 later.
    const double began = std::floor((t - kCopy) / kEvery) * kEvery;
    off_sawtooth += std::abs(loss.rpo - (t - (began + kPhase))) < 1e-6 ? 0 : 1;
    sum += loss.rpo;
    worst = std::max(worst, loss.rpo);
    best = std::min(best, loss.rpo);
  }
  CHECK(unbalanced == 0);
  CHECK(off_sawtooth == 0);
  const double mean = sum / kInstants;
  std::printf("periodic sync T=%.0f s, L=%.0f s, w=%.0f s: mean RPO %.1f s (T/2+L = %.0f), max %.1f s, min %.1f s\n",
              kEvery, kCopy, kWrite, mean, kEvery / 2 + kCopy, worst, best);
  // Tolerance 2%: the oldest write a sync leaves behind is w/2 = 5 s younger than the sync's
  // start, which takes 5 s (0.2%) off every RPO; the stratified sample adds well under 1 s.
  CHECK(mean == Approx(kEvery / 2 + kCopy).epsilon(0.02));
  CHECK(worst <= kEvery + kCopy + kWrite);
  CHECK(worst >= kEvery + kCopy - 60);  // the strata are 30.6 s wide: one lands near the peak
  CHECK(best >= kCopy - kWrite);
}

TEST_CASE("periodic sync: a sync through the network takes startup + latency + bytes / bandwidth") {
  constexpr double kEvery = 3600;
  constexpr double kStartup = 30;
  constexpr double kWrite = 10;
  constexpr double kBytes = 5e8;  // 180 GB an hour: the copy takes about as long as the startup
  const sim::Scenario s = bare_two_region("6h");
  sim::Simulation simulation(s);
  sg4::Host* runner = simulation.platform().external(sim::ExternalSystem::Clients);
  sg4::Host* from = simulation.platform().s3_endpoint("us-east-1");
  sg4::Host* to = simulation.platform().s3_endpoint("us-west-2");

  // The route's latency and its bottleneck: the analytical time of a lone transfer.
  std::vector<sg4::Link*> route;
  double latency = 0;
  from->route_to(to, route, &latency);
  REQUIRE(!route.empty());
  double bandwidth = std::numeric_limits<double>::infinity();
  for (const sg4::Link* l : route) bandwidth = std::min(bandwidth, l->get_bandwidth());

  models::ReplicaLedger ledger;
  start_writer(ledger, runner, 5, kWrite, 6 * 3600, kBytes);
  sim::PeriodicSyncSpec spec;
  spec.enabled = true;
  spec.every = kEvery;
  spec.startup = kStartup;
  models::PeriodicSync sync("deep-clone", spec, ledger, runner, [from, to](double bytes) {
    try {
      models::transfer(from, to, bytes, "deep clone");
      return true;
    } catch (const models::RequestFailed&) {
      return false;
    }
  });
  sync.start(s.duration);
  simulation.run();

  REQUIRE(sync.syncs() == 5);  // 1h .. 5h; the 6h slot is the horizon
  CHECK(sync.failed_syncs() == 0);
  for (const models::SyncRecord& r : sync.records()) {
    const double expected = kStartup + latency + r.bytes / bandwidth;
    INFO("sync at " << r.start << ": " << r.bytes << " B");
    CHECK(r.ok);
    CHECK(r.writes == 360);
    CHECK(r.end - r.start == Approx(expected).epsilon(0.01));
    CHECK(r.end - r.start - kStartup == Approx(latency + r.bytes / bandwidth).epsilon(0.01));  // the copy alone
    std::printf("sync at %.0f s: %.3g B in %.4f s (expected %.4f s: startup %.0f + latency %.4f + %.4f)\n", r.start,
                r.bytes, r.end - r.start, expected, kStartup, latency, r.bytes / bandwidth);
  }
  // The writes each sync carried arrived when it ended; the last hour's are still at the source.
  CHECK(ledger.arrived() == 5 * 360);
  CHECK(sync.copied_bytes() == Approx(5 * 360 * kBytes));
  for (const models::ReplicatedWrite& w : ledger.entries()) {
    if (w.time < 5 * 3600) {
      CHECK(w.arrived == sync.records()[static_cast<std::size_t>(w.time / 3600)].end);
    } else {
      CHECK(w.arrived < 0);
    }
  }
}
