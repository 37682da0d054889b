// Replaying the shipped query-history export: every statement the trace says FINISHED finishes
// in the simulation too, and the run reports simulated against recorded durations.
#include <catch2/catch.hpp>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"

using namespace lakesim;

TEST_CASE("the sample query history replays completely") {
  sim::LoadOptions options;
  options.sets = {"duration=3h"};
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/single-region.json", options);
  const sim::WorkloadSpec* replay = nullptr;
  std::size_t index = 0;
  for (std::size_t i = 0; i < s.workloads.size(); ++i)
    if (s.workloads[i].trace) {
      replay = &s.workloads[i];
      index = i;
    }
  REQUIRE(replay != nullptr);
  std::size_t finished = 0;
  for (const auto& q : replay->trace->queries) finished += q.status == "FINISHED";
  REQUIRE(finished > 100);

  const analysis::RunOutput run = assembly::run_scenario(s);
  const auto& trace = run.results["workloads"][index]["trace"];
  CHECK(trace["rows"].get<std::size_t>() == replay->trace->queries.size());
  CHECK(trace["finished_in_trace"].get<std::size_t>() == finished);
  CHECK(trace["finished_in_trace_completed"].get<std::size_t>() == finished);
  CHECK(trace["compared"].get<std::size_t>() >= finished);
  CHECK(trace["simulated_over_recorded"]["p50"].get<double>() > 0);
}
