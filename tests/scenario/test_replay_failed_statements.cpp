// Replaying a system.query.history download with several warehouses: each statement runs on the
// placement its warehouse maps to, and the statements that failed or were canceled in the trace
// end so here too, counted apart from the completed ones and from failures of the platform.
#include <catch2/catch.hpp>

#include <map>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"

using namespace lakesim;

TEST_CASE("failed and canceled statements of an export are replayed and counted apart") {
  sim::LoadOptions options;
  options.sets = {"duration=24h"};  // long enough for every statement to end
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/warehouse-replay.json", options);
  REQUIRE(s.workloads.size() == 1);
  const sim::WorkloadSpec& replay = s.workloads.front();
  REQUIRE(replay.trace);
  std::map<std::string, std::size_t> by_status, by_placement;
  for (const sim::TraceQuery& q : replay.trace->queries) {
    ++by_status[q.status];
    ++by_placement[q.compute];
  }
  REQUIRE(by_status["FAILED"] > 0);
  REQUIRE(by_status["CANCELED"] > 0);
  CHECK(by_placement.size() == 3);
  CHECK(by_placement.count("") == 0);

  const analysis::RunOutput run = assembly::run_scenario(s);
  const auto& w = run.results["workloads"][0];
  const auto& trace = w["trace"];
  INFO(w.dump(2));
  const auto count = [](const nlohmann::json& v) { return v.get<std::size_t>(); };
  CHECK(count(trace["replayed_failed"]) == by_status["FAILED"]);
  CHECK(count(trace["replayed_canceled"]) == by_status["CANCELED"]);
  CHECK(count(w["failed"]) == 0);
  // Every row ended one way or the other, and only FINISHED rows count as completed.
  CHECK(count(w["completed"]) == by_status["FINISHED"]);
  CHECK(count(trace["finished_in_trace_completed"]) == by_status["FINISHED"]);
  CHECK(count(trace["rows"]) == count(w["completed"]) + count(trace["replayed_failed"]) +
                                    count(trace["replayed_canceled"]) + count(w["failed"]));
  // The duration ratios compare completed statements only.
  CHECK(count(trace["compared"]) == by_status["FINISHED"]);
}
