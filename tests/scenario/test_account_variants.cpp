// Account-level deployment choices as behaviour (scenarios/variants/): several workspaces share
// identity and their region's Unity Catalog metastore but not their own services; S3 data access
// by instance profile, credential passthrough or Unity Catalog grants; AWS PrivateLink on the
// front end (public access off) and the back end (its own path, its own outage and price).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/result_lookup.hpp"

using namespace lakesim;

namespace {

using lakesim::test::failed;
using lakesim::test::named;

analysis::RunOutput run(const std::string& file, const std::string& variant) {
  sim::LoadOptions options;
  options.variant = variant;
  return assembly::run_scenario(sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/variants/" + file, options));
}

// Times of the failed requests whose detail names `cause`, with the workload that failed.
std::vector<std::pair<double, std::string>> failures(const std::string& timeline, const std::string& cause) {
  std::vector<std::pair<double, std::string>> out;
  std::istringstream in(timeline);
  for (std::string line; std::getline(in, line);) {
    if (line.find("request_failed") == std::string::npos || line.find(cause) == std::string::npos) continue;
    const auto first = line.find(',');
    out.emplace_back(std::stod(line.substr(0, first)), line.substr(first + 1, line.find(',', first + 1) - first - 1));
  }
  return out;
}

}  // namespace

TEST_CASE("account: a workspace outage fails its own workspace inside the window, not its neighbours") {
  const auto out = run("multi-workspace.json", "");
  const auto& ws = out.results["workspaces"];
  // The other workspace of us-east-1 and the one in us-west-2 lost nothing.
  CHECK(named(ws, "analytics")["failed"].get<std::uint64_t>() == 0);
  CHECK(named(ws, "analytics")["completed"].get<std::uint64_t>() > 400);
  CHECK(named(ws, "west-ops")["failed"].get<std::uint64_t>() == 0);
  const auto& engineering = named(ws, "engineering");
  CHECK(failed(engineering, "workspace_unavailable") > 50);
  CHECK(failed(engineering, "workspace_unavailable") == engineering["failed"].get<std::uint64_t>());
  CHECK(engineering["completed"].get<std::uint64_t>() > 300);  // before and after the outage
  // Every failure the outage caused is an engineering request inside 1h..2h.
  const auto hit = failures(out.timeline, "workspace_unavailable");
  REQUIRE(!hit.empty());
  for (const auto& [t, workload] : hit) {
    INFO(workload << " at " << t);
    CHECK(workload.rfind("engineering-", 0) == 0);
    CHECK(t >= 3600);
    CHECK(t <= 7200);
  }
  // The outage took down the engineering copies only: shared services stayed up.
  for (const auto& c : out.results["outages"][0]["components_down"]) {
    INFO(c);
    CHECK(c.get<std::string>().find("/engineering") != std::string::npos);
  }
}

TEST_CASE("account: a Unity Catalog outage hits every workspace of its region and no other") {
  const auto out = run("multi-workspace.json", "metastore_outage");
  const auto& ws = out.results["workspaces"];
  CHECK(failed(named(ws, "analytics"), "service_down") > 50);
  CHECK(failed(named(ws, "engineering"), "service_down") > 50);
  CHECK(named(ws, "west-ops")["failed"].get<std::uint64_t>() == 0);
  for (const auto& [t, workload] : failures(out.timeline, "service_down at Unity Catalog")) {
    CHECK(t >= 3600);
    CHECK(t <= 7200);
  }
}

TEST_CASE("account: over-privileged reads are never admitted under credential passthrough") {
  const auto r = run("over-privileged.json", "credential_passthrough").results;
  const auto& sec = r["security"];
  CHECK(sec["over_privileged"]["attempts"].get<std::uint64_t>() > 1000);
  CHECK(sec["over_privileged"]["completed"].get<std::uint64_t>() == 0);
  CHECK(sec["forbidden_by_control"]["s3_access"]["admitted"].get<std::uint64_t>() == 0);
  CHECK(sec["forbidden_admitted"].get<std::uint64_t>() == 0);
  CHECK(sec["s3_access"]["refused"] == sec["over_privileged"]["attempts"]);
  for (const char* name : {"intern-bi", "snooper"}) {
    const auto& w = named(r["workloads"], name);
    CHECK(w["completed"].get<int>() == 0);
    CHECK(failed(w, "access_denied") == w["failed"].get<std::uint64_t>());
  }
  for (const char* name : {"analyst-bi", "etl"}) CHECK(named(r["workloads"], name)["failed"].get<int>() == 0);
}

TEST_CASE("account: over-privileged reads are never admitted under Unity Catalog grants") {
  const auto r = run("over-privileged.json", "unity_catalog").results;
  const auto& sec = r["security"];
  CHECK(sec["over_privileged"]["attempts"].get<std::uint64_t>() > 1000);
  CHECK(sec["over_privileged"]["completed"].get<std::uint64_t>() == 0);
  CHECK(sec["forbidden_admitted"].get<std::uint64_t>() == 0);
  // Refused at the catalogue, before any data is read.
  bool uc_refused = false;
  for (const auto& c : r["components"])
    if (c["id"] == "unity_catalog" && c["failures"].contains("access_denied"))
      uc_refused =
          c["failures"]["access_denied"].get<std::uint64_t>() == sec["s3_access"]["refused"].get<std::uint64_t>();
  CHECK(uc_refused);
  for (const char* name : {"intern-bi", "snooper"})
    CHECK(failed(named(r["workloads"], name), "access_denied") ==
          named(r["workloads"], name)["failed"].get<std::uint64_t>());
  for (const char* name : {"analyst-bi", "etl"}) CHECK(named(r["workloads"], name)["failed"].get<int>() == 0);
}

TEST_CASE("account: an instance profile admits over-privileged reads, and the report says so") {
  const auto r = run("over-privileged.json", "").results;
  const auto& sec = r["security"];
  CHECK(sec["over_privileged"]["attempts"].get<std::uint64_t>() > 1000);
  CHECK(sec["over_privileged"]["completed"] == sec["over_privileged"]["attempts"]);
  CHECK(sec["over_privileged"]["forbidden"] == false);
  CHECK(sec["s3_access"]["refused"].get<std::uint64_t>() == 0);
  CHECK(sec["s3_access"]["over_privileged_admitted"].get<std::uint64_t>() >=
        sec["over_privileged"]["attempts"].get<std::uint64_t>());
  CHECK(sec["forbidden_admitted"].get<std::uint64_t>() == 0);
  for (const auto& w : r["workloads"]) CHECK(failed(w, "access_denied") == 0);
}

TEST_CASE("account: front-end PrivateLink without public access refuses public clients at the edge") {
  const auto r = run("private-link.json", "").results;
  const auto& pub = named(r["workloads"], "public-client");
  CHECK(pub["completed"].get<int>() == 0);
  CHECK(pub["failed"].get<std::uint64_t>() > 300);
  CHECK(failed(pub, "public_access_disabled") == pub["failed"].get<std::uint64_t>());
  CHECK(r["security"]["public_access"]["refused"] == pub["failed"]);
  CHECK(r["security"]["forbidden_by_control"]["public_access"]["admitted"].get<std::uint64_t>() == 0);
  CHECK(r["security"]["forbidden_admitted"].get<std::uint64_t>() == 0);
  CHECK(named(r["workloads"], "bi")["failed"].get<int>() == 0);  // corporate users, through the endpoint
}

TEST_CASE("account: a PrivateLink outage breaks exactly the back-end path, which is priced per GB") {
  const auto out = run("private-link.json", "");
  const auto& r = out.results;
  CHECK(failed(named(r["workloads"], "etl"), "link_down") >= 1);    // classic job
  CHECK(failed(named(r["workloads"], "adhoc"), "link_down") >= 1);  // classic notebook
  for (const char* name : {"upserts", "bi"}) CHECK(named(r["workloads"], name)["failed"].get<int>() == 0);
  const auto hit = failures(out.timeline, "link_down");
  REQUIRE(!hit.empty());
  for (const auto& [t, workload] : hit) {
    INFO(workload << " at " << t);
    CHECK(t >= 5400);
    CHECK(t <= 9000);
  }
  const auto& cost = r["cost"]["privatelink"];
  CHECK(cost["bytes"].get<double>() > 1e8);  // registrations and notebook results
  CHECK(cost["usd"].get<double>() == Approx(cost["bytes"].get<double>() / 1e9 * 0.01));
}

TEST_CASE("account: without PrivateLink the public client gets in and no byte crosses an endpoint") {
  const auto r = run("private-link.json", "public").results;
  CHECK(named(r["workloads"], "public-client")["failed"].get<int>() == 0);
  CHECK(r["security"]["public_access"]["checked"].get<std::uint64_t>() == 0);
  CHECK(r["cost"]["privatelink"]["bytes"].get<double>() == 0);
  for (const auto& w : r["workloads"]) CHECK(w["failed"].get<int>() == 0);
}
