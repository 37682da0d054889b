// S3 replication as a queue under load. A burst of B bytes written at once, due at once (a fixed
// lag L), drains through the bucket's throughput R: its last copy arrives L + B / R after the
// burst, within one batch (about a second of R) and the WAN's latency. The drain time follows B
// and R. Two buckets bursting together on a WAN link narrower than 2 R share it: each drains at
// half the link. A trickle below R keeps the lag at the floor L, and a copy that waits in a
// backlog longer than 15 minutes counts against RTC's objective.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/deployment.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kLag = 30;      // L, the latency floor
constexpr double kBurstAt = 60;  // when the burst is written
constexpr double kFile = 16e6;   // one write of the burst
// One way between the two regions' S3 endpoints: the WAN's 43.5 ms and the regions' own links,
// bounded generously.
constexpr double kRouteLatency = 0.1;

struct Burst {
  double last_arrival = 0;  // of the burst's copies, after the burst was written
  std::uint64_t batches = 0;
  std::uint64_t missed = 0;
  double peak_pending = 0;
};

// Writes `bytes` in files of kFile at kBurstAt to each of `datasets` and replicates them at
// `throughput` (a bandwidth, e.g. "1Gbps") over a WAN of `wan`.
std::string burst_in_child(double bytes, const std::string& throughput, const std::string& wan,
                           const std::vector<std::string>& datasets) {
  std::string list;
  for (const std::string& d : datasets) list += (list.empty() ? "\"" : ", \"") + d + "\"";
  sim::LoadOptions options;
  options.sets = {
      "duration=3h", "workloads=[]", "tables=[]",
      R"(replication={"from": "us-east-1", "to": "us-west-2", "datasets": [)" + list +
          R"(], "lag": "30s", "throughput": ")" + throughput + "\"}",
      R"(network.inter_region=[{"regions": ["us-east-1", "us-west-2"], "latency": "43.5ms", "bandwidth": ")" + wan +
          "\"}]"};
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json", options);
  sim::Simulation simulation(s);
  models::Deployment deployment(s, simulation.platform());
  deployment.start();
  sg4::Host* client = simulation.platform().compute("spark").front()->host;
  // The burst is recorded as the source's stored writes, all at one instant: what is measured is
  // the copies, not the writes.
  for (const auto& r : deployment.replications()) {
    models::S3Replication* replication = r.get();
    sg4::Actor::create("writer:" + replication->dataset(), client, [replication, bytes] {
      sg4::this_actor::sleep_until(kBurstAt);
      for (double written = 0; written < bytes; written += kFile) replication->record(kBurstAt, kFile);
    });
  }
  simulation.run();
  std::ostringstream out;
  out.precision(17);
  for (const auto& r : deployment.replications()) {
    double last = 0;
    for (const models::ReplicatedWrite& w : r->log()) {
      if (w.arrived < 0) throw std::runtime_error("a copy of the burst never arrived");
      last = std::max(last, w.arrived - kBurstAt);
    }
    out << last << ' ' << r->batches() << ' ' << r->missed_objective(s.duration) << ' ' << r->peak_pending_bytes()
        << '\n';
  }
  return out.str();
}

// Each burst in a process of its own (one engine per process).
std::vector<Burst> burst(double bytes, const std::string& throughput, const std::string& wan,
                         const std::vector<std::string>& datasets) {
  std::istringstream in(test::in_child([&] { return burst_in_child(bytes, throughput, wan, datasets); }));
  std::vector<Burst> out;
  for (Burst b; in >> b.last_arrival >> b.batches >> b.missed >> b.peak_pending;) out.push_back(b);
  REQUIRE(out.size() == datasets.size());
  return out;
}

}  // namespace

TEST_CASE("replication under load: a burst of B bytes drains through R in about B / R") {
  constexpr double kGbps = 125e6;
  struct Case {
    double bytes;
    const char* throughput;
    double rate;
  };
  double previous = 0;
  for (const Case& c : {Case{6.4e9, "1Gbps", 1 * kGbps}, Case{12.8e9, "1Gbps", 1 * kGbps},
                        Case{12.8e9, "2Gbps", 2 * kGbps}, Case{12.8e9, "500Mbps", 0.5 * kGbps}}) {
    const std::vector<Burst> b = burst(c.bytes, c.throughput, "100Gbps", {"delta_table_data"});
    REQUIRE(b.size() == 1);
    const double expected = kLag + c.bytes / c.rate;
    INFO(c.bytes << " bytes at " << c.throughput << ": last copy after " << b[0].last_arrival << " s, expected "
                 << expected);
    // Within one batch (about a second of R) plus the route's latency of the last flow.
    CHECK(b[0].last_arrival >= expected - 1e-6);
    CHECK(b[0].last_arrival <= expected + 1 + kRouteLatency);
    // A backlog drains in batches, not one flow per copy.
    CHECK(b[0].batches < static_cast<std::uint64_t>(c.bytes / kFile));
    CHECK(b[0].peak_pending == Approx(c.bytes));
    CHECK(b[0].last_arrival != Approx(previous));  // the drain time moves with B and R
    previous = b[0].last_arrival;
    std::printf("burst %.1f GB at %s: last copy %.1f s after it (B/R + L = %.1f s), %llu batches\n", c.bytes / 1e9,
                c.throughput, b[0].last_arrival, expected, static_cast<unsigned long long>(b[0].batches));
  }
}

TEST_CASE("replication under load: buckets bursting together share the WAN link") {
  constexpr double kBytes = 6.4e9;
  // Two buckets bounded at 1 Gbps each on a 1 Gbps link: each gets half, both end at 2 B / link.
  const std::vector<Burst> shared = burst(kBytes, "1Gbps", "1Gbps", {"delta_table_data", "managed_tables"});
  REQUIRE(shared.size() == 2);
  // Sharing the link, each batch's flow pays the route's latency on top of its share: within
  // one latency per batch (a batch of about 1 s at 0.5 Gbps takes 2 s) and one batch.
  const double drain = 2 * kBytes / 125e6;
  const double expected = kLag + drain;
  for (const Burst& b : shared) {
    INFO("last copy after " << b.last_arrival << " s, expected " << expected);
    CHECK(b.last_arrival >= expected - 1);
    CHECK(b.last_arrival <= expected + 2 + (drain / 2) * kRouteLatency);
  }
  // On a wide link each drains at its own bound.
  const std::vector<Burst> apart = burst(kBytes, "1Gbps", "100Gbps", {"delta_table_data", "managed_tables"});
  for (const Burst& b : apart) {
    CHECK(b.last_arrival >= kLag + kBytes / 125e6 - 1e-6);
    CHECK(b.last_arrival <= kLag + kBytes / 125e6 + 1 + kRouteLatency);
  }
}

TEST_CASE("replication under load: copies that wait past 15 minutes miss RTC's objective") {
  // 64 GB at 500 Mbps drains in 1024 s: the copies of the last 124 s or so of the drain, behind
  // a 30 s floor, take over 900 s.
  const std::vector<Burst> long_drain = burst(64e9, "500Mbps", "100Gbps", {"delta_table_data"});
  REQUIRE(long_drain.size() == 1);
  const double drain = 64e9 / 62.5e6;
  const double late_share = (kLag + drain - 900) / drain;  // of the burst's copies
  const double files = 64e9 / kFile;
  INFO("missed " << long_drain[0].missed << " of " << files);
  CHECK(long_drain[0].missed == Approx(late_share * files).margin(files * 0.01 + 2));
  // The same burst through 1 Gbps drains in 512 s: none misses.
  CHECK(burst(64e9, "1Gbps", "100Gbps", {"delta_table_data"})[0].missed == 0);
}
