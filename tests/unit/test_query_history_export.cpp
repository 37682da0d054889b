// Query-history exports as users download them: the `compute` struct as one JSON cell, both ISO
// forms of timestamps, nulls as empty cells or the word null, columns lakesim does not use; every
// bad row still located at its line and column with the column and the rule.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "scenario/trace_reader.hpp"

using lakesim::sim::Diagnostic;
using lakesim::sim::parse_iso8601;
using lakesim::sim::read_query_history;
using lakesim::sim::TraceContext;
using lakesim::sim::TraceQuery;

namespace {

struct Queries {
  std::vector<TraceQuery> rows;
  std::vector<Diagnostic> problems;
};
Queries queries(const std::string& text) {
  TraceContext at;
  at.file = "export.csv";
  at.pointer = "/workloads/0/trace/file";
  std::istringstream in(text);
  Queries out;
  out.rows = read_query_history(in, at, out.problems);
  return out;
}

void expect_problem(const std::vector<Diagnostic>& problems, int line, int column, const std::string& text) {
  REQUIRE(problems.size() == 1);
  const Diagnostic& d = problems.front();
  INFO(d.to_string());
  CHECK(d.where.file == "export.csv");
  CHECK(d.where.line == line);
  CHECK(d.where.column == column);
  CHECK(d.pointer == "/workloads/0/trace/file");
  CHECK_THAT(d.message, Catch::Contains(text));
}

// As the SQL editor writes a struct column: JSON in one cell, CSV-quoted, quotes doubled.
std::string compute_cell(const std::string& warehouse) {
  return R"("{""type"": ""WAREHOUSE"", ""cluster_id"": null, ""warehouse_id"": "")" + warehouse + R"(""}")";
}

const std::string kJsonHeader =
    "statement_id,execution_status,compute,start_time,end_time,total_duration_ms,read_bytes,written_bytes\n";

}  // namespace

TEST_CASE("the compute column as a JSON object gives the warehouse id") {
  const auto q = queries(kJsonHeader + "s1,FINISHED," + compute_cell("8f3a61c2d9e04b7a") +
                         ",2026-11-02T09:00:01.123Z,2026-11-02T09:00:02.123Z,1000,10,0\n" + "s2,FAILED," +
                         compute_cell("2c7e94b1a05f36d8") + ",2026-11-02T09:00:03.000Z,,250,,\n");
  for (const Diagnostic& d : q.problems) UNSCOPED_INFO(d.to_string());
  REQUIRE(q.problems.empty());
  REQUIRE(q.rows.size() == 2);
  CHECK(q.rows[0].warehouse_id == "8f3a61c2d9e04b7a");
  CHECK(q.rows[1].warehouse_id == "2c7e94b1a05f36d8");
  CHECK(q.rows[1].status == "FAILED");
  CHECK(q.rows[1].start == Approx(1.877));
  CHECK(q.rows[1].recorded_duration == Approx(0.25));
}

TEST_CASE("flattened warehouse columns are read before a compute struct") {
  const auto q = queries(
      "statement_id,execution_status,compute,compute.warehouse_id,start_time,total_duration_ms,read_bytes,written_"
      "bytes\n"
      "s1,FINISHED,\"{\"\"type\"\": \"\"WAREHOUSE\"\"}\",flat1,2026-11-02T09:00:00Z,5,0,0\n");
  REQUIRE(q.problems.empty());
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].warehouse_id == "flat1");
}

TEST_CASE("both ISO forms of timestamps, with or without a zone, give the same instants") {
  double a = 0, b = 0, c = 0, d = 0, e = 0, f = 0;
  REQUIRE(parse_iso8601("2026-11-02T09:00:01.123Z", a));
  REQUIRE(parse_iso8601("2026-11-02 09:00:01.123", b));
  REQUIRE(parse_iso8601("2026-11-02 09:00:01.123+00:00", c));
  REQUIRE(parse_iso8601("2026-11-02 09:00:01.123 UTC", d));
  REQUIRE(parse_iso8601("2026-11-02 11:00:01.123 +02:00", e));
  REQUIRE(parse_iso8601("2026-11-02T04:00:01.123-0500", f));
  CHECK(a == Approx(1793610001.123).epsilon(1e-12));
  for (double x : {b, c, d, e, f}) CHECK(x == Approx(a).epsilon(1e-12));
  double g = 0;
  CHECK_FALSE(parse_iso8601("2026-11-02 09:00:01.123 CET", g));
  CHECK_FALSE(parse_iso8601("2026-11-02  09:00:01", g));

  // In one file, rows of both forms are placed on one time line.
  const auto q = queries(kJsonHeader + "s1,FINISHED," + compute_cell("w") +
                         ",2026-11-02 09:00:00.500,2026-11-02 09:00:01.500,,0,0\n" + "s2,FINISHED," +
                         compute_cell("w") + ",2026-11-02T09:00:10.500Z,2026-11-02T09:00:12Z,,0,0\n");
  REQUIRE(q.problems.empty());
  REQUIRE(q.rows.size() == 2);
  CHECK(q.rows[0].recorded_duration == Approx(1.0));
  CHECK(q.rows[1].start == Approx(10.0));
  CHECK(q.rows[1].recorded_duration == Approx(1.5));
}

TEST_CASE("nulls are empty cells or the word null, optional numbers are then 0") {
  const auto q = queries(
      "statement_id,execution_status,warehouse_id,start_time,end_time,total_duration_ms,read_bytes,written_bytes,"
      "total_task_duration_ms\n"
      "s1,FINISHED,w,2026-11-02T09:00:00Z,2026-11-02T09:00:04Z,null,null,,NULL\n"
      "s2,CANCELED,w,2026-11-02T09:00:01Z,null,2000,5,null,\n");
  for (const Diagnostic& d : q.problems) UNSCOPED_INFO(d.to_string());
  REQUIRE(q.problems.empty());
  REQUIRE(q.rows.size() == 2);
  CHECK(q.rows[0].recorded_duration == Approx(4.0));  // total_duration_ms null: end_time - start_time
  CHECK(q.rows[0].read_bytes == 0);
  CHECK(q.rows[0].core_seconds == 0);
  CHECK(q.rows[1].recorded_duration == Approx(2.0));
  CHECK(q.rows[1].read_bytes == 5);
  CHECK(q.rows[1].written_bytes == 0);
}

TEST_CASE("columns lakesim does not use are ignored, struct columns included") {
  const auto q = queries(
      "account_id,statement_id,query_source,execution_status,compute,statement_text,start_time,total_duration_ms,"
      "read_bytes,written_bytes,from_result_cache\n"
      "a,s1,\"{\"\"dashboard_id\"\": null, \"\"job_info\"\": {\"\"job_id\"\": \"\"1\"\"}}\",FINISHED," +
      compute_cell("w") + ",\"SELECT 1,\n 2\",2026-11-02T09:00:00Z,12,0,0,true\n");
  for (const Diagnostic& d : q.problems) UNSCOPED_INFO(d.to_string());
  REQUIRE(q.problems.empty());
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].warehouse_id == "w");
}

TEST_CASE("a bad compute cell is located at its cell with the rule") {
  const std::string start = "s1,FINISHED,";  // compute starts at column 13
  const std::string rest = ",2026-11-02T09:00:00Z,,5,0,0\n";
  expect_problem(queries(kJsonHeader + start + rest).problems, 2, 13, "compute: empty or null");
  expect_problem(queries(kJsonHeader + start + "null" + rest).problems, 2, 13, "compute: empty or null");
  expect_problem(queries(kJsonHeader + start + "WAREHOUSE" + rest).problems, 2, 13, "compute: not JSON: \"WAREHOUSE\"");
  expect_problem(queries(kJsonHeader + start + "\"{\"\"type\"\": \"\"WAREHOUSE\"\"\"" + rest).problems, 2, 13,
                 "compute: not JSON");
  expect_problem(queries(kJsonHeader + start + "\"[1, 2]\"" + rest).problems, 2, 13, "compute: not a JSON object");
  expect_problem(queries(kJsonHeader + start + "\"{\"\"warehouse_id\"\": 42}\"" + rest).problems, 2, 13,
                 "compute: warehouse_id is number, not a string");
  expect_problem(
      queries(kJsonHeader + start +
              "\"{\"\"type\"\": \"\"CLUSTER\"\", \"\"cluster_id\"\": \"\"0101-x\"\", \"\"warehouse_id\"\": null}\"" +
              rest)
          .problems,
      2, 13, "compute: no warehouse_id (type \"CLUSTER\")");
  // A long cell is shortened in the message.
  const auto q = queries(kJsonHeader + start + std::string(500, 'x') + rest);
  REQUIRE(q.problems.size() == 1);
  CHECK(q.problems[0].message.size() < 150);
}

TEST_CASE("every bad row of an export is reported at its own line, good rows are still read") {
  const auto q = queries(kJsonHeader +                                                                   //
                         "s1,FINISHED," + compute_cell("w") + ",2026-11-02T09:00:00Z,,5,0,0\n" +         // line 2
                         "s2,FINISHED," + compute_cell("w") + ",2026-11-02 25:00:00,,5,0,0\n" +          // line 3
                         "s3,FINISHED,{},2026-11-02T09:00:00Z,,5,0,0\n" +                                // line 4
                         "s4,FINISHED," + compute_cell("w") + ",null,,5,0,0\n" +                         // line 5
                         "s5,FINISHED," + compute_cell("w") + ",2026-11-02T09:00:00Z,null,null,0,0\n");  // line 6
  REQUIRE(q.rows.size() == 1);
  REQUIRE(q.problems.size() == 4);
  std::set<int> lines;
  for (const Diagnostic& d : q.problems) lines.insert(d.where.line);
  CHECK(lines == std::set<int>{3, 4, 5, 6});
  CHECK_THAT(q.problems[0].message, Catch::Contains("start_time: \"2026-11-02 25:00:00\" is not a time"));
  CHECK_THAT(q.problems[1].message, Catch::Contains("compute: no warehouse_id"));
  CHECK_THAT(q.problems[2].message, Catch::Contains("start_time: empty or null"));
  CHECK_THAT(q.problems[3].message, Catch::Contains("total_duration_ms: empty or null, and so is end_time"));
}

TEST_CASE("a header without any warehouse column names all three") {
  const auto q = queries("statement_id,execution_status,start_time,total_duration_ms,read_bytes,written_bytes\n");
  expect_problem(q.problems, 1, 1, "missing column \"compute.warehouse_id\" or \"warehouse_id\" or \"compute\"");
}

TEST_CASE("the shipped warehouse export reads cleanly: several warehouses, failed and canceled statements") {
  std::ifstream in(std::string(LAKESIM_SCENARIO_DIR) + "/traces/warehouse-export.csv", std::ios::binary);
  REQUIRE(in);
  TraceContext at;
  at.file = "warehouse-export.csv";
  std::vector<Diagnostic> problems;
  const auto rows = read_query_history(in, at, problems);
  for (const Diagnostic& d : problems) UNSCOPED_INFO(d.to_string());
  REQUIRE(problems.empty());
  CHECK(rows.size() >= 300);
  CHECK(rows.back().start > 3 * 3600);
  std::set<std::string> warehouses;
  int failed = 0, canceled = 0;
  for (const TraceQuery& q : rows) {
    warehouses.insert(q.warehouse_id);
    failed += q.status == "FAILED";
    canceled += q.status == "CANCELED";
  }
  CHECK(warehouses.size() == 3);
  CHECK(failed >= 5);
  CHECK(canceled >= 5);
}

TEST_CASE("read_io_cache_percent gives the cached share and above 100 is a located error") {
  const std::string header =
      "statement_id,execution_status,compute,start_time,total_duration_ms,read_bytes,written_bytes,"
      "read_io_cache_percent\n";
  const auto good = queries(header + "s1,FINISHED," + compute_cell("w1") + ",2026-11-02T09:00:01Z,1000,10,0,35\n" +
                            "s2,FINISHED," + compute_cell("w1") + ",2026-11-02T09:00:02Z,1000,10,0,null\n");
  REQUIRE(good.problems.empty());
  REQUIRE(good.rows.size() == 2);
  CHECK(good.rows[0].io_cache_share == Approx(0.35));
  CHECK(good.rows[1].io_cache_share == 0);
  const auto bad = queries(header + "s1,FINISHED," + compute_cell("w1") + ",2026-11-02T09:00:01Z,1000,10,0,140\n");
  expect_problem(bad.problems, 2, 120, "read_io_cache_percent");
  CHECK_THAT(bad.problems.front().message, Catch::Contains("\"140\" is more than 100"));
}
