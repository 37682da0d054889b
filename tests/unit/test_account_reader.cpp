// The `workspaces` list, S3 data access (`security.s3_access`, `grants`, workload `principal`)
// and PrivateLink (`workspace.private_link`), with the faults that go with them: each rule is
// refused at its JSON path.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/scenario_problems.hpp"

using namespace lakesim::sim;

namespace {

const char* kBase = R"({
  "format": "lakesim/1", "name": "account-test", "seed": 7, "duration": "1h",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]},
              {"name": "us-west-2", "azs": ["us-west-2a"]}],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}, {"region": "us-west-2", "hosts_per_az": 1}],
  "compute": [
    {"name": "spark", "kind": "classic_spark", "region": "us-east-1", "instances": 4},
    {"name": "sql", "kind": "sql_warehouse", "region": "us-east-1", "instances": 2}
  ],
  "tables": [{"name": "sales", "region": "us-east-1", "size": "1GB", "files": 10}],
  "security": {"ip_access_list": ["10.0.0.0/8"], "s3_access": "unity_catalog",
               "grants": {"analyst": {"read": ["sales"]}, "intern": {}}},
  "workspace": {"private_link": {"front_end": true, "back_end": true, "public_access": false}},
  "workspaces": [{"name": "a", "region": "us-east-1"},
                 {"name": "b", "region": "us-east-1", "security": {"tokens": [{"name": "ci"}], "cluster_policy": {"max_instances": 2}}},
                 {"name": "w", "region": "us-west-2"}],
  "workloads": [
    {"name": "etl", "class": "job", "compute": "spark", "workspace": "b", "token": "ci", "principal": "analyst",
     "table": "sales", "arrival": {"kind": "poisson", "rate": "6/h"}, "stages": [{"core_seconds": "10s", "read": "1GB"}]},
    {"name": "bi", "class": "sql", "compute": "sql", "principal": "intern", "table": "sales",
     "arrival": {"kind": "poisson", "rate": "6/h"}, "stages": [{"core_seconds": "10s", "read": "1GB"}]}
  ],
  "faults": [{"name": "b-down", "kind": "workspace_outage", "workspace": "b", "start": "10m", "duration": "10m"},
             {"name": "uc", "kind": "service_outage", "region": "us-east-1", "component": "unity_catalog", "start": "0s", "duration": "5m"},
             {"name": "pl", "kind": "privatelink_outage", "region": "us-east-1", "start": "0s", "duration": "5m"}]
})";

std::vector<Diagnostic> problems(const nlohmann::json& doc) {
  return lakesim::test::problems(doc, "account-test.json");
}
using lakesim::test::mentions;

nlohmann::json base() { return nlohmann::json::parse(kBase); }

}  // namespace

TEST_CASE("account: workspaces, grants, principals and PrivateLink read into the spec") {
  const Scenario s = load_scenario_text(kBase, "account-test.json");
  REQUIRE(s.workspaces.size() == 3);
  // A workspace starts from the account's controls and replaces what it gives.
  CHECK(s.workspaces[0].security.ip_access_list.size() == 1);
  CHECK(s.workspaces[1].security.tokens.size() == 1);
  CHECK(s.workspaces[1].security.cluster_policy_max_instances == 2);
  CHECK(s.workspaces[1].security.ip_access_list.size() == 1);
  CHECK(s.security.s3_access == S3Access::UnityCatalog);
  CHECK(s.security.grants.at("analyst").may_read("sales"));
  CHECK_FALSE(s.security.grants.at("intern").may_read("sales"));
  // Without `workspace` a workload enters the first listed workspace of its region.
  CHECK(s.workspace_of(s.workloads[0])->name == "b");
  CHECK(s.workspace_of(s.workloads[1])->name == "a");
  CHECK(s.workloads[1].principal == "intern");
  CHECK(s.workspace.private_link.back_end);
  CHECK_FALSE(s.workspace.private_link.public_access);
  CHECK(s.faults[0].kind == FaultSpec::Kind::WorkspaceOutage);
  CHECK(s.faults[1].component == lakesim::models::ComponentId::UnityCatalog);
  CHECK(s.prices.privatelink_per_gb == 0.01);
}

TEST_CASE("account: RFC 1918 addresses are private, others public") {
  CHECK(is_private_ipv4(*parse_ipv4("10.9.8.7")));
  CHECK(is_private_ipv4(*parse_ipv4("172.31.0.1")));
  CHECK(is_private_ipv4(*parse_ipv4("192.168.1.1")));
  CHECK_FALSE(is_private_ipv4(*parse_ipv4("172.32.0.1")));
  CHECK_FALSE(is_private_ipv4(*parse_ipv4("198.51.100.7")));
}

TEST_CASE("account: workspace names are unique, in a region with a control plane") {
  auto doc = base();
  doc["workspaces"][2]["name"] = "a";
  CHECK(mentions(problems(doc), "/workspaces/2/name", "duplicate workspace name"));
  doc = base();
  doc["workspaces"][0]["region"] = "eu-west-1";
  CHECK(mentions(problems(doc), "/workspaces/0/region", "undefined region with a control plane"));
  doc = base();
  doc["workspaces"][0]["security"] = {{"cmk", {{"managed_services", true}}}};
  CHECK(mentions(problems(doc), "/workspaces/0/security/cmk", "unknown key"));
}

TEST_CASE("account: a workload's workspace exists and is in the region it enters through") {
  auto doc = base();
  doc["workloads"][0]["workspace"] = "nope";
  CHECK(mentions(problems(doc), "/workloads/0/workspace", "undefined workspace"));
  doc = base();
  doc["workloads"][0]["workspace"] = "w";
  CHECK(mentions(problems(doc), "/workloads/0/workspace", "is in us-west-2"));
  // The token must be one of its workspace's.
  doc = base();
  doc["workloads"][0]["workspace"] = "a";
  CHECK(mentions(problems(doc), "/workloads/0/token", "a token named, but the scenario defines none"));
}

TEST_CASE("account: principals, grants and the S3 access mode are checked") {
  auto doc = base();
  doc["workloads"][1]["principal"] = "nobody";
  CHECK(mentions(problems(doc), "/workloads/1/principal", "undefined principal"));
  doc = base();
  doc["security"]["grants"]["analyst"]["read"] = {"salez"};
  CHECK(mentions(problems(doc), "/security/grants/analyst/read/0", "undefined table"));
  doc = base();
  doc["security"]["s3_access"] = "iam_role";
  CHECK(!problems(doc).empty());
  doc = base();
  doc["security"]["grants"]["analyst"]["delete"] = {"sales"};
  CHECK(mentions(problems(doc), "/security/grants/analyst/delete", "unknown key"));
}

TEST_CASE("account: PrivateLink settings that cannot work are refused") {
  auto doc = base();
  doc["workspace"]["private_link"]["front_end"] = false;
  CHECK(mentions(problems(doc), "/workspace/private_link/public_access", "nobody could reach the workspace"));
  doc = base();
  doc["workspace"]["secure_cluster_connectivity"] = false;
  CHECK(mentions(problems(doc), "/workspace/private_link/back_end", "needs secure cluster connectivity"));
  doc = base();
  doc["workspace"]["private_link"]["back_end"] = false;
  CHECK(mentions(problems(doc), "/faults/2/kind", "without back-end PrivateLink"));
}

TEST_CASE("account: the new fault kinds name what they break") {
  auto doc = base();
  doc["faults"][0]["workspace"] = "z";
  CHECK(mentions(problems(doc), "/faults/0/workspace", "undefined workspace"));
  doc = base();
  doc["faults"][0]["region"] = "us-east-1";
  CHECK(mentions(problems(doc), "/faults/0/region", "does not take"));
  doc = base();
  doc["faults"][1]["component"] = "delta_table_data";
  CHECK(mentions(problems(doc), "/faults/1/component", "undefined control-plane component"));
  doc = base();
  doc["faults"][1].erase("component");
  CHECK(mentions(problems(doc), "/faults/1", "missing required key \"component\""));
  doc = base();
  doc["faults"][2]["component"] = "unity_catalog";
  CHECK(mentions(problems(doc), "/faults/2/component", "does not take"));
}
