// The shipped job autoscaling scenario (scenarios/variants/job-autoscaling.json) end to end: the
// placement reports what its autoscaled runs held and how they scaled, the timeline has each
// decision, and a fixed range (min = max) runs as a fixed cluster and reports no autoscaling.
#include <catch2/catch.hpp>

#include <string>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/result_lookup.hpp"

using namespace lakesim;

namespace {

analysis::RunOutput run(const std::string& variant) {
  sim::LoadOptions options;
  options.variant = variant;
  return assembly::run_scenario(
      sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/variants/job-autoscaling.json", options));
}

const nlohmann::json& jobs_compute(const nlohmann::json& results) {
  for (const auto& c : results["components"])
    if (c.contains("placement") && c["placement"] == "jobs" && c.contains("instance_seconds")) return c;
  FAIL("no component for placement jobs");
  throw;
}

// Rows of timeline.csv that contain `kind` (",scaled_up,").
std::uint64_t rows(const std::string& timeline, const std::string& kind) {
  std::uint64_t n = 0;
  for (std::size_t at = timeline.find(kind); at != std::string::npos; at = timeline.find(kind, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("job autoscaling scenario: runs grow from 2 towards 16 and the placement reports it") {
  const analysis::RunOutput out = run("");
  std::uint64_t runs = 0;
  for (const char* name : {"etl", "upserts"}) {
    const auto& w = test::workload(out.results, name);
    CHECK(w["failed"].get<std::uint64_t>() == 0);
    runs += w["completed"].get<std::uint64_t>();
  }
  const auto& c = jobs_compute(out.results);
  REQUIRE(c.contains("job_autoscaling"));
  const auto& a = c["job_autoscaling"];
  CHECK(a["min_instances"] == 2);
  CHECK(a["max_instances"] == 16);
  CHECK(a["runs"].get<std::uint64_t>() == runs);
  CHECK(a["fewest_instances_held"] == 2);
  CHECK(a["most_instances_held"] == 16);
  CHECK(a["mean_instances_held"].get<double>() > 2);
  CHECK(a["mean_instances_held"].get<double>() < 16);
  CHECK(a["scale_ups"].get<std::uint64_t>() >= runs);  // every run has a backlog to grow on
  CHECK(a["instances_added"].get<std::uint64_t>() >= a["scale_ups"].get<std::uint64_t>());
  // The instance count over time: a timeline row for each decision and each batch ready.
  CHECK(rows(out.timeline, ",scaled_up,") == a["scale_ups"].get<std::uint64_t>());
  CHECK(rows(out.timeline, ",instances_ready,") > 0);
}

TEST_CASE("job autoscaling scenario: min = max runs a fixed cluster and reports no autoscaling") {
  const analysis::RunOutput out = run("fixed_16");
  const auto& c = jobs_compute(out.results);
  CHECK_FALSE(c.contains("job_autoscaling"));
  CHECK(c["instance_seconds"].get<double>() > 0);
  CHECK(rows(out.timeline, ",scaled_up,") == 0);
}
