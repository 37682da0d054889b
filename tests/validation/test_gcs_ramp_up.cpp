// Cloud Storage's request-rate ramp-up (the `gcp` provider profile): a bucket starts at about
// 1,000 object writes per second and doubles its capacity after 20 minutes of sustained demand.
// Writes offered at 3,000/s to one bucket (one prefix) for 30 minutes are throttled at once and
// served at 1,000/s; from the 20th minute they are served at 2,000/s.
//
// Tolerance: 2% on each measured throughput, as in test_s3_throttling.cpp. The model is exact up
// to how batches of 1,000 requests complete at the window's edges; the windows leave out the
// first two minutes (the bucket's one second of burst and the first refusals) and the minute
// after the doubling, when requests queued under the old cap still complete on their old
// schedule. Losing or gaining a tenth of a second of tokens per window fails the band, and a
// doubling a sample (one minute) early or late would show in the second window's edges.
#include <catch2/catch.hpp>

#include <iomanip>
#include <memory>
#include <optional>
#include <vector>

#include "models/storage/s3_service.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim::models;
using namespace lakesim::sim;

namespace {

constexpr double kThroughputTolerance = 0.02;
const std::string kBucket = "delta_table_data/";

// One region on the gcp profile's defaults: Cloud Storage, n2-highmem-4 workers.
const char* kScenario = R"({
  "format": "lakesim/1",
  "name": "gcs-ramp-up",
  "provider": "gcp",
  "duration": "1h",
  "regions": [{"name": "us-central1", "azs": ["us-central1-a", "us-central1-b"]}],
  "control_plane": [{"region": "us-central1", "hosts_per_az": 1}],
  "compute": [{"name": "c", "kind": "serverless_spark", "region": "us-central1", "instances": 2}]
})";

struct Batch {
  double done = 0;
  double requests = 0;
  std::uint64_t throttled = 0;
  std::optional<FailureCause> failure;
};

// PUT batches of `batch` small objects on one bucket at `offered` requests/s for `seconds`, each
// batch in its own actor so that a throttled batch does not hold back the next.
std::shared_ptr<std::vector<Batch>> offer_puts(S3Service& gcs, sg4::Host* client, double offered, double seconds,
                                               double batch) {
  auto batches = std::make_shared<std::vector<Batch>>();
  sg4::Actor::create("load", client, [&gcs, client, offered, seconds, batch, batches] {
    const double period = batch / offered;
    const int count = static_cast<int>(std::llround(seconds / period));
    for (int k = 0; k < count; ++k) {
      sg4::this_actor::sleep_until(k * period);
      sg4::Actor::create("batch-" + std::to_string(k), client, [&gcs, client, batch, batches] {
        Batch b;
        b.requests = batch;
        try {
          // One connection per request (a thousand writers at once): each request waits as long
          // as its batch, so batches queued past the retry window are refused and the backlog
          // stays within it.
          const int writers = static_cast<int>(batch);
          b.throttled = gcs.transfer(client, S3Request{kBucket, S3Op::Write, batch * 4e3, batch, writers}).throttled;
        } catch (const RequestFailed& f) {
          b.failure = f.cause();
          b.throttled = static_cast<std::uint64_t>(batch);
        }
        b.done = sg4::Engine::get_clock();
        batches->push_back(b);
      });
    }
  });
  return batches;
}

// Completed requests per second between the first and the last completion inside [from, to].
double throughput(const std::vector<Batch>& batches, double from, double to) {
  std::vector<const Batch*> inside;
  for (const Batch& b : batches)
    if (!b.failure && b.done >= from && b.done <= to) inside.push_back(&b);
  REQUIRE(inside.size() >= 2);
  double requests = 0;
  for (std::size_t i = 1; i < inside.size(); ++i) requests += inside[i]->requests;
  return requests / (inside.back()->done - inside.front()->done);
}

}  // namespace

TEST_CASE("GCS writes above a bucket's initial 1,000/s are throttled, then served at twice that after 20 minutes") {
  const Scenario s = load_scenario_text(kScenario, "gcs-ramp-up.json");
  REQUIRE(s.provider == Provider::Gcp);
  const S3Spec& spec = s.regions[0].s3;
  REQUIRE(spec.write_rate == 1000);
  REQUIRE(spec.ramp_up.has_value());
  REQUIRE(spec.ramp_up->doubling_period == 1200);

  Simulation sim(s);
  // A 60 s retry window keeps the backlog under the old cap short (the storage client's default
  // budget is longer), so that the windows below see the new cap; a thousand writers need as
  // many connections.
  S3Spec writers = spec;
  writers.client.connection_maximum = 1000;
  S3Service gcs("us-central1", writers, sim.platform().s3_endpoint("us-central1"), 60);
  sg4::Host* client = sim.platform().compute("c")[0]->host;
  auto batches = offer_puts(gcs, client, 3000, 1800, 1000);
  sim.run();

  REQUIRE(batches->size() == 5400);
  std::uint64_t throttled_first = 0;
  std::uint64_t refused_first = 0;
  for (const Batch& b : *batches) {
    if (b.done >= 120) continue;
    throttled_first += b.throttled;
    refused_first += b.failure ? 1 : 0;
  }
  INFO("in the first two minutes: " << throttled_first << " requests throttled, " << refused_first
                                    << " batches refused past the retry window");
  CHECK(throttled_first > 0);
  CHECK(refused_first > 0);

  const double before = throughput(*batches, 120, 1140);
  const double after = throughput(*batches, 1320, 1800);
  INFO(std::setprecision(8) << "served " << before << " writes/s before the 20th minute, " << after << " after");
  CHECK(before == Approx(1000).epsilon(kThroughputTolerance));
  CHECK(after == Approx(2000).epsilon(kThroughputTolerance));
  // Demand (3,000/s) stayed above half the new cap, but the next doubling needs another 20 minutes.
  CHECK(gcs.request_rate(kBucket, S3Op::Write) == 2000);
  CHECK(gcs.request_rate(kBucket, S3Op::Read) == 5000);  // reads were never asked for
}
