// A published large-scale result: the 2014 Daytona GraySort record (100 TB in 1,380 s on 206
// i2.8xlarge instances), run by a scenario of the same shape (docs/graysort.md). The model reads
// and writes S3 instead of local HDFS and does not pipeline a wave's fetch and write, so it is
// slower; tolerance 0.9 to 1.5 times the record. A job that cannot finish (too few shuffle
// partitions, S3 giving up) fails the test.
#include <catch2/catch.hpp>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"

using namespace lakesim;

TEST_CASE("the 100 TB sort completes within 0.9 to 1.5 times the 2014 record") {
  const sim::Scenario s =
      sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/benchmarks/graysort-100tb.json", sim::LoadOptions{});
  const auto results = assembly::run_scenario(s).results;
  const auto& sort = results["workloads"][0];
  REQUIRE(sort["name"].get<std::string>() == "sort");
  REQUIRE(sort["completed"].get<std::uint64_t>() == 1);
  CHECK(sort["failed"].get<std::uint64_t>() == 0);
  const double seconds = sort["latency_seconds"]["p50"].get<double>();
  constexpr double kRecordSeconds = 23 * 60;
  INFO("simulated " << seconds << " s against the record's " << kRecordSeconds << " s");
  CHECK(seconds > 0.9 * kRecordSeconds);
  CHECK(seconds < 1.5 * kRecordSeconds);
}
