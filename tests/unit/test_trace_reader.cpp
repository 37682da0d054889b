// Trace files: the shipped traces read cleanly; CSV quoting follows RFC 4180; every bad row is
// reported at its own line and column with the column and the rule in the message.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/trace_reader.hpp"

using lakesim::sim::Diagnostic;
using lakesim::sim::parse_iso8601;
using lakesim::sim::read_job_runs;
using lakesim::sim::read_query_history;
using lakesim::sim::resolve_trace_path;
using lakesim::sim::TraceContext;
using lakesim::sim::TraceJobRun;
using lakesim::sim::TraceQuery;

namespace {

TraceContext context(std::size_t max_rows = lakesim::sim::kMaxTraceRows, int max_instances = 0) {
  TraceContext at;
  at.file = "t.csv";
  at.pointer = "/workloads/3/trace/file";
  at.max_rows = max_rows;
  at.max_instances = max_instances;
  return at;
}

struct Queries {
  std::vector<TraceQuery> rows;
  std::vector<Diagnostic> problems;
};
Queries queries(const std::string& text, std::size_t max_rows = lakesim::sim::kMaxTraceRows) {
  std::istringstream in(text);
  Queries out;
  out.rows = read_query_history(in, context(max_rows), out.problems);
  return out;
}

struct Runs {
  std::vector<TraceJobRun> rows;
  std::vector<Diagnostic> problems;
};
Runs runs(const std::string& text, int max_instances = 0) {
  std::istringstream in(text);
  Runs out;
  out.rows = read_job_runs(in, context(lakesim::sim::kMaxTraceRows, max_instances), out.problems);
  return out;
}

// Exactly one problem, at this line and column, whose message contains `text`.
void expect_problem(const std::vector<Diagnostic>& problems, int line, int column, const std::string& text) {
  REQUIRE(problems.size() == 1);
  const Diagnostic& d = problems.front();
  INFO(d.to_string());
  CHECK(d.where.file == "t.csv");
  CHECK(d.where.line == line);
  CHECK(d.where.column == column);
  CHECK(d.pointer == "/workloads/3/trace/file");
  CHECK_THAT(d.message, Catch::Contains(text));
}

const std::string kHeader = "statement_id,start_time,end_time,execution_status,warehouse_id,read_bytes,written_bytes\n";

}  // namespace

TEST_CASE("the shipped query-history trace reads cleanly, in start order, from 0") {
  std::ifstream in(std::string(LAKESIM_SCENARIO_DIR) + "/traces/query-history.csv", std::ios::binary);
  REQUIRE(in);
  std::vector<Diagnostic> problems;
  const auto rows = read_query_history(in, context(), problems);
  for (const Diagnostic& d : problems) INFO(d.to_string());
  REQUIRE(problems.empty());
  REQUIRE(rows.size() >= 150);
  REQUIRE(rows.size() <= 250);
  CHECK(rows.front().start == 0);
  CHECK(rows.back().start > 6000);
  CHECK(rows.back().start < 7200);
  int finished = 0;
  int other = 0;
  double most_read = 0;
  double least_read = 1e300;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) CHECK(rows[i - 1].start <= rows[i].start);
    (rows[i].status == "FINISHED" ? finished : other) += 1;
    CHECK(!rows[i].warehouse_id.empty());
    CHECK(rows[i].recorded_duration > 0);
    if (rows[i].read_bytes > 0) {
      most_read = std::max(most_read, rows[i].read_bytes);
      least_read = std::min(least_read, rows[i].read_bytes);
      CHECK(rows[i].core_seconds > 0);
    }
  }
  CHECK(finished > 9 * other);
  CHECK(other > 0);
  CHECK(least_read < 1e6);
  CHECK(most_read > 1e10);
}

TEST_CASE("the shipped job-run trace reads cleanly") {
  std::ifstream in(std::string(LAKESIM_SCENARIO_DIR) + "/traces/job-runs.csv", std::ios::binary);
  REQUIRE(in);
  std::vector<Diagnostic> problems;
  const auto rows = read_job_runs(in, context(lakesim::sim::kMaxTraceRows, 16), problems);
  REQUIRE(problems.empty());
  CHECK(rows.size() == 40);
  for (const TraceJobRun& r : rows) {
    CHECK(r.instances >= 1);
    CHECK(r.core_seconds > 0);
  }
}

TEST_CASE("query history: header order decides, extra columns are ignored, times become offsets") {
  const auto q = queries(
      "note,read_bytes,statement_id,written_bytes,execution_status,compute.warehouse_id,start_time,total_duration_ms,"
      "total_task_duration_ms\n"
      "x,100,b,5,FAILED,wh1,2024-05-01T10:00:02.500Z,1500,3000\n"
      "y,200,a,0,FINISHED,wh1,2024-05-01T12:00:00+02:00,250,\n");
  REQUIRE(q.problems.empty());
  REQUIRE(q.rows.size() == 2);
  // 12:00+02:00 is 10:00Z, the earliest: rows come back in start order.
  CHECK(q.rows[0].statement_id == "a");
  CHECK(q.rows[0].start == 0);
  CHECK(q.rows[0].recorded_duration == Approx(0.25));
  CHECK(q.rows[0].core_seconds == 0);  // empty total_task_duration_ms is the table's null
  CHECK(q.rows[0].line == 3);
  CHECK(q.rows[1].statement_id == "b");
  CHECK(q.rows[1].start == Approx(2.5));
  CHECK(q.rows[1].status == "FAILED");
  CHECK(q.rows[1].warehouse_id == "wh1");
  CHECK(q.rows[1].read_bytes == 100);
  CHECK(q.rows[1].written_bytes == 5);
  CHECK(q.rows[1].core_seconds == Approx(3.0));
  CHECK(q.rows[1].line == 2);
}

TEST_CASE("query history: end_time gives the duration when total_duration_ms is absent") {
  const auto q = queries(kHeader + "s1,2024-05-01T10:00:00Z,2024-05-01T10:01:30.5Z,FINISHED,w,0,0\n");
  REQUIRE(q.problems.empty());
  CHECK(q.rows.at(0).recorded_duration == Approx(90.5));
}

TEST_CASE("equal start times keep the file's order") {
  const auto q = queries(kHeader + "c,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0\n" +
                         "a,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0\n" +
                         "b,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0\n");
  REQUIRE(q.rows.size() == 3);
  CHECK(q.rows[0].statement_id == "c");
  CHECK(q.rows[1].statement_id == "a");
  CHECK(q.rows[2].statement_id == "b");
}

TEST_CASE("RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes, CRLF, byte order mark") {
  const auto q = queries(
      "\xEF\xBB\xBFstatement_id,statement_text,start_time,end_time,execution_status,warehouse_id,read_bytes,"
      "written_bytes\r\n"
      "\"s,1\",\"SELECT \"\"a\"\", b\nFROM t\",2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,1,0\r\n"
      "s2,\"\",2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,-5,0\r\n");
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].statement_id == "s,1");
  // The quoted line break counts: the second row starts on line 4.
  expect_problem(q.problems, 4, 60, "read_bytes: \"-5\" is negative");
}

TEST_CASE("a missing required column is an error naming it") {
  auto q = queries("statement_id,start_time,end_time,execution_status,warehouse_id,written_bytes\n");
  expect_problem(q.problems, 1, 1, "missing column \"read_bytes\"");
  q = queries("statement_id,start_time,execution_status,warehouse_id,read_bytes,written_bytes\n");
  expect_problem(q.problems, 1, 1, "missing column \"end_time\" or \"total_duration_ms\"");
  q = queries("statement_id,start_time,end_time,execution_status,read_bytes,written_bytes\n");
  expect_problem(q.problems, 1, 1, "missing column \"compute.warehouse_id\" or \"warehouse_id\"");
  q = queries("statment_id,start_time,end_time,execution_status,warehouse_id,read_bytes,written_bytes\n");
  expect_problem(q.problems, 1, 1, "is \"statment_id\" meant to be \"statement_id\"?");
  expect_problem(runs("run_id,start,duration_s,status,instances,core_seconds,read_bytes,shuffle_bytes\n").problems, 1,
                 1, "missing column \"write_bytes\"");
}

TEST_CASE("an empty trace or one without rows is an error") {
  expect_problem(queries("").problems, 1, 1, "empty file");
  expect_problem(queries(kHeader).problems, 1, 1, "no rows after the header");
}

TEST_CASE("each bad query-history cell is located at its line and column") {
  const std::string ok_start = "s1,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,";
  // columns: s1 at 1, start_time at 4, end_time at 25, status at 46, warehouse at 55, read_bytes at 57
  expect_problem(queries(kHeader + ok_start + "-5,0\n").problems, 2, 57, "read_bytes: \"-5\" is negative");
  expect_problem(queries(kHeader + ok_start + "12kB,0\n").problems, 2, 57, "read_bytes: \"12kB\" is not a number");
  expect_problem(queries(kHeader + ok_start + "0x10,0\n").problems, 2, 57, "read_bytes: \"0x10\" is not a number");
  expect_problem(queries(kHeader + ok_start + "1,nan\n").problems, 2, 59, "written_bytes: \"nan\" is not a number");
  expect_problem(queries(kHeader + "s1,2024-13-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0\n").problems, 2, 4,
                 "start_time: \"2024-13-01T10:00:00Z\" is not a time");
  expect_problem(queries(kHeader + "s1,2024-05-01T10:00:00Z,2024-05-01T09:00:00Z,FINISHED,w,0,0\n").problems, 2, 25,
                 "end_time: \"2024-05-01T09:00:00Z\" is before start_time");
  expect_problem(queries(kHeader + "s1,2024-05-01T10:00:00Z,,FINISHED,w,0,0\n").problems, 2, 25, "end_time: empty");
  expect_problem(queries(kHeader + ",2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0\n").problems, 2, 1,
                 "statement_id: empty");
  expect_problem(queries(kHeader + "s1,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,,w,0,0\n").problems, 2, 46,
                 "execution_status: empty");
  expect_problem(queries(kHeader + "s1,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,,0,0\n").problems, 2, 55,
                 "warehouse_id: empty");
  expect_problem(queries(kHeader + ok_start + "0,0\n" + ok_start + "0,0\n").problems, 3, 1,
                 "statement_id: \"s1\" appears again (first on line 2)");
}

TEST_CASE("a bad total_duration_ms is located in its own column") {
  const auto q = queries(
      "statement_id,start_time,total_duration_ms,execution_status,warehouse_id,read_bytes,written_bytes\n"
      "s1,2024-05-01T10:00:00Z,-3,FINISHED,w,0,0\n");
  expect_problem(q.problems, 2, 25, "total_duration_ms: \"-3\" is negative");
}

TEST_CASE("trace columns count characters, not bytes") {
  const auto q = queries(
      "statement_id,executed_by,start_time,end_time,execution_status,warehouse_id,read_bytes,written_bytes\n"
      "s1,zoë@exämple.com,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,-1,0\n");
  expect_problem(q.problems, 2, 73, "read_bytes");
}

TEST_CASE("rows with the wrong number of fields and broken quoting are errors, never skipped silently") {
  const std::string row = "s1,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0";
  expect_problem(queries(kHeader + "s1,2024-05-01T10:00:00Z\n").problems, 2, 24,
                 "the row has 2 fields; the header has 7");
  expect_problem(queries(kHeader + row + ",extra\n").problems, 2, 61, "the row has 8 fields; the header has 7");
  expect_problem(queries(kHeader + "\"s1,2024-05-01T10:00:00Z\n").problems, 2, 1, "a quoted field is never closed");
  expect_problem(queries(kHeader + "s\"1,2024-05-01T10:00:00Z\n").problems, 2, 2, "a quote inside an unquoted field");
  expect_problem(queries(kHeader + "\"s1\"x,2024-05-01T10:00:00Z\n").problems, 2, 5, "text after a closing quote");
  // A bad row does not hide the rows after it.
  const auto q = queries(kHeader + "s\"0\n" + row + "\n");
  CHECK(q.rows.size() == 1);
  CHECK(q.problems.size() == 1);
}

TEST_CASE("blank lines are not rows") {
  const auto q = queries(kHeader + "\n" + "s1,2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0\n\n");
  CHECK(q.problems.empty());
  CHECK(q.rows.size() == 1);
}

TEST_CASE("a trace longer than the row limit is refused with the limit named") {
  std::string text = kHeader;
  for (int i = 0; i < 4; ++i)
    text += "s" + std::to_string(i) + ",2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,0,0\n";
  expect_problem(queries(text, 3).problems, 5, 1, "more than 3 rows");
  CHECK(queries(text, 4).problems.empty());
  CHECK(lakesim::sim::kMaxTraceRows == 5'000'000);
}

TEST_CASE("past the listing limit, problems are counted, not listed") {
  std::string text = kHeader;
  for (int i = 0; i < 80; ++i)
    text += "s" + std::to_string(i) + ",2024-05-01T10:00:00Z,2024-05-01T10:00:01Z,FINISHED,w,-1,0\n";
  const auto q = queries(text);
  REQUIRE(q.problems.size() == lakesim::sim::kMaxListedTraceProblems + 1);
  CHECK_THAT(q.problems.back().message, Catch::Contains("30 more problems"));
  CHECK(q.problems.back().where.line == 52);
}

TEST_CASE("job runs: starts in seconds or as durations, rows in start order") {
  const auto r = runs(
      "run_id,start,duration_s,status,instances,core_seconds,read_bytes,shuffle_bytes,write_bytes,owner\n"
      "r1,1h5m,600,SUCCESS,4,1200.5,2e10,5e9,1e9,ana\n"
      "r2,30,45.5,FAILED,1,10,0,0,0,bob\n");
  REQUIRE(r.problems.empty());
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].run_id == "r2");
  CHECK(r.rows[0].start == 30);
  CHECK(r.rows[0].recorded_duration == 45.5);
  CHECK(r.rows[1].start == 3900);
  CHECK(r.rows[1].status == "SUCCESS");
  CHECK(r.rows[1].instances == 4);
  CHECK(r.rows[1].core_seconds == 1200.5);
  CHECK(r.rows[1].read_bytes == 2e10);
  CHECK(r.rows[1].shuffle_bytes == 5e9);
  CHECK(r.rows[1].write_bytes == 1e9);
  CHECK(r.rows[1].line == 2);
}

TEST_CASE("each bad job-run cell is located at its line and column") {
  const std::string h = "run_id,start,duration_s,status,instances,core_seconds,read_bytes,shuffle_bytes,write_bytes\n";
  expect_problem(runs(h + "r1,-5,1,SUCCESS,1,1,0,0,0\n").problems, 2, 4, "start: \"-5\" is negative");
  expect_problem(runs(h + "r1,soon,1,SUCCESS,1,1,0,0,0\n").problems, 2, 4,
                 "start: \"soon\" is not seconds or a duration");
  expect_problem(runs(h + "r1,5,x,SUCCESS,1,1,0,0,0\n").problems, 2, 6, "duration_s: \"x\" is not a number");
  expect_problem(runs(h + "r1,5,1,SUCCES,1,1,0,0,0\n").problems, 2, 8, "did you mean \"SUCCESS\"?");
  expect_problem(runs(h + "r1,5,1,SUCCESS,1.5,1,0,0,0\n").problems, 2, 16, "instances: \"1.5\" is not a whole number");
  expect_problem(runs(h + "r1,5,1,SUCCESS,0,1,0,0,0\n").problems, 2, 16, "instances: \"0\" is not positive");
  expect_problem(runs(h + "r1,5,1,SUCCESS,20,1,0,0,0\n", 16).problems, 2, 16,
                 "instances: \"20\" is more than the placement's 16 instances");
  expect_problem(runs(h + "r1,5,1,SUCCESS,1,,0,0,0\n").problems, 2, 18, "core_seconds: empty");
  expect_problem(runs(h + "r1,5,1,SUCCESS,1,1,0,-2,0\n").problems, 2, 22, "shuffle_bytes: \"-2\" is negative");
  expect_problem(runs(h + "r1,5,1,SUCCESS,1,1,0,0,0\nr1,6,1,SUCCESS,1,1,0,0,0\n").problems, 3, 1,
                 "run_id: \"r1\" appears again (first on line 2)");
}

TEST_CASE("trace times are ISO 8601") {
  double t = 0;
  CHECK(parse_iso8601("1970-01-01T00:00:00Z", t));
  CHECK(t == 0);
  CHECK(parse_iso8601("2024-05-01T10:00:00.123Z", t));
  CHECK(t == Approx(1714557600.123).epsilon(1e-15));
  CHECK(parse_iso8601("2024-05-01T12:00:00+02:00", t));
  CHECK(t == 1714557600);
  CHECK(parse_iso8601("2024-05-01 10:00:00", t));
  CHECK(t == 1714557600);
  CHECK(parse_iso8601("2024-05-01T05:30:00-0430", t));
  CHECK(t == 1714557600);
  CHECK(parse_iso8601("2024-02-29T00:00:00Z", t));
  CHECK_FALSE(parse_iso8601("2023-02-29T00:00:00Z", t));
  CHECK_FALSE(parse_iso8601("2024-05-01", t));
  CHECK_FALSE(parse_iso8601("2024-05-01T25:00:00Z", t));
  CHECK_FALSE(parse_iso8601("2024-05-01T10:00:00ZZ", t));
  CHECK_FALSE(parse_iso8601("yesterday", t));
}

TEST_CASE("trace paths stay inside the scenario's folder") {
  CHECK(resolve_trace_path("scenarios/s.json", "traces/q.csv").path == "scenarios/traces/q.csv");
  CHECK(resolve_trace_path("s.json", "traces/q.csv").path == "traces/q.csv");
  CHECK(resolve_trace_path("/a/b/s.json", "traces/../q.csv").path == "/a/b/q.csv");
  CHECK_THAT(resolve_trace_path("/a/b/s.json", "../q.csv").error,
             Catch::Contains("path escapes the scenario's folder"));
  CHECK_THAT(resolve_trace_path("/a/b/s.json", "traces/../../q.csv").error, Catch::Contains("path escapes"));
  CHECK_THAT(resolve_trace_path("/a/b/s.json", "/etc/passwd").error, Catch::Contains("path escapes"));
  CHECK(resolve_trace_path("/a/b/s.json", "../q.csv", true).path == "/a/q.csv");
}

TEST_CASE("a symbolic link inside the scenario's folder cannot lead a trace out of it") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("lakesim-links-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "scenario" / "traces");
  fs::create_directories(root / "elsewhere");
  std::ofstream(root / "elsewhere" / "secret.csv") << "statement_id\n";
  std::ofstream(root / "scenario" / "traces" / "inside.csv") << "statement_id\n";
  fs::create_symlink(root / "elsewhere" / "secret.csv", root / "scenario" / "traces" / "q.csv");
  fs::create_directory_symlink(root / "elsewhere", root / "scenario" / "out");
  fs::create_symlink(root / "scenario" / "traces" / "inside.csv", root / "scenario" / "alias.csv");
  const std::string scenario = (root / "scenario" / "s.json").string();

  SECTION("a file link to outside is refused, naming where it leads") {
    const auto r = resolve_trace_path(scenario, "traces/q.csv");
    CHECK(r.path.empty());
    CHECK_THAT(r.error, Catch::Contains("path escapes the scenario's folder") && Catch::Contains("symbolic link") &&
                            Catch::Contains("secret.csv"));
  }
  SECTION("a directory link to outside is refused") {
    CHECK_THAT(resolve_trace_path(scenario, "out/secret.csv").error, Catch::Contains("path escapes"));
  }
  SECTION("a link that stays inside is accepted, and so is a link when outside paths are allowed") {
    CHECK(resolve_trace_path(scenario, "alias.csv").error.empty());
    CHECK(resolve_trace_path(scenario, "traces/q.csv", true).error.empty());
  }
  fs::remove_all(root);
}
