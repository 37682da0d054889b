// Recovery time that the simulation earns, on a small two-region deployment: detection by
// Route 53 style health checkers follows the outage's phase in their check cycles, partial
// faults act through the same probes, and users (the probes among them) follow the DNS record
// as their cached answers expire. Each run is a child process (one engine per process).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "assembly/scenario_run.hpp"
#include "models/dr/dns_record.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/random_stream.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

// Two regions of two AZs, a serverless Spark placement of four instances in each (started in
// 20 s, the profile's serverless start-up), one small hourly job on the primary's.
const char* const kScenario = R"({
  "format": "lakesim/1", "name": "dr-small", "seed": 7, "duration": "3h",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]},
              {"name": "us-west-2", "azs": ["us-west-2a", "us-west-2b"]}],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}, {"region": "us-west-2", "hosts_per_az": 1}],
  "compute": [{"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 4},
              {"name": "spark-dr", "kind": "serverless_spark", "region": "us-west-2", "instances": 4}],
  "workloads": [{"name": "etl", "class": "job", "region": "us-east-1", "compute": "spark",
                 "arrival": {"kind": "cron", "every": "1h", "offset": "5m"}, "instances": 2, "tasks": 2,
                 "stages": [{"core_seconds": "60s"}]}],
  "faults": [{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "30m", "duration": "2h"}],
  "dr": {"strategy": "pilot_light", "primary": "us-east-1", "secondary": "us-west-2"}
})";

nlohmann::json run(const std::vector<std::string>& sets) {
  const std::string out = test::in_child([&] {
    sim::LoadOptions options;
    options.sets = sets;
    const sim::Scenario s = sim::load_scenario_text(kScenario, "dr-small.json", options);
    return assembly::run_scenario(s).results.dump();
  });
  return nlohmann::json::parse(out);
}

std::string outage_at(double start, const char* kind = "region_outage") {
  std::ostringstream f;
  f << R"(faults=[{"name": "east", "kind": ")" << kind << R"(", "region": "us-east-1", "start": ")"
    << static_cast<long long>(std::llround(start * 1000)) << R"(ms", "duration": "2h"}])";
  return f.str();
}

// 50 outage instants in the hour after 30 minutes, drawn from a fixed stream.
std::vector<double> instants() {
  sim::RandomStream rng(11, "test/outage-instants");
  std::vector<double> out;
  for (int i = 0; i < 50; ++i) out.push_back(std::round((1800 + rng.uniform(0, 3600)) * 1000) / 1000);
  return out;
}

}  // namespace

TEST_CASE("DR detection: the declaration follows the outage's phase in every checker's cycle") {
  double low = 1e30, high = -1e30;
  for (double t0 : instants()) {
    const nlohmann::json dr = run({outage_at(t0)})["dr"];
    REQUIRE(dr["failovers"].size() >= 1);
    const nlohmann::json& f = dr["failovers"][0];
    const double interval = dr["parameters"]["health_check_interval_seconds"].get<double>();
    const int threshold = dr["parameters"]["failure_threshold"].get<int>();
    // Analytic: every checker (the default share needs all four) must fail `threshold` checks
    // in a row, the first at its first check at or after the outage; a check that started
    // less than its round trip (under 0.1 s) before the outage is still in flight when it
    // begins and fails too.
    auto declared = [&](double from) {
      double at = 0;
      for (const auto& c : dr["health_checkers"]) {
        const double phase = c["first_check"].get<double>();
        const double first = phase + std::ceil((from - phase) / interval) * interval;
        at = std::max(at, first + (threshold - 1) * interval);
      }
      return at;
    };
    const double detected = f["detected"].get<double>();
    INFO("outage at " << t0);
    CHECK((detected == Approx(declared(t0)).margin(0.1) || detected == Approx(declared(t0 - 0.1)).margin(0.1)));
    CHECK(f["detection_source"] == "simulated");
    const double rto = f["rto_seconds"].get<double>();
    low = std::min(low, rto);
    high = std::max(high, rto);
  }
  // Four checkers with their own phases: the spread is the largest gap between their phases.
  const nlohmann::json dr = run({outage_at(1800)})["dr"];
  std::vector<double> phases;
  for (const auto& c : dr["health_checkers"]) phases.push_back(c["first_check"].get<double>());
  std::sort(phases.begin(), phases.end());
  const double interval = dr["parameters"]["health_check_interval_seconds"].get<double>();
  double gap = phases.front() + interval - phases.back();
  for (std::size_t i = 1; i < phases.size(); ++i) gap = std::max(gap, phases[i] - phases[i - 1]);
  std::printf("pilot light RTO over 50 outage instants: %.1f to %.1f s (largest phase gap %.1f s)\n", low, high, gap);
  CHECK(high - low >= 0.8 * gap);
  CHECK(high - low <= gap + 1);
}

TEST_CASE("DR detection: with one checker the RTO moves with the wait for its next check") {
  double low = 1e30, high = -1e30, wait_low = 1e30, wait_high = -1e30;
  std::vector<double> rest;  // RTO minus the wait: what does not depend on the instant
  for (double t0 : instants()) {
    const nlohmann::json dr = run({outage_at(t0), "dr.health_check.checkers=1"})["dr"];
    const double phase = dr["health_checkers"][0]["first_check"].get<double>();
    const double wait = phase + std::ceil((t0 - phase) / 30) * 30 - t0;  // until the first failing check
    const double rto = dr["failovers"].at(0)["rto_seconds"].get<double>();
    low = std::min(low, rto);
    high = std::max(high, rto);
    wait_low = std::min(wait_low, wait);
    wait_high = std::max(wait_high, wait);
    rest.push_back(rto - wait);
  }
  std::printf("one checker: RTO %.1f to %.1f s, wait for the first check %.1f to %.1f s\n", low, high, wait_low,
              wait_high);
  // The rest is the same for every instant (up to a check in flight at the outage's start).
  const auto [rest_low, rest_high] = std::minmax_element(rest.begin(), rest.end());
  CHECK(*rest_high - *rest_low <= 30 + 0.2);
  std::size_t same = 0;
  for (double r : rest) same += std::abs(r - *rest_low) < 0.2 ? 1 : 0;
  CHECK(same >= rest.size() - 2);
  // So the RTO spreads as the wait does: over most of the 30 s interval.
  CHECK(high - low >= wait_high - wait_low - 0.2);
  CHECK(high - low >= 0.8 * 30);
  CHECK(high - low <= 30 + 0.2);
}

TEST_CASE("DR detection: partial faults act through the checkers' probes") {
  // The backbone between the regions cut: the two checkers in us-west-2 fail, the two on the
  // Internet do not, and 2 of 4 is under the 82% that declares the endpoint down.
  const nlohmann::json cut = run(
      {R"(faults=[{"name": "backbone", "kind": "link_cut", "regions": ["us-east-1", "us-west-2"], "start": "30m", "duration": "2h"}])"});
  CHECK(cut["dr"]["failovers"].empty());
  // The same cut with a share of 50% declares it.
  const nlohmann::json cut70 = run(
      {R"(faults=[{"name": "backbone", "kind": "link_cut", "regions": ["us-east-1", "us-west-2"], "start": "30m", "duration": "2h"}])",
       "dr.health_check.unhealthy_share=0.5"});
  CHECK(cut70["dr"]["failovers"].size() == 1);
  // A control-plane outage (the data plane keeps running) is detected like a region loss.
  const nlohmann::json cp = run({outage_at(1800, "control_plane_outage")});
  REQUIRE(cp["dr"]["failovers"].size() == 1);
  const double detection = cp["dr"]["failovers"][0]["rto_steps_seconds"]["detection"].get<double>();
  CHECK(detection >= 2 * 30);
  CHECK(detection <= 3 * 30 + 1);
}

TEST_CASE("DR redirection: a probe sees recovery when its cached DNS answer expires, not at the switch") {
  for (const char* ttl : {"60s", "300s"}) {
    for (const char* share : {"0", "1"}) {
      const nlohmann::json r =
          run({outage_at(1800), std::string("dr.dns_ttl=") + ttl, std::string("dr.dns_long_cache_share=") + share});
      const nlohmann::json& f = r["dr"]["failovers"].at(0);
      REQUIRE(f["completed"].get<bool>());
      const nlohmann::json& p = r["dr"]["parameters"];
      const models::DnsCaching caching{p["dns_ttl_seconds"].get<double>(), p["dns_long_cache_share"].get<double>(),
                                       p["dns_long_cache_seconds"].get<double>()};
      // The workspace probe is the client with this key; its round of probes starts every
      // interval from 0, the region's other services' probes before it (under a second).
      const double key =
          models::client_key(0x70726f6265ULL, static_cast<std::uint64_t>(models::ComponentId::WorkspaceUi));
      const double follows = caching.follows(key, f["dns_switched"].get<double>());
      const double interval = r["recovery"]["probe_interval_seconds"].get<double>();
      const double first_probe = std::ceil(follows / interval) * interval;
      const double start = f["outage_start"].get<double>();
      INFO("ttl " << ttl << ", long-caching share " << share);
      CHECK(f["observed_rto_seconds"].get<double>() >= first_probe - start);
      CHECK(f["observed_rto_seconds"].get<double>() < first_probe - start + 1);
      // The failover's completion counts every client honouring the TTL; this one differs.
      CHECK(f["observed_rto_seconds"].get<double>() != Approx(f["rto_seconds"].get<double>()).margin(1));
    }
  }
}

namespace {
double step_seconds(const nlohmann::json& f, const std::string& name) {
  for (const auto& s : f["steps"])
    if (s["step"] == name) return s["seconds"].get<double>();
  FAIL("no step " << name);
  return 0;
}
}  // namespace

TEST_CASE("DR compute: warm standby without its warm instances recovers later by the start-up delay") {
  const nlohmann::json warm = run({outage_at(1800), "dr.strategy=warm_standby"})["dr"]["failovers"].at(0);
  const nlohmann::json cold =
      run({outage_at(1800), "dr.strategy=warm_standby", "dr.standby_share=0"})["dr"]["failovers"].at(0);
  // The strategy keeps a quarter of spark-dr running: one of four instances serves at once.
  CHECK(warm["compute"][0]["warm_instances"] == 1);
  CHECK(cold["compute"][0]["warm_instances"] == 0);
  CHECK(step_seconds(warm, "compute_start") == Approx(0).margin(1e-6));
  CHECK(step_seconds(cold, "compute_start") == Approx(20).margin(1e-6));  // the pool's start-up delay
  CHECK(cold["rto_seconds"].get<double>() - warm["rto_seconds"].get<double>() == Approx(20).margin(1e-6));
}

TEST_CASE("DR infrastructure: the IaC run grows with the objects it creates and stalls on a refusing control plane") {
  auto infra = [](const std::string& jobs) {
    const nlohmann::json f =
        run({outage_at(1800), "dr.infrastructure={\"objects\": {\"jobs\": " + jobs + "}}"})["dr"]["failovers"].at(0);
    return std::make_pair(step_seconds(f, "infrastructure"), f["infrastructure"]["api_calls"].get<double>());
  };
  const auto [base, base_calls] = infra("0");  // spark-dr and the etl job: 2 objects
  const auto [single, single_calls] = infra("200");
  const auto [twice, twice_calls] = infra("400");
  CHECK(base_calls == 2);
  CHECK(single_calls == 202);
  CHECK(twice_calls == 402);
  // Ten calls in flight, each about 1 s (plus its round trip) and at most 10 a second: about
  // 0.1 s an object, so 200 more objects add about 20 s and 400 about 40 s.
  std::printf("IaC: %.1f s, %.1f s, %.1f s for 2, 202 and 402 objects\n", base, single, twice);
  CHECK(single - base == Approx(200 * 0.105).epsilon(0.1));
  CHECK((twice - base) / (single - base) == Approx(2).epsilon(0.05));
  // The secondary's control plane refuses calls until one hour: the run stalls until then.
  const nlohmann::json stalled = run({R"(faults=[
      {"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "30m", "duration": "2h"},
      {"name": "west-cp", "kind": "control_plane_outage", "region": "us-west-2", "start": "30m", "duration": "30m"}])"})
                                     ["dr"]["failovers"]
                                         .at(0);
  double infra_end = 0;
  for (const auto& s : stalled["steps"])
    if (s["step"] == "infrastructure") infra_end = s["end"].get<double>();
  CHECK(stalled["infrastructure"]["refused_calls"].get<double>() >= 1);
  CHECK(infra_end >= 3600);
  CHECK(infra_end <= 3600 + 30 + 2);  // the next retry after the control plane is back
}

TEST_CASE("DR compute: a secondary region short of free instances recovers later or partly, naming who waited") {
  const nlohmann::json plenty = run({outage_at(1800)})["dr"]["failovers"].at(0);
  CHECK(plenty["waiting_workloads"].empty());
  CHECK_FALSE(plenty["compute_partial"].get<bool>());
  // Two of the four instances can launch: the placement serves on time, partly.
  const nlohmann::json two = run({outage_at(1800), "dr.secondary_free_instances=2"})["dr"]["failovers"].at(0);
  CHECK(two["compute"][0]["launched_instances"] == 2);
  CHECK(two["compute"][0]["short_instances"] == 2);
  CHECK(two["compute_partial"].get<bool>());
  CHECK(two["waiting_workloads"] == nlohmann::json::array({"etl"}));
  CHECK(two["rto_seconds"].get<double>() == Approx(plenty["rto_seconds"].get<double>()).margin(1e-6));
  // None can launch and capacity frees up after ten minutes: recovery comes that much later.
  const nlohmann::json none =
      run({outage_at(1800), "dr.secondary_free_instances=0", "dr.capacity_wait=10m"})["dr"]["failovers"].at(0);
  CHECK(none["waiting_workloads"] == nlohmann::json::array({"etl"}));
  CHECK_FALSE(none["compute_partial"].get<bool>());
  CHECK(none["rto_seconds"].get<double>() - plenty["rto_seconds"].get<double>() == Approx(600).margin(1e-6));
}

TEST_CASE("DR timeline: one small pilot-light failover, step by step, as computed by hand") {
  const nlohmann::json r = run({outage_at(1800), "dr.health_check.checkers=1"});
  const nlohmann::json& dr = r["dr"];
  const nlohmann::json& f = dr["failovers"].at(0);
  // Detection: the checker's first check at or after 1800 s fails at once (the region's
  // components are down), two more 30 s apart, and the third declares the outage.
  const double phase = dr["health_checkers"][0]["first_check"].get<double>();
  const double first = phase + std::ceil((1800 - phase) / 30) * 30;
  const double detected = first + 2 * 30;
  CHECK(f["first_failed_check"].get<double>() == Approx(first).margin(1e-6));
  CHECK(f["detected"].get<double>() == Approx(detected).margin(1e-6));
  const nlohmann::json& steps = f["steps"];
  REQUIRE(steps.size() == 5);
  // Decision: the pilot light's 15 minutes (configured).
  CHECK(steps[0]["step"] == "decision");
  CHECK(steps[0]["start"].get<double>() == Approx(detected).margin(1e-6));
  CHECK(steps[0]["end"].get<double>() == Approx(detected + 900).margin(1e-6));
  // Infrastructure: two objects (spark-dr, the etl job), two Terraform workers, each one call
  // at once (the 10/s rate limit spaces them 0.1 s apart) and 1 s of call time after its round
  // trip to us-west-2's Workspace APIs (under 0.1 s).
  const double infra_start = detected + 900;
  CHECK(steps[1]["step"] == "infrastructure");
  CHECK(steps[1]["start"].get<double>() == Approx(infra_start).margin(1e-6));
  const double infra_end = steps[1]["end"].get<double>();
  CHECK(infra_end >= infra_start + 0.1 + 1);
  CHECK(infra_end <= infra_start + 0.1 + 1 + 0.1);
  // Compute: four cold instances of spark-dr leased at once, serving after the 20 s start-up.
  CHECK(steps[2]["step"] == "compute_start");
  CHECK(steps[2]["start"].get<double>() == Approx(infra_end).margin(1e-9));
  CHECK(steps[2]["end"].get<double>() == Approx(infra_end + 20).margin(1e-6));
  // Catch-up: nothing to restore; redirection: the DNS switch, then the 60 s TTL.
  CHECK(steps[3]["step"] == "catch_up");
  CHECK(steps[3]["end"].get<double>() == Approx(infra_end + 20).margin(1e-6));
  CHECK(steps[4]["step"] == "redirection");
  CHECK(f["dns_switched"].get<double>() == Approx(infra_end + 20).margin(1e-6));
  CHECK(steps[4]["end"].get<double>() == Approx(infra_end + 80).margin(1e-6));
  CHECK(f["rto_seconds"].get<double>() == Approx(infra_end + 80 - 1800).margin(1e-6));
}
