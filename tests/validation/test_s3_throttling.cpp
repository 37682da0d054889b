// S3 validation: the per-prefix request-rate limit, first-byte latency and per-connection
// bandwidth, and read/write outages, against figures computed by hand.
//
// Tolerances:
// - request throughput: 2%. Throughput is measured from the first to the last batch completion
//   between t=10 s and t=60 s, after the bucket's one second of burst has been spent, so the model
//   itself is exact up to rounding; 2% is the acceptance band of the S3 limit being reproduced,
//   wide enough for batches completing unevenly (each batch is 1,000 of ~275,000 requests) and
//   narrow enough that losing or gaining a tenth of a second of tokens fails.
// - transfer time: 1e-6 relative. With the "exact" network model a transfer takes the route's
//   latency + size / bottleneck exactly; the tolerance leaves room for rounding only.
#include <catch2/catch.hpp>

#include <iomanip>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "models/storage/s3_service.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/network_transfers.hpp"
#include "sim/simulation.hpp"

using namespace lakesim::models;
using namespace lakesim::sim;

namespace {

constexpr double kThroughputTolerance = 0.02;
constexpr double kTimeTolerance = 1e-6;
const std::string kPrefix = "tables/events/";

Scenario s3_scenario() { return load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/s3.json"); }

struct Batch {
  double done = 0;
  double requests = 0;
  std::uint64_t throttled = 0;
  std::uint64_t retries = 0;
  std::optional<FailureCause> failure;
};

// Issues GET batches of `batch` requests on one prefix at `offered` requests/s for `seconds`,
// each batch in its own actor so that a throttled batch does not delay the next one.
std::shared_ptr<std::vector<Batch>> offer_gets(S3Service& s3, sg4::Host* client, double offered, double seconds,
                                               double batch) {
  auto batches = std::make_shared<std::vector<Batch>>();
  sg4::Actor::create("load", client, [&s3, client, offered, seconds, batch, batches] {
    const double period = batch / offered;
    const int count = static_cast<int>(std::llround(seconds / period));
    for (int k = 0; k < count; ++k) {
      sg4::this_actor::sleep_until(k * period);
      sg4::Actor::create("batch-" + std::to_string(k), client, [&s3, client, batch, batches] {
        Batch b;
        b.requests = batch;
        try {
          // 4 KB objects on 64 connections: the bytes take milliseconds, the requests are the limit.
          const S3Result r = s3.transfer(client, S3Request{kPrefix, S3Op::Read, batch * 4e3, batch, 64});
          b.throttled = r.throttled;
          b.retries = r.retries;
        } catch (const RequestFailed& f) {
          b.failure = f.cause();
        }
        b.done = sg4::Engine::get_clock();
        batches->push_back(b);
      });
    }
  });
  return batches;
}

// Completed requests per second between the first and the last completion inside [from, to]
// (batches are recorded in completion order; the first completion only opens the interval).
double throughput(const std::vector<Batch>& batches, double from, double to) {
  std::vector<const Batch*> inside;
  for (const Batch& b : batches)
    if (!b.failure && b.done >= from && b.done <= to) inside.push_back(&b);
  REQUIRE(inside.size() >= 2);
  double requests = 0;
  for (std::size_t i = 1; i < inside.size(); ++i) requests += inside[i]->requests;
  return requests / (inside.back()->done - inside.front()->done);
}

// The narrowest bandwidth and the latency of the route between two hosts.
std::pair<double, double> route(sg4::Host* from, sg4::Host* to) {
  std::vector<sg4::Link*> links;
  double latency = 0;
  from->route_to(to, links, &latency);
  double bottleneck = std::numeric_limits<double>::infinity();
  for (const sg4::Link* l : links) bottleneck = std::min(bottleneck, l->get_bandwidth());
  return {bottleneck, latency};
}

}  // namespace

TEST_CASE("S3 GETs at twice a prefix's rate are served at the prefix's rate, with 503s") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  const double limit = s.regions[0].s3.read_rate;
  REQUIRE(limit == 5500);
  // 11,000 requests/s for 60 s: the queue of waiting requests peaks at 59 s of tokens. Each batch
  // is 1,000 requests sent 64 at a time, so one request waits at most 59 s x 64 / 1,000 = 3.8 s,
  // inside the client's retry budget: every batch eventually goes through.
  auto batches = offer_gets(s3, client, 2 * limit, 60, 1000);
  sim.run();

  REQUIRE(batches->size() == 660);
  std::uint64_t failed = 0;
  std::uint64_t throttled = 0;
  std::uint64_t retries = 0;
  for (const Batch& b : *batches) {
    failed += b.failure ? 1 : 0;
    throttled += b.throttled;
    retries += b.retries;
  }
  INFO("throttled " << throttled << " requests, " << retries << " retries");
  CHECK(failed == 0);
  CHECK(throttled > 0);
  CHECK(retries > throttled);  // a request waiting more than 0.1 s retries more than once
  CHECK(s3.throttled(S3Op::Read) == throttled);
  CHECK(s3.requests(S3Op::Read) == 660000);
  const double achieved = throughput(*batches, 10, 60);
  INFO(std::setprecision(10) << "achieved " << achieved << " requests/s, limit " << limit);
  CHECK(achieved == Approx(limit).epsilon(kThroughputTolerance));
}

TEST_CASE("S3 GETs at twice a prefix's rate with a retry window too short fail as Throttled and the rest go through") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  // A 2 s retry window: a request gives up once it would wait more than 2 s, that is once its
  // batch waits more than 2 s x 1,000 / 64 = 31.25 s, which the queue reaches after about 31 s;
  // it fails once its 2 s of retries have passed.
  S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"), 2);
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  const double limit = s.regions[0].s3.read_rate;
  auto batches = offer_gets(s3, client, 2 * limit, 60, 1000);
  sim.run();

  REQUIRE(batches->size() == 660);
  std::uint64_t failed = 0;
  double first_failure = 1e9;
  for (const Batch& b : *batches)
    if (b.failure) {
      ++failed;
      CHECK(*b.failure == FailureCause::Throttled);
      first_failure = std::min(first_failure, b.done);
    }
  INFO(failed << " batches failed, the first at " << first_failure << " s");
  CHECK(failed > 0);
  CHECK(first_failure == Approx(31.25 + 2).epsilon(0.05));
  // Refused batches take no tokens: the prefix still serves its rate.
  CHECK(throughput(*batches, 10, 60) == Approx(limit).epsilon(kThroughputTolerance));
}

TEST_CASE("S3 GETs at half a prefix's rate are never throttled and served as offered") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  const double offered = s.regions[0].s3.read_rate / 2;
  auto batches = offer_gets(s3, client, offered, 60, 1000);
  sim.run();

  REQUIRE(batches->size() == 165);
  for (const Batch& b : *batches) CHECK(!b.failure);
  CHECK(s3.throttled(S3Op::Read) == 0);
  const double achieved = throughput(*batches, 10, 60);
  INFO(std::setprecision(10) << "achieved " << achieved << " requests/s, offered " << offered);
  CHECK(achieved == Approx(offered).epsilon(kThroughputTolerance));
}

TEST_CASE("a large S3 GET takes first-byte latency + size / min(connections x 85 MB/s, path)") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  const S3Spec& spec = s.regions[0].s3;
  S3Service s3("east", spec, sim.platform().s3_endpoint("east"));
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  const auto [path_bandwidth, path_latency] = route(s3.endpoint(), client);
  // NIC 10 Gbps = 1.25 GB/s is the path's bottleneck; 8 connections (680 MB/s) are narrower,
  // 32 connections (2.72 GB/s) wider.
  REQUIRE(path_bandwidth == Approx(1.25e9));
  const double bytes = 1e9;
  std::vector<double> measured;
  sg4::Actor::create("client", client, [&] {
    for (int connections : {8, 32}) {
      measured.push_back(s3.transfer(client, S3Request{kPrefix, S3Op::Read, bytes, 1, connections}).seconds);
    }
    measured.push_back(s3.transfer(client, S3Request{kPrefix, S3Op::Write, bytes, 1, 8}).seconds);
  });
  sim.run();

  REQUIRE(measured.size() == 3);
  auto expected = [&](int connections) {
    return spec.first_byte_latency + path_latency +
           bytes / std::min(connections * spec.per_connection_bandwidth, path_bandwidth);
  };
  INFO(std::setprecision(10) << "8 connections: " << measured[0] << " s, 32: " << measured[1]
                             << " s, PUT with 8: " << measured[2] << " s");
  CHECK(measured[0] == Approx(expected(8)).epsilon(kTimeTolerance));
  CHECK(measured[1] == Approx(expected(32)).epsilon(kTimeTolerance));
  CHECK(measured[2] == Approx(expected(8)).epsilon(kTimeTolerance));
  CHECK(s3.bytes(S3Op::Read) == 2 * bytes);
  CHECK(s3.bytes(S3Op::Write) == bytes);
  CHECK(s3.throttled(S3Op::Read) == 0);
}

TEST_CASE("S3 reads switched off fail with RegionUnavailable while writes still work") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  std::optional<FailureCause> read_failure;
  double write_seconds = 0;
  bool read_after_recovery = false;
  sg4::Actor::create("client", client, [&] {
    s3.set_available(S3Op::Read, false);
    try {
      s3.transfer(client, S3Request{kPrefix, S3Op::Read, 1e6});
    } catch (const RequestFailed& f) {
      read_failure = f.cause();
    }
    write_seconds = s3.transfer(client, S3Request{kPrefix, S3Op::Write, 1e6}).seconds;
    s3.set_available(S3Op::Read, true);
    s3.transfer(client, S3Request{kPrefix, S3Op::Read, 1e6});
    read_after_recovery = true;
  });
  sim.run();

  REQUIRE(read_failure.has_value());
  CHECK(*read_failure == FailureCause::RegionUnavailable);
  CHECK(write_seconds > s.regions[0].s3.first_byte_latency);
  CHECK(read_after_recovery);
  CHECK(s3.requests(S3Op::Read) == 1);
  CHECK(s3.requests(S3Op::Write) == 1);
}

TEST_CASE("S3 requests that would retry past the retry window fail as Throttled") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  // One connection per request: as many as the client may open.
  S3Spec spec = s.regions[0].s3;
  spec.client.connection_maximum = 5500 * 62;
  S3Service s3("east", spec, sim.platform().s3_endpoint("east"), 60);
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  std::optional<FailureCause> failure;
  double failed_at = -1;
  std::uint64_t throttled_after = 1;
  sg4::Actor::create("client", client, [&] {
    // 62 s worth of tokens at 5,500/s, one second of which is in the bucket: a 61 s wait, for
    // each request too, since each has a connection of its own.
    try {
      s3.transfer(client, S3Request{kPrefix, S3Op::Read, 1e6, 5500 * 62.0, 5500 * 62});
    } catch (const RequestFailed& f) {
      failure = f.cause();
      failed_at = sg4::Engine::get_clock();
    }
    // The refused batch took no tokens: a full burst is still there.
    throttled_after = s3.transfer(client, S3Request{kPrefix, S3Op::Read, 1e6, 5500}).throttled;
  });
  sim.run();

  REQUIRE(failure.has_value());
  CHECK(*failure == FailureCause::Throttled);
  CHECK(failed_at == 60);  // once its retries have spent the window
  CHECK(throttled_after == 0);
  CHECK(s3.throttled(S3Op::Read) > 0);
}

TEST_CASE("an S3 transfer cut by its endpoint going down fails with RegionUnavailable") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  std::optional<FailureCause> failure;
  std::optional<FailureCause> later;
  double failed_at = -1;
  sg4::Actor::create("client", client, [&] {
    try {
      s3.transfer(client, S3Request{kPrefix, S3Op::Read, 1e9, 1, 8});  // about 1.5 s
    } catch (const RequestFailed& f) {
      failure = f.cause();
      failed_at = sg4::Engine::get_clock();
    }
    try {
      s3.transfer(client, S3Request{kPrefix, S3Op::Write, 1e3});
    } catch (const RequestFailed& f) {
      later = f.cause();
    }
  });
  sg4::Actor::create("outage", client, [&s3] {
    sg4::this_actor::sleep_for(0.5);
    s3.endpoint()->turn_off();
  });
  sim.run();

  REQUIRE(failure.has_value());
  CHECK(*failure == FailureCause::RegionUnavailable);
  CHECK(failed_at == Approx(0.5));
  REQUIRE(later.has_value());
  CHECK(*later == FailureCause::RegionUnavailable);
  CHECK(s3.requests(S3Op::Read) == 0);
}

TEST_CASE("an S3 transfer made for another host runs between that host and the endpoint") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  const S3Spec& spec = s.regions[0].s3;
  S3Service s3("east", spec, sim.platform().s3_endpoint("east"));
  sg4::Host* driver = sim.platform().compute("c")[1]->host;
  sg4::Host* executor = sim.platform().compute("c")[0]->host;
  const auto [path_bandwidth, path_latency] = route(s3.endpoint(), executor);
  const double bytes = 1e9;
  double seconds = 0;
  std::optional<FailureCause> failure;
  double failed_at = -1;
  sg4::Actor::create("driver", driver, [&] {
    seconds = s3.transfer(executor, S3Request{kPrefix, S3Op::Read, bytes, 1, 32}).seconds;
    // The executor's host failing cuts the next transfer, and the driver hears why.
    try {
      s3.transfer(executor, S3Request{kPrefix, S3Op::Read, bytes, 1, 32});
    } catch (const RequestFailed& f) {
      failure = f.cause();
      failed_at = sg4::Engine::get_clock();
    }
  });
  sg4::Actor::create("outage", driver, [executor] {
    sg4::this_actor::sleep_for(1.0);
    executor->turn_off();
  });
  sim.run();

  CHECK(seconds == Approx(spec.first_byte_latency + path_latency + bytes / path_bandwidth).epsilon(kTimeTolerance));
  REQUIRE(failure.has_value());
  CHECK(*failure == FailureCause::HostDown);
  CHECK(failed_at == Approx(1.0));
  CHECK(s3.requests(S3Op::Read) == 1);
}

TEST_CASE("concurrent S3 reads of one instance share its NIC through its S3 port") {
  const Scenario s = s3_scenario();
  Simulation sim(s);
  const S3Spec& spec = s.regions[0].s3;
  S3Service s3("east", spec, sim.platform().s3_endpoint("east"));
  s3.set_ports(&sim.platform().s3_ports("east"));
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  sg4::Host* port = sim.platform().s3_ports("east").at(client);
  const auto [path_bandwidth, path_latency] = route(port, client);
  REQUIRE(path_bandwidth == Approx(1.25e9));
  const double bytes = 1e9;
  // Two reads at once: with 32 connections each (2.72 GB/s) the NIC is the bound and they share
  // it; with 4 connections each (340 MB/s, together below the NIC) each gets its connections'.
  std::vector<double> wide, narrow;
  for (int k = 0; k < 2; ++k) {
    sg4::Actor::create("wide", client, [&] {
      wide.push_back(s3.transfer(client, S3Request{kPrefix, S3Op::Read, bytes, 1, 32}).seconds);
    });
    sg4::Actor::create("narrow", client, [&] {
      sg4::this_actor::sleep_until(100);
      narrow.push_back(s3.transfer(client, S3Request{kPrefix, S3Op::Read, bytes, 1, 4}).seconds);
    });
  }
  sim.run();
  REQUIRE(wide.size() == 2);
  REQUIRE(narrow.size() == 2);
  for (double t : wide)
    CHECK(t == Approx(spec.first_byte_latency + path_latency + 2 * bytes / path_bandwidth).epsilon(kTimeTolerance));
  for (double t : narrow)
    CHECK(t == Approx(spec.first_byte_latency + path_latency + bytes / (4 * spec.per_connection_bandwidth))
                   .epsilon(kTimeTolerance));
  // The port has the regional endpoint's latency, and no byte crossed the regional S3 link.
  CHECK(path_latency == Approx(route(s3.endpoint(), client).second).epsilon(1e-12));
  CHECK(lakesim::sim::link_bytes(sg4::Link::by_name("east/s3-link")) == 0);
}
