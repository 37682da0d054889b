// Replaying a system.lakeflow.job_run_timeline export: each job of the export as its own workload,
// runs at their recorded starts, failed and canceled runs ending so here too, skipped runs not
// run, and a run still going at the export's time replayed without a duration to compare.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "assembly/scenario_run.hpp"
#include "models/run_record.hpp"
#include "scenario/scenario_loader.hpp"

using namespace lakesim;

TEST_CASE("a job-run timeline export replays each job's runs as the export records them") {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/job-timeline-replay.json");
  REQUIRE(s.workloads.size() == 3);
  const analysis::RunOutput run = assembly::run_scenario(s);
  const auto count = [](const nlohmann::json& v) { return v.get<std::size_t>(); };
  struct Expected {
    const char* name;
    std::size_t rows, completed, failed, canceled, not_run, compared;
  };
  // From scenarios/traces/README.md: 12 hourly runs (one FAILED, one TIMED_OUT); one nightly run
  // in three hourly rows; 7 backfills (one CANCELLED, one SKIPPED, one ERROR, one still running).
  const Expected expected[] = {{"hourly_ingest", 12, 10, 2, 0, 0, 10},
                               {"nightly_rebuild", 1, 1, 0, 0, 0, 1},
                               {"adhoc_backfill", 7, 4, 1, 1, 1, 3}};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& w = run.results["workloads"][i];
    INFO(w.dump(2));
    const Expected& e = expected[i];
    CHECK(w["name"] == e.name);
    CHECK(count(w["trace"]["rows"]) == e.rows);
    CHECK(count(w["completed"]) == e.completed);
    CHECK(count(w["failed"]) == 0);
    CHECK(count(w["trace"]["replayed_failed"]) == e.failed);
    CHECK(count(w["trace"]["replayed_canceled"]) == e.canceled);
    CHECK(count(w["trace"]["not_run"]) == e.not_run);
    CHECK(count(w["trace"]["compared"]) == e.compared);
    // Every row is accounted for once.
    CHECK(count(w["trace"]["rows"]) == count(w["completed"]) + count(w["trace"]["replayed_failed"]) +
                                           count(w["trace"]["replayed_canceled"]) + count(w["trace"]["not_run"]));
  }
}

TEST_CASE("a failed run of a job-run timeline holds its instances for its recorded time") {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/job-timeline-replay.json");
  std::vector<models::RequestOutcome> held;
  analysis::RunHooks hooks;
  hooks.on_record = [&](const models::RunRecord& record) {
    for (const models::RequestOutcome& o : record.outcomes())
      if (o.ok && o.recorded_end != models::RecordedEnd::Finished) held.push_back(o);
  };
  assembly::run_scenario(s, {}, 0, hooks);
  // hourly_ingest: FAILED after 311 s, TIMED_OUT at 1,200 s; adhoc_backfill: CANCELLED after
  // 343 s, ERROR after 45 s. Each holds its instances for exactly that once they are leased: what
  // remains is the workspace's API calls before the lease, well under a second.
  REQUIRE(held.size() == 4);
  std::vector<double> recorded;
  for (const models::RequestOutcome& o : held) {
    const double overhead = (o.end - o.arrival) - o.queued - o.recorded;
    INFO("recorded " << o.recorded << " s, simulated " << o.end - o.arrival << " s, waited " << o.queued << " s");
    CHECK(overhead >= 0);
    CHECK(overhead < 1.0);
    recorded.push_back(o.recorded);
  }
  std::sort(recorded.begin(), recorded.end());
  CHECK(recorded[0] == Approx(45));
  CHECK(recorded[3] == Approx(1200));
}
