// Job-run timeline exports (system.lakeflow.job_run_timeline): the hourly slices of a long run
// merge back into one run, the result state comes from its last slice, and every inconsistency
// between slices is reported at its own line.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "scenario/trace_reader.hpp"

using lakesim::sim::Diagnostic;
using lakesim::sim::read_job_run_timeline;
using lakesim::sim::TraceContext;
using lakesim::sim::TraceJobRun;

namespace {

struct Timeline {
  std::vector<TraceJobRun> runs;
  std::vector<Diagnostic> problems;
};

Timeline timeline(const std::string& text, const std::string& job_id = "") {
  TraceContext at;
  at.file = "t.csv";
  at.pointer = "/workloads/0/trace/file";
  at.job_id = job_id;
  std::istringstream in(text);
  Timeline out;
  out.runs = read_job_run_timeline(in, at, out.problems);
  return out;
}

std::string all(const std::vector<Diagnostic>& problems) {
  std::string out;
  for (const Diagnostic& d : problems) out += d.to_string() + "\n";
  return out;
}

const std::string kHeader = "workspace_id,job_id,run_id,period_start_time,period_end_time,result_state\n";

}  // namespace

TEST_CASE("job-run timeline: a long run's hourly slices merge into one run, in any row order") {
  const Timeline t = timeline(kHeader +
                              "1,10,500,2026-11-02T02:00:00Z,2026-11-02T03:00:00Z,\n"
                              "1,11,600,2026-11-02T01:30:00Z,2026-11-02T01:40:00Z,FAILED\n"
                              "1,10,500,2026-11-02T03:00:00Z,2026-11-02T03:20:30.500Z,SUCCEEDED\n"
                              "1,10,500,2026-11-02T01:15:00Z,2026-11-02T02:00:00Z,\n");
  INFO(all(t.problems));
  REQUIRE(t.problems.empty());
  REQUIRE(t.runs.size() == 2);
  // In start order, from the earliest run's start.
  CHECK(t.runs[0].run_id == "500");
  CHECK(t.runs[0].start == 0);
  CHECK(t.runs[0].recorded_duration == Approx(2 * 3600 + 5 * 60 + 30.5));
  CHECK(t.runs[0].status == "SUCCEEDED");
  CHECK(t.runs[0].finished());
  CHECK(t.runs[0].line == 2);  // its first row in the file
  CHECK(t.runs[0].work_from_profile);
  CHECK(t.runs[1].run_id == "600");
  CHECK(t.runs[1].start == Approx(15 * 60));
  CHECK(t.runs[1].recorded_duration == Approx(600));
  CHECK(t.runs[1].failed());
}

TEST_CASE("job-run timeline: run_duration_seconds gives the duration where the export has it") {
  const Timeline t = timeline(
      "run_id,period_start_time,period_end_time,result_state,run_duration_seconds,extra\n"
      "7,2026-11-02 01:00:00,2026-11-02 01:10:00,CANCELLED,655,x\n"
      "8,2026-11-02 01:05:00,2026-11-02 01:06:00,TIMED_OUT,,y\n");
  INFO(all(t.problems));
  REQUIRE(t.problems.empty());
  REQUIRE(t.runs.size() == 2);
  CHECK(t.runs[0].recorded_duration == 655);
  CHECK(t.runs[0].canceled());
  CHECK(t.runs[1].recorded_duration == 60);  // empty cell: from the periods
  CHECK(t.runs[1].failed());
}

TEST_CASE("job-run timeline: a run without a result state is still going, skipped and blocked runs never ran") {
  const Timeline t = timeline(kHeader +
                              "1,10,1,2026-11-02T01:00:00Z,2026-11-02T02:00:00Z,\n"
                              "1,10,2,2026-11-02T01:10:00Z,2026-11-02T01:10:00Z,SKIPPED\n"
                              "1,10,3,2026-11-02T01:20:00Z,2026-11-02T01:20:00Z,BLOCKED\n");
  INFO(all(t.problems));
  REQUIRE(t.problems.empty());
  REQUIRE(t.runs.size() == 3);
  CHECK(t.runs[0].status == "RUNNING");
  CHECK(t.runs[0].recorded_duration == 0);  // nothing to compare a replay with
  CHECK_FALSE(t.runs[0].finished());
  CHECK(t.runs[1].never_ran());
  CHECK(t.runs[2].never_ran());
}

TEST_CASE("job-run timeline: run ids are per workspace") {
  const Timeline t = timeline(kHeader +
                              "1,10,500,2026-11-02T01:00:00Z,2026-11-02T01:10:00Z,SUCCEEDED\n"
                              "2,10,500,2026-11-02T01:00:00Z,2026-11-02T01:20:00Z,SUCCEEDED\n");
  INFO(all(t.problems));
  REQUIRE(t.problems.empty());
  REQUIRE(t.runs.size() == 2);
  CHECK(t.runs[0].recorded_duration == 600);
  CHECK(t.runs[1].recorded_duration == 1200);
}

TEST_CASE("job-run timeline: slices that overlap, leave a gap or carry two result states are located errors") {
  SECTION("overlap") {
    const Timeline t = timeline(kHeader +
                                "1,10,500,2026-11-02T01:00:00Z,2026-11-02T02:00:00Z,\n"
                                "1,10,500,2026-11-02T01:30:00Z,2026-11-02T02:10:00Z,SUCCEEDED\n");
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].where.line == 3);
    CHECK_THAT(t.problems[0].message, Catch::Contains("overlaps the one on line 2"));
    CHECK(t.runs.empty());
  }
  SECTION("gap") {
    const Timeline t = timeline(kHeader +
                                "1,10,500,2026-11-02T01:00:00Z,2026-11-02T02:00:00Z,\n"
                                "1,10,500,2026-11-02T03:00:00Z,2026-11-02T03:10:00Z,SUCCEEDED\n");
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].where.line == 3);
    CHECK_THAT(t.problems[0].message, Catch::Contains("a slice of the run is missing"));
  }
  SECTION("two result states") {
    const Timeline t = timeline(kHeader +
                                "1,10,500,2026-11-02T01:00:00Z,2026-11-02T02:00:00Z,FAILED\n"
                                "1,10,500,2026-11-02T02:00:00Z,2026-11-02T02:10:00Z,SUCCEEDED\n");
    REQUIRE_FALSE(t.problems.empty());
    CHECK_THAT(all(t.problems), Catch::Contains("has a result state on line 2 too"));
  }
  SECTION("a result state before the last slice") {
    const Timeline t = timeline(kHeader +
                                "1,10,500,2026-11-02T01:00:00Z,2026-11-02T02:00:00Z,SUCCEEDED\n"
                                "1,10,500,2026-11-02T02:00:00Z,2026-11-02T02:10:00Z,\n");
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].where.line == 2);
    CHECK(t.problems[0].where.column == 52);
    CHECK_THAT(t.problems[0].message, Catch::Contains("not its last (line 3 comes later)"));
  }
}

TEST_CASE("job-run timeline: bad cells are located at their line and column") {
  const Timeline t = timeline(kHeader +
                              "1,10,500,yesterday,2026-11-02T02:00:00Z,SUCCEEDED\n"
                              "1,10,501,2026-11-02T02:00:00Z,2026-11-02T01:00:00Z,SUCCEEDED\n"
                              "1,10,502,2026-11-02T02:00:00Z,2026-11-02T03:00:00Z,SUCCEDED\n"
                              "1,10,,2026-11-02T02:00:00Z,2026-11-02T03:00:00Z,FAILED\n");
  REQUIRE(t.problems.size() == 4);
  CHECK(t.problems[0].where.line == 2);
  CHECK(t.problems[0].where.column == 10);
  CHECK_THAT(t.problems[0].message, Catch::Contains("period_start_time: \"yesterday\" is not a time"));
  CHECK(t.problems[1].where.line == 3);
  CHECK_THAT(t.problems[1].message, Catch::Contains("is before period_start_time"));
  CHECK(t.problems[2].where.line == 4);
  CHECK_THAT(t.problems[2].message, Catch::Contains("did you mean \"SUCCEEDED\""));
  CHECK(t.problems[3].where.line == 5);
  CHECK_THAT(t.problems[3].message, Catch::Contains("run_id: empty or null"));
  CHECK(t.runs.empty());
}

TEST_CASE("job-run timeline: a missing column is named") {
  const Timeline t = timeline("run_id,period_start,period_end_time,result_state\n1,a,b,c\n");
  REQUIRE_FALSE(t.problems.empty());
  CHECK_THAT(t.problems[0].message, Catch::Contains("missing column \"period_start_time\""));
}

TEST_CASE("job-run timeline: job_id picks one job's runs, and names the jobs when it matches none") {
  const std::string text = kHeader +
                           "1,10,500,2026-11-02T01:00:00Z,2026-11-02T01:10:00Z,SUCCEEDED\n"
                           "1,11,501,2026-11-02T01:30:00Z,2026-11-02T01:40:00Z,SUCCEEDED\n"
                           "1,11,502,2026-11-02T02:30:00Z,2026-11-02T02:40:00Z,SUCCEEDED\n";
  const Timeline eleven = timeline(text, "11");
  REQUIRE(eleven.problems.empty());
  REQUIRE(eleven.runs.size() == 2);
  CHECK(eleven.runs[0].run_id == "501");
  CHECK(eleven.runs[0].start == 0);  // from the earliest run replayed
  CHECK(eleven.runs[1].start == 3600);
  const Timeline none = timeline(text, "12");
  REQUIRE(none.problems.size() == 1);
  CHECK_THAT(none.problems[0].message, Catch::Contains("no row of job \"12\""));
  CHECK_THAT(none.problems[0].message, Catch::Contains("\"10\" (1 rows), \"11\" (2 rows)"));
  const Timeline no_column = timeline(
      "run_id,period_start_time,period_end_time,result_state\n1,2026-11-02 01:00:00,2026-11-02 "
      "01:00:00,SUCCEEDED\n",
      "11");
  REQUIRE(no_column.problems.size() == 1);
  CHECK_THAT(no_column.problems[0].message, Catch::Contains("missing column \"job_id\""));
}

TEST_CASE("the shipped job-run timeline export reads cleanly, per job") {
  const auto read = [](const std::string& job) {
    std::ifstream in(std::string(LAKESIM_SCENARIO_DIR) + "/traces/job-run-timeline.csv", std::ios::binary);
    REQUIRE(in);
    TraceContext at;
    at.file = "job-run-timeline.csv";
    at.job_id = job;
    std::vector<Diagnostic> problems;
    auto runs = read_job_run_timeline(in, at, problems);
    INFO(all(problems));
    CHECK(problems.empty());
    return runs;
  };
  const auto every = read("");
  CHECK(every.size() == 20);  // 23 rows; the nightly run spans three hourly slices
  const auto nightly = read("772019384756120");
  REQUIRE(nightly.size() == 1);
  CHECK(nightly[0].recorded_duration == 8773);
  CHECK(read("518273645190283").size() == 12);
  const auto adhoc = read("903847561029384");
  REQUIRE(adhoc.size() == 7);
  CHECK(adhoc.back().status == "RUNNING");  // still going when the export was taken
}
