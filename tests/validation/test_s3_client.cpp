// (d) The storage client against S3's per-prefix rate: an offered load of twice a prefix's rate
// completes at the prefix's rate with no failed request when the client's retry budget covers
// the queue, and fails as `throttled`, once the budget is spent, when it does not.
//
// Load: batches of 64 GETs on 64 connections (one request per connection, so each request waits
// as long as its batch), offered at 11,000/s for 40 s to a prefix of 5,500/s with one second of
// burst. The queue of waiting requests grows by one second every second after the first: a batch
// offered at t waits t - 1 s for its tokens.
// - Budget 331 s (the defaults: 20 retries from 500 ms, back-offs capped at 20 s): the longest
//   wait, 39 s, is covered; every request is served, at 5,500/s, the last at 440,000 / 5,500 - 1
//   = 79 s.
// - Budget B (fewer retries): the first batch to give up is the one offered at B + 1 s, and it
//   fails B later, at 2 B + 1 s: 31 s for 4 retries (B = 1 + 2 + 4 + 8 = 15 s), 63 s for 5 (B =
//   31 s). Refused batches take no tokens, so the prefix still serves 5,500/s.
// Tolerances: throughput 2% (as tests/validation/test_s3_throttling.cpp); instants 1% (a batch
// is 64 of 5,500 requests a second: 12 ms).
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "models/storage/s3_service.hpp"
#include "scenario/defaults.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim::models;
using namespace lakesim::sim;

namespace {

constexpr double kThroughputTolerance = 0.02;
constexpr double kInstantTolerance = 0.01;
constexpr double kBatch = 64;
const std::string kPrefix = "tables/events/";

struct Batch {
  double offered = 0;
  double done = 0;
  std::optional<RequestFailed> failure;
};

// Offers GET batches at `offered` requests/s for `seconds` on `prefixes` prefixes, each batch in
// its own actor; returns them in completion order.
std::shared_ptr<std::vector<Batch>> offer(S3Service& s3, sg4::Host* client, double offered, double seconds,
                                          int prefixes = 1) {
  auto batches = std::make_shared<std::vector<Batch>>();
  sg4::Actor::create("load", client, [&s3, client, offered, seconds, prefixes, batches] {
    const double period = kBatch / offered;
    const int count = static_cast<int>(std::llround(seconds / period));
    for (int k = 0; k < count; ++k) {
      sg4::this_actor::sleep_until(k * period);
      sg4::Actor::create("batch", client, [&s3, client, prefixes, batches, at = k * period] {
        Batch b;
        b.offered = at;
        try {
          s3.transfer(client, S3Request{kPrefix, S3Op::Read, kBatch * 4e3, kBatch, 64, prefixes});
        } catch (const RequestFailed& f) {
          b.failure = f;
        }
        b.done = sg4::Engine::get_clock();
        batches->push_back(b);
      });
    }
  });
  return batches;
}

// Served requests per second between the first and last completion inside [from, to].
double throughput(const std::vector<Batch>& batches, double from, double to) {
  std::vector<const Batch*> inside;
  for (const Batch& b : batches)
    if (!b.failure && b.done >= from && b.done <= to) inside.push_back(&b);
  REQUIRE(inside.size() >= 2);
  return kBatch * static_cast<double>(inside.size() - 1) / (inside.back()->done - inside.front()->done);
}

Scenario s3_scenario() { return load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/s3.json"); }

struct Run {
  std::vector<Batch> batches;
  std::uint64_t served = 0;
};

// Runs the load once per client, each on its own S3 service (the same endpoint, buckets of its
// own) and instance, in one simulation (one engine per process).
std::vector<Run> run(const std::vector<S3ClientSpec>& clients, double offered, double seconds, int prefixes = 1) {
  Scenario s = s3_scenario();
  Simulation sim(s);
  std::vector<std::unique_ptr<S3Service>> services;
  std::vector<std::shared_ptr<std::vector<Batch>>> loads;
  for (std::size_t k = 0; k < clients.size(); ++k) {
    S3Spec spec = s.regions[0].s3;
    spec.client = clients[k];
    services.push_back(std::make_unique<S3Service>("east", spec, sim.platform().s3_endpoint("east")));
    loads.push_back(offer(*services.back(), sim.platform().compute("c")[k]->host, offered, seconds, prefixes));
  }
  sim.run();
  std::vector<Run> runs;
  for (std::size_t k = 0; k < clients.size(); ++k) runs.push_back(Run{*loads[k], services[k]->requests(S3Op::Read)});
  return runs;
}

}  // namespace

TEST_CASE("(d) the default client's retry budget is 331 s and covers twice a prefix's rate for 40 s") {
  const S3ClientSpec defaults;
  CHECK(throttle_retry_budget(defaults) == Approx(1 + 2 + 4 + 8 + 16 + 15 * 20));
  const Run r = run({defaults}, 11000, 40).front();
  const auto count = static_cast<std::size_t>(std::llround(40 / (kBatch / 11000)));  // about 440,000 requests
  REQUIRE(r.batches.size() == count);
  for (const Batch& b : r.batches) REQUIRE_FALSE(b.failure.has_value());
  CHECK(r.served == count * 64);
  CHECK(throughput(r.batches, 10, 200) == Approx(5500).epsilon(kThroughputTolerance));
  CHECK(r.batches.back().done == Approx(static_cast<double>(count) * kBatch / 5500 - 1).epsilon(kInstantTolerance));
}

TEST_CASE("(d) a retry budget too short fails the requests whose turn comes after it, as throttled") {
  const std::vector<int> limits = {4, 5};
  std::vector<S3ClientSpec> clients(limits.size());
  for (std::size_t k = 0; k < limits.size(); ++k) clients[k].throttle_retry_limit = limits[k];
  const std::vector<Run> runs = run(clients, 11000, 40);
  for (std::size_t k = 0; k < limits.size(); ++k) {
    const double budget = throttle_retry_budget(clients[k]);
    INFO(limits[k] << " retries: a budget of " << budget << " s");
    REQUIRE(budget == Approx(limits[k] == 4 ? 15 : 31));
    const Run& r = runs[k];
    std::size_t failed = 0;
    double first = 1e9;
    for (const Batch& b : r.batches) {
      if (!b.failure) continue;
      ++failed;
      CHECK(b.failure->cause() == FailureCause::Throttled);
      CHECK(b.failure->where() == "east/s3:" + kPrefix);
      // It gave up once its budget had passed.
      CHECK(b.done - b.offered == Approx(budget).margin(1e-6));
      first = std::min(first, b.done);
    }
    CHECK(failed > 0);
    CHECK(first == Approx(2 * budget + 1).epsilon(kInstantTolerance));
    CHECK(throughput(r.batches, 5, 60) == Approx(5500).epsilon(kThroughputTolerance));
  }
}

TEST_CASE("(d) the same load on a table partitioned over two prefixes is served as offered, unthrottled") {
  const Run r = run({S3ClientSpec{}}, 11000, 40, 2).front();
  for (const Batch& b : r.batches) REQUIRE_FALSE(b.failure.has_value());
  CHECK(throughput(r.batches, 10, 40) == Approx(11000).epsilon(kThroughputTolerance));
  CHECK(r.batches.back().done == Approx(40).epsilon(kInstantTolerance));
}

TEST_CASE("a prefix under sustained throttling doubles its capacity after the doubling period, with prefix scaling") {
  // 11,000/s offered for 95 s to a prefix without and one with prefix scaling (at a faster
  // pace than the default, to keep the test short: a doubling after 60 s of throttled 10 s
  // samples): the second doubles at 60 s.
  const Scenario s = s3_scenario();
  Simulation sim(s);
  S3Spec scaling = s.regions[0].s3;
  RequestRateRampUp pace = defaults::s3_prefix_scaling();
  pace.doubling_period = 60;
  pace.sample = 10;
  scaling.ramp_up = pace;
  S3Service fixed_s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  S3Service scaling_s3("east", scaling, sim.platform().s3_endpoint("east"));
  sg4::Host* probe_host = sim.platform().compute("c")[2]->host;
  auto fixed = offer(fixed_s3, sim.platform().compute("c")[0]->host, 11000, 95);
  auto scaled = offer(scaling_s3, sim.platform().compute("c")[1]->host, 11000, 95);
  std::vector<double> rates;  // fixed and scaling, at 30 s and at 90 s
  sg4::Actor::create("probe", probe_host, [&] {
    for (double at : {30.0, 90.0}) {
      sg4::this_actor::sleep_until(at);
      rates.push_back(fixed_s3.request_rate(kPrefix, S3Op::Read));
      rates.push_back(scaling_s3.request_rate(kPrefix, S3Op::Read));
    }
  });
  sim.run();
  REQUIRE(rates.size() == 4);
  CHECK(rates[0] == Approx(5500));
  CHECK(rates[1] == Approx(5500));
  CHECK(rates[2] == Approx(5500));
  CHECK(rates[3] == Approx(11000));
  for (const Batch& b : *fixed) CHECK_FALSE(b.failure.has_value());
  for (const Batch& b : *scaled) CHECK_FALSE(b.failure.has_value());
  // Its queue drains sooner: requests after the doubling take tokens at twice the rate.
  CHECK(scaled->back().done < fixed->back().done);
}

TEST_CASE("an instance opens at most the client's connection pool at once") {
  // 1 GB over 32 requested connections: 32 x 85 MB/s = 2.72 GB/s is wider than the NIC (1.25
  // GB/s), but a pool of 4 connections (340 MB/s) is narrower.
  double unbounded = 0;
  double pooled = 0;
  Scenario s = s3_scenario();
  Simulation sim(s);
  S3Spec small_pool = s.regions[0].s3;
  small_pool.client.connection_maximum = 4;
  S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  S3Service s3_pooled("east", small_pool, sim.platform().s3_endpoint("east"));
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  sg4::Actor::create("client", client, [&] {
    unbounded = s3.transfer(client, S3Request{kPrefix, S3Op::Read, 1e9, 1, 32}).seconds;
    pooled = s3_pooled.transfer(client, S3Request{kPrefix, S3Op::Read, 1e9, 1, 32}).seconds;
  });
  sim.run();
  // Plus the first-byte latency (30 ms) and the route's (under a millisecond): 10 ms margin.
  CHECK(unbounded == Approx(0.03 + 1e9 / 1.25e9).margin(0.01));
  CHECK(pooled == Approx(0.03 + 1e9 / (4 * 85e6)).margin(0.01));
}
