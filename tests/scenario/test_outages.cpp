// Fault injection on the shipped two-region scenario: what each kind of outage takes down, what
// keeps running, and that everything comes back when it ends.
#include <catch2/catch.hpp>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/result_lookup.hpp"

using namespace lakesim;

namespace {

using lakesim::test::failed;
using lakesim::test::workload;

nlohmann::json run_with_fault(const std::string& fault, const std::string& duration = "6h") {
  sim::LoadOptions options;
  options.sets = {"duration=" + duration, "faults=[" + fault + "]"};
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json", options);
  return assembly::run_scenario(s).results;
}

}  // namespace

TEST_CASE("a region outage takes down everything in the region, and nothing elsewhere") {
  const auto r = run_with_fault(R"({"name": "east", "kind": "region_outage", "region": "us-east-1",
                                    "start": "2h", "duration": "1h"})");
  REQUIRE(r["outages"].size() == 1);
  const auto& o = r["outages"][0];
  CHECK(o["hosts_off"].get<int>() == 1 + 6 + 32 + 16);  // S3 endpoint, control plane, Spark, SQL
  for (const auto& c : o["components_down"]) CHECK_THAT(c.get<std::string>(), Catch::EndsWith("@us-east-1"));
  CHECK(o["components_down"].size() == 38);
  // Requests through us-east-1 failed during the hour, and got through before and after it.
  const auto& bi = workload(r, "bi");
  CHECK(failed(bi, "region_unavailable") > 0);
  CHECK(bi["completed"].get<std::uint64_t>() > 0);
  // us-west-2's own work is untouched.
  CHECK(workload(r, "west-checks")["failed"].get<std::uint64_t>() == 0);
  CHECK(workload(r, "west-etl")["failed"].get<std::uint64_t>() == 0);

  // Without any DR practice, every us-east-1 service comes back when the region does: its RTO is
  // the outage's hour, to within one probe interval (plus the probe's own round trip); us-west-2's
  // services were never affected.
  const double interval = r["recovery"]["probe_interval_seconds"].get<double>();
  int east = 0;
  for (const auto& s : r["recovery"]["services"]) {
    const auto& o = s["outages"][0];
    INFO(s["region"].get<std::string>() << " " << s["component"].get<std::string>());
    if (s["region"] == "us-east-1") {
      ++east;
      CHECK(o["affected"].get<bool>());
      REQUIRE(!o["rto_seconds"].is_null());
      CHECK(o["rto_seconds"].get<double>() >= 3600.0);
      CHECK(o["rto_seconds"].get<double>() <= 3600.0 + interval + 1.0);
      CHECK(s["availability"].get<double>() < 1.0);
    } else {
      CHECK_FALSE(o["affected"].get<bool>());
      CHECK(s["availability"].get<double>() == 1.0);
    }
  }
  CHECK(east == 21);  // every control-plane service and metadata store of the region
}

TEST_CASE("a control-plane outage stops new launches, not running jobs or streams") {
  // The ETL job launched at 1h05m runs until about 1h35m; the outage starts at 1h30m.
  const auto r = run_with_fault(R"({"name": "cp", "kind": "control_plane_outage", "region": "us-east-1",
                                    "start": "5400s", "duration": "1h"})");
  const auto& etl = workload(r, "etl");
  // The run in flight at 1h30m finishes; the launch at 2h05m fails at the workspace edge.
  CHECK(etl["completed"].get<std::uint64_t>() == 5);
  CHECK(failed(etl, "region_unavailable") == 1);
  // The stream started before the outage keeps committing micro-batches throughout.
  CHECK(workload(r, "clicks")["failed"].get<std::uint64_t>() == 0);
  // As many as the same day without the outage commits (357 of the 360 triggers: a batch whose
  // input has fewer Spark tasks than cores runs past its trigger now and then).
  CHECK(workload(r, "clicks")["completed"].get<std::uint64_t>() == 357);
  // Interactive queries need the control plane and fail during the outage.
  CHECK(failed(workload(r, "bi"), "region_unavailable") > 0);
}

TEST_CASE("an S3 outage can bring reads back before writes") {
  const auto r = run_with_fault(R"({"name": "s3", "kind": "s3_outage", "region": "us-east-1",
                                    "start": "1h", "duration": "2h", "reads_duration": "1h"})",
                                "4h");
  const auto& o = r["outages"][0];
  CHECK(o["kind"] == "s3_outage");
  CHECK(o["end"].get<double>() == 3 * 3600.0);
  // Queries only read: they fail in the first hour only; the stream writes and fails in both.
  CHECK(failed(workload(r, "dashboards"), "region_unavailable") > 0);
  CHECK(workload(r, "dashboards")["completed"].get<std::uint64_t>() > 0);
}

TEST_CASE("an identity-provider outage stops interactive sign-in only") {
  const auto r = run_with_fault(R"({"name": "idp", "kind": "idp_outage", "start": "1h", "duration": "1h"})", "3h");
  CHECK(workload(r, "bi")["failed"].get<std::uint64_t>() > 0);
  // Jobs authenticate with tokens and never reach the identity provider.
  CHECK(workload(r, "etl")["failed"].get<std::uint64_t>() == 0);
  CHECK(workload(r, "upserts")["failed"].get<std::uint64_t>() == 0);
}

TEST_CASE("a capacity shortage fails launches that need new instances") {
  const auto r = run_with_fault(R"({"name": "short", "kind": "capacity_shortage", "compute": "spark",
                                    "start": "0s", "duration": "6h"})",
                                "2h");
  // Serverless Spark has no warm instances in this scenario: nothing can start.
  CHECK(workload(r, "etl")["completed"].get<std::uint64_t>() == 0);
  CHECK(workload(r, "adhoc")["completed"].get<std::uint64_t>() == 0);
  // SQL warehouses are unaffected.
  CHECK(workload(r, "bi")["completed"].get<std::uint64_t>() > 0);
}

TEST_CASE("an S3 throttling storm makes S3 answer SlowDown while it lasts") {
  const auto storm = run_with_fault(R"({"name": "storm", "kind": "s3_throttling", "region": "us-east-1",
                                        "start": "30m", "duration": "1h", "factor": 0.0005})",
                                    "2h");
  REQUIRE(storm["s3"][0]["region"] == "us-east-1");
  CHECK(storm["s3"][0]["throttled_reads"].get<std::uint64_t>() > 0);
  CHECK(storm["s3"][1]["throttled_reads"].get<std::uint64_t>() == 0);  // us-west-2 is calm
  // Slowed down, not broken: the queries still finish.
  CHECK(workload(storm, "bi")["completed"].get<std::uint64_t>() > 0);
}

TEST_CASE("host crashes drawn from an MTBF take instances down and bring them back") {
  const auto r = run_with_fault(R"({"name": "crashes", "kind": "host_crashes", "compute": "spark",
                                    "start": "0s", "duration": "3h", "mtbf": "2h", "mttr": "10m"})",
                                "3h");
  CHECK(r["outages"][0]["hosts_off"].get<int>() == 32);
  // Eight-instance ETL runs lose an instance: its tasks and the shuffle it held run again on
  // the others (lineage), so the runs complete; smaller jobs mostly get through.
  CHECK(failed(workload(r, "etl"), "host_down") == 0);
  CHECK(workload(r, "etl")["completed"].get<std::uint64_t>() > 0);
  CHECK(workload(r, "upserts")["completed"].get<std::uint64_t>() > 0);
  // Other placements are untouched.
  CHECK(workload(r, "west-etl")["failed"].get<std::uint64_t>() == 0);
}
