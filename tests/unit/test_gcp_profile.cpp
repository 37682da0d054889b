// The provider profile: `"provider": "gcp"` swaps the built-in figures (machine types, Cloud
// Storage, zones, latencies, start-up times) while the file can still override each of them;
// names the defaults rely on are checked against the provider; and the Cloud Storage ramp-up of a
// token bucket doubles and decays as documented (pure arithmetic, no engine).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/storage/token_bucket.hpp"
#include "scenario/defaults.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/gcp_defaults.hpp"
#include "scenario/scenario_loader.hpp"

using lakesim::models::TokenBucket;
using namespace lakesim::sim;

namespace {

const std::string kFile = "gcp-profile.json";

// Two regions with their zones, a control plane and a Spark and a SQL placement, all on defaults.
std::string scenario(const std::string& provider_line, const std::string& east, const std::string& central,
                     const std::string& east_zone = "") {
  const std::string e = east_zone.empty() ? east + "-a" : east_zone;
  return std::string("{\n") + "  \"format\": \"lakesim/1\",\n  \"name\": \"gcp\",\n" + provider_line +
         "  \"regions\": [{\"name\": \"" + east + "\", \"azs\": [\"" + e + "\", \"" + east + "-b\"]},\n" +
         "              {\"name\": \"" + central + "\", \"azs\": [\"" + central + "-a\"]}],\n" +
         "  \"control_plane\": [{\"region\": \"" + east + "\"}],\n" +
         "  \"compute\": [{\"name\": \"spark\", \"kind\": \"serverless_spark\", \"region\": \"" + east +
         "\", \"instances\": 2},\n" + "              {\"name\": \"sql\", \"kind\": \"sql_warehouse\", \"region\": \"" +
         east + "\", \"instances\": 2}]\n}\n";
}

const std::string kGcp = "  \"provider\": \"gcp\",\n";

std::vector<Diagnostic> diagnostics_of(const std::string& text, const LoadOptions& options = {}) {
  try {
    load_scenario_text(text, kFile, options);
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  FAIL("the scenario was accepted");
  return {};
}

const RegionPairLink& only_link(const Scenario& s) {
  REQUIRE(s.network.inter_region.size() == 1);
  return s.network.inter_region.front();
}

}  // namespace

TEST_CASE("gcp profile: without a provider the AWS defaults apply, unchanged") {
  const Scenario s = load_scenario_text(scenario("", "us-east-1", "us-west-2"), kFile);
  CHECK(s.provider == Provider::Aws);
  CHECK(std::string(to_string(s.provider)) == "aws");
  CHECK(s.control_plane[0].instance_type == defaults::kControlPlaneInstanceType);
  CHECK(s.compute[0].instance_type == "i3.xlarge");
  CHECK(s.compute[1].instance_type == "i3.2xlarge");
  CHECK(s.regions[0].s3.write_rate == 3500);
  CHECK_FALSE(s.regions[0].s3.ramp_up.has_value());
  CHECK(only_link(s).link.latency == Approx(0.087 / 2));
  CHECK(s.instance_types.count("n2-highmem-4") == 0);
}

TEST_CASE("gcp profile: \"provider\": \"gcp\" picks Compute Engine, Cloud Storage and Google's latencies") {
  const Scenario s = load_scenario_text(scenario(kGcp, "us-east4", "us-central1"), kFile);
  CHECK(s.provider == Provider::Gcp);
  CHECK(std::string(to_string(s.provider)) == "gcp");
  CHECK(s.control_plane[0].instance_type == "n2-standard-8");
  CHECK(s.compute[0].instance_type == "n2-highmem-4");
  CHECK(s.compute[1].instance_type == "n2-highmem-8");
  CHECK(s.compute[0].start_delay == gcp_defaults::kServerlessSparkStartDelay);
  CHECK(s.instance_types.count("i3.xlarge") == 0);

  const InstanceType& worker = s.instance_type("n2-highmem-4");
  CHECK(worker.cores == 4);
  CHECK(worker.memory == Approx(32 * 1073741824.0));
  CHECK(worker.network_bandwidth == Approx(10e9 / 8));
  REQUIRE(worker.disk.has_value());
  CHECK(worker.disk->size == Approx(375 * 1073741824.0));
  CHECK(worker.price_per_hour == Approx(4 * 0.031611 + 32 * 0.004237 + 375 * 0.080 / 730));
  CHECK_FALSE(s.instance_type("n2-standard-8").disk.has_value());

  const S3Spec& gcs = s.regions[0].s3;
  CHECK(gcs.read_rate == 5000);
  CHECK(gcs.write_rate == 1000);
  REQUIRE(gcs.ramp_up.has_value());
  CHECK(gcs.ramp_up->doubling_period == 1200);
  CHECK(gcs.ramp_up->demand_threshold == 0.5);

  CHECK(only_link(s).link.latency == Approx(0.026 / 2));
  CHECK(s.network.inter_az.latency == Approx(400e-6));
}

TEST_CASE("gcp profile: every built-in default stays overridable by the file") {
  std::string text = scenario(kGcp, "us-east4", "us-central1");
  LoadOptions options;
  options.sets = {"regions.0.s3={\"write_rate\": \"3000/s\", \"ramp_up\": false}",
                  "regions.1.s3={\"ramp_up\": {\"doubling_period\": \"10m\"}}",
                  "network.inter_region=[{\"regions\": [\"us-east4\", \"us-central1\"], \"latency\": \"20ms\", "
                  "\"bandwidth\": \"10Gbps\"}]",
                  "compute.0.instance_type=n2-highmem-16"};
  const Scenario s = load_scenario_text(text, kFile, options);
  CHECK(s.regions[0].s3.write_rate == 3000);
  CHECK_FALSE(s.regions[0].s3.ramp_up.has_value());
  REQUIRE(s.regions[1].s3.ramp_up.has_value());
  CHECK(s.regions[1].s3.ramp_up->doubling_period == 600);
  CHECK(s.regions[1].s3.ramp_up->max_factor == gcp_defaults::gcs_ramp_up().max_factor);
  CHECK(only_link(s).link.latency == Approx(0.020));
  CHECK(s.compute[0].instance_type == "n2-highmem-16");
}

TEST_CASE("gcp profile: the built-in latencies cover every pair of the known regions") {
  const auto& regions = gcp_defaults::regions();
  for (std::size_t i = 0; i < regions.size(); ++i)
    for (std::size_t j = i + 1; j < regions.size(); ++j) {
      INFO(regions[i] << " - " << regions[j]);
      const auto link = gcp_defaults::inter_region(regions[i], regions[j]);
      REQUIRE(link.has_value());
      CHECK(link->latency > 0);
      CHECK(gcp_defaults::inter_region(regions[j], regions[i])->latency == link->latency);
    }
  CHECK_FALSE(gcp_defaults::inter_region("us-east4", "us-east-1").has_value());
}

TEST_CASE("gcp profile: a misspelt GCP region that needs a built-in latency is refused at its name") {
  const auto all = diagnostics_of(scenario(kGcp, "us-east-4", "us-central1"));
  REQUIRE(all.size() == 1);
  const Diagnostic& d = all.front();
  INFO(d.to_string());
  CHECK(d.pointer == "/regions/0/name");
  CHECK(d.where.file == kFile);
  CHECK(d.where.line == 5);
  CHECK_THAT(d.message, Catch::Contains("unknown region \"us-east-4\" for provider gcp"));
  CHECK_THAT(d.message, Catch::Contains("did you mean \"us-east4\"?"));
  CHECK_THAT(d.expected, Catch::Contains("us-central1"));
  CHECK(d.to_string().rfind(kFile + ":5:", 0) == 0);
}

TEST_CASE("gcp profile: an AWS region under gcp is unknown, with its links given it is accepted") {
  CHECK(diagnostics_of(scenario(kGcp, "us-east-1", "us-central1")).front().pointer == "/regions/0/name");
  LoadOptions options;
  options.sets = {
      "network.inter_region=[{\"regions\": [\"us-east-1\", \"us-central1\"], \"latency\": \"15ms\", "
      "\"bandwidth\": \"10Gbps\"}]"};
  const Scenario s = load_scenario_text(scenario(kGcp, "us-east-1", "us-central1"), kFile, options);
  CHECK(only_link(s).link.latency == Approx(0.015));
}

TEST_CASE("gcp profile: a zone not named <region>-<letter> is refused with the right name") {
  const auto all = diagnostics_of(scenario(kGcp, "us-east4", "us-central1", "us-east4a"));
  REQUIRE(all.size() == 1);
  CHECK(all.front().pointer == "/regions/0/azs/0");
  CHECK_THAT(all.front().message, Catch::Contains("did you mean \"us-east4-a\"?"));
  CHECK(gcp_defaults::is_zone_of("us-central1-f", "us-central1"));
  CHECK_FALSE(gcp_defaults::is_zone_of("us-central1-ab", "us-central1"));
  CHECK_FALSE(gcp_defaults::is_zone_of("us-central1a", "us-central1"));
}

TEST_CASE("gcp profile: an unknown provider is refused with a suggestion") {
  const auto all = diagnostics_of(scenario("  \"provider\": \"gpc\",\n", "us-east-1", "us-west-2"));
  REQUIRE(all.size() == 1);
  const Diagnostic& d = all.front();
  CHECK(d.pointer == "/provider");
  CHECK(d.where.line == 4);
  CHECK_THAT(d.message, Catch::Contains("unknown provider \"gpc\"; did you mean \"gcp\"?"));
  CHECK_THAT(d.expected, Catch::Contains("aws gcp"));
}

TEST_CASE("gcp profile: a ramp-up that is neither a boolean nor an object is refused") {
  LoadOptions options;
  options.sets = {"regions.0.s3={\"ramp_up\": 3}"};
  const auto all = diagnostics_of(scenario(kGcp, "us-east4", "us-central1"), options);
  REQUIRE(all.size() == 1);
  CHECK(all.front().pointer == "/regions/0/s3/ramp_up");
}

TEST_CASE("gcp ramp-up: a bucket's cap doubles after 20 sustained minutes and halves after a quiet day") {
  TokenBucket b(1000, 1000);
  b.enable_ramp_up(0, TokenBucket::RampUp{1200, 0.5, 4, 60, 86400});
  // 600 requests/s: above half of 1,000 for 20 samples of a minute.
  for (int second = 0; second < 1200; ++second) b.note_demand(second, 600);
  CHECK(b.scale() == 1);
  b.note_demand(1200, 0);  // the 20th sample closes at t=1200
  CHECK(b.scale() == 2);
  // 600/s is below half of 2,000: no further doubling; a full day of it halves the cap again.
  for (int minute = 21; minute <= 21 + 1440; ++minute) b.note_demand(minute * 60.0 - 1, 36000);
  CHECK(b.scale() == 1);
  // Never below the initial rate, never above max_factor.
  b.note_demand(10 * 86400, 0);
  CHECK(b.scale() == 1);
}

TEST_CASE("gcp ramp-up: the cap stops at max_factor and the scaled rate refills the bucket") {
  TokenBucket b(100, 100);
  b.enable_ramp_up(0, TokenBucket::RampUp{60, 0.5, 4, 60, 86400});
  for (int minute = 0; minute < 5; ++minute) {
    b.note_demand(minute * 60.0, 1e9);  // always sustained
    b.wait_for(minute * 60.0, 0);
  }
  CHECK(b.scale() == 4);                        // 1 -> 2 -> 4, then capped
  CHECK(b.available(1e6) == Approx(400));       // the burst scales with the rate
  CHECK(b.wait_time(1e6, 800) == Approx(1.0));  // 400 missing tokens at 400/s
}

TEST_CASE("gcp ramp-up: without a ramp-up, demand changes nothing") {
  TokenBucket b(100, 100);
  for (int second = 0; second < 10000; ++second) b.note_demand(second, 1e6);
  CHECK(b.scale() == 1);
  CHECK(b.available(20000) == Approx(100));
}
