// Deployment choices of the E2 architecture as behaviour (scenarios/variants/): classic and
// serverless compute start as documented, a KMS outage stops exactly what needs the customer's
// key, the access controls refuse every forbidden request over a long run, and a relay outage
// stops only classic compute behind secure cluster connectivity.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/result_lookup.hpp"

using namespace lakesim;

namespace {

using lakesim::test::failed;
using lakesim::test::workload;

analysis::RunOutput run(const std::string& file, const std::string& variant,
                        const std::vector<std::string>& sets = {}) {
  sim::LoadOptions options;
  options.variant = variant;
  options.sets = sets;
  return assembly::run_scenario(sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/variants/" + file, options));
}

// One job on an otherwise idle pool: its queueing is the cluster's start.
double job_start_seconds(const std::string& variant) {
  const auto out = run("classic-vs-serverless.json", variant,
                       {"duration=1h", R"(workloads=[{"name": "one", "class": "job", "region": "us-east-1",
                          "compute": "spark", "instances": 4, "arrival": {"kind": "cron", "every": "2h", "offset": "5m"},
                          "stages": [{"core_seconds": "10m"}]}])"});
  const auto& w = workload(out.results, "one");
  REQUIRE(w["completed"].get<int>() == 1);
  return w["queued_seconds"]["mean"].get<double>();
}

}  // namespace

TEST_CASE("deployment: a classic cluster starts in minutes (3-8 min without a pool)") {
  const double start = job_start_seconds("classic");
  CHECK(start >= 3 * 60);
  CHECK(start <= 8 * 60);
}

TEST_CASE("deployment: a classic cluster from an instance pool starts in about 40 s") {
  const double start = job_start_seconds("classic_pool");
  CHECK(start >= 40);
  CHECK(start <= 41);  // 40 s, plus milliseconds of registration through the relay
}

TEST_CASE("deployment: serverless compute starts in seconds (15-25 s)") {
  const double start = job_start_seconds("");
  CHECK(start >= 15);
  CHECK(start <= 25);
}

TEST_CASE("deployment: a KMS outage stops exactly the operations that need the customer's key") {
  const auto out = run("cmk-kms-outage.json", "");
  const nlohmann::json& r = out.results;
  // Everything the key protects, and the compute whose query needed it.
  const std::set<std::string> protected_parts = {"Notebook Source Code@us-east-1",
                                                 "Notebook Outputs@us-east-1",
                                                 "Workspace Files@us-east-1",
                                                 "Repos (Git Integration)@us-east-1",
                                                 "DBFS Root@us-east-1",
                                                 "Managed Tables@us-east-1",
                                                 "Unity Catalog Managed Storage@us-east-1",
                                                 "SQL Warehouse Compute@us-east-1"};
  const auto& stopped = r["security"]["customer_managed_keys"]["stopped_components"];
  REQUIRE(!stopped.empty());
  for (const auto& c : stopped) {
    INFO(c.dump());
    CHECK(protected_parts.count(c["component"].get<std::string>()) == 1);
  }
  // Key failures happen inside the outage window only.
  std::size_t key_failures = 0;
  std::istringstream timeline(out.timeline);
  for (std::string line; std::getline(timeline, line);) {
    if (line.find("key_unavailable") == std::string::npos) continue;
    ++key_failures;
    const double t = std::stod(line.substr(0, line.find(',')));
    CHECK(t >= 5400);
    CHECK(t <= 9000 + 60);
  }
  CHECK(key_failures > 0);
  // Notebooks, the managed-table stream and SQL over managed tables failed for the key; nothing
  // failed for any other reason, and the ETL runs already under way finished.
  for (const char* name : {"adhoc", "clicks", "bi"}) CHECK(failed(workload(r, name), "key_unavailable") > 0);
  for (const auto& w : r["workloads"])
    for (const auto& [cause, n] : w["failed_by_cause"].items()) {
      INFO(w["name"] << " " << cause);
      CHECK((cause == "key_unavailable" || cause == "refused"));
    }
  CHECK(workload(r, "etl")["completed"].get<int>() >= 3);
}

TEST_CASE("deployment: disallowed addresses, revoked or expired tokens and oversized clusters are never admitted") {
  const nlohmann::json r = run("hostile-client.json", "").results;
  const auto& sec = r["security"];
  CHECK(sec["forbidden_attempts"].get<std::uint64_t>() > 3000);
  CHECK(sec["forbidden_admitted"].get<std::uint64_t>() == 0);
  const auto& scraper = workload(r, "scraper");
  CHECK(scraper["completed"].get<int>() == 0);
  CHECK(failed(scraper, "ip_not_allowed") == scraper["failed"].get<std::uint64_t>());
  CHECK(workload(r, "oversized")["completed"].get<int>() == 0);
  CHECK(failed(workload(r, "oversized"), "policy_rejected") == 3);
  // The leaked token worked until its revocation at 1h, and the CI token until it expired at 3h.
  CHECK(workload(r, "leaked-token-bot")["completed"].get<int>() > 0);
  CHECK(failed(workload(r, "leaked-token-bot"), "token_rejected") > 0);
  CHECK(failed(workload(r, "ci-checks"), "token_rejected") == 9);  // every 20 min from 3h01 to 5h41
  // The allowed users got through untouched.
  for (const char* name : {"etl", "bi", "partner-bi"}) CHECK(workload(r, name)["failed"].get<int>() == 0);
}

TEST_CASE("deployment: a relay outage stops new classic clusters behind secure cluster connectivity only") {
  const nlohmann::json r = run("scc-relay-outage.json", "").results;
  CHECK(failed(workload(r, "etl"), "service_down") >= 1);   // classic, started during the outage
  CHECK(workload(r, "upserts")["failed"].get<int>() == 0);  // serverless
  CHECK(workload(r, "bi")["failed"].get<int>() == 0);
  bool relay_down = false;
  for (const auto& o : r["outages"])
    for (const auto& c : o["components_down"])
      relay_down = relay_down || c == "Secure Cluster Connectivity Relay@us-east-1";
  CHECK(relay_down);
}
