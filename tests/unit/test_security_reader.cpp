// The `security` and `workspace` sections and the deployment options of compute placements:
// addresses and networks, tokens referenced by workloads, warehouse types and plane defaults.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scenario/defaults.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/scenario_problems.hpp"

using namespace lakesim::sim;

namespace {

const char* kBase = R"({
  "format": "lakesim/1", "name": "security-test", "seed": 7, "duration": "1h",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]}],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}],
  "compute": [
    {"name": "spark", "kind": "classic_spark", "region": "us-east-1", "instances": 4},
    {"name": "sql", "kind": "sql_warehouse", "warehouse_type": "pro", "region": "us-east-1", "instances": 2}
  ],
  "security": {"ip_access_list": ["10.0.0.0/8", "192.0.2.7"], "tokens": [{"name": "ci", "expires": "30m"}],
               "cmk": {"managed_services": true}, "cluster_policy": {"max_instances": 8}},
  "workspace": {"s3_path": "nat_gateway", "notebook_results": "customer_storage"},
  "workloads": [
    {"name": "etl", "class": "job", "region": "us-east-1", "compute": "spark", "token": "ci", "source_ip": "10.1.2.3",
     "arrival": {"kind": "poisson", "rate": "6/h"}, "stages": [{"core_seconds": "10s"}]}
  ]
})";

std::vector<Diagnostic> problems(const nlohmann::json& doc) {
  return lakesim::test::problems(doc, "security-test.json");
}
using lakesim::test::mentions;

}  // namespace

TEST_CASE("security: a full section reads into the spec, with classic defaults for the placements") {
  const Scenario s = load_scenario_text(kBase, "security-test.json");
  REQUIRE(s.security.ip_access_list.size() == 2);
  CHECK(s.security.ip_access_list[0].contains(*parse_ipv4("10.200.0.1")));
  CHECK_FALSE(s.security.ip_access_list[0].contains(*parse_ipv4("11.0.0.1")));
  CHECK(s.security.ip_access_list[1].contains(*parse_ipv4("192.0.2.7")));
  CHECK_FALSE(s.security.ip_access_list[1].contains(*parse_ipv4("192.0.2.8")));
  CHECK(s.security.tokens.at(0).expires == 1800);
  CHECK(s.security.cmk_managed_services);
  CHECK_FALSE(s.security.cmk_workspace_storage);
  CHECK(s.security.cluster_policy_max_instances == 8);
  CHECK(s.workspace.s3_path == S3Path::NatGateway);
  CHECK(s.workspace.notebook_results == NotebookResults::CustomerStorage);
  CHECK(s.workspace.secure_cluster_connectivity);
  CHECK(s.compute[0].plane == ComputePlane::Classic);
  CHECK(s.compute[0].start_delay == defaults::kClassicClusterStartDelay);
  CHECK(s.compute[0].warm_start_delay == defaults::kInstancePoolStartDelay);
  CHECK(s.compute[1].plane == ComputePlane::Classic);
  CHECK(s.compute[1].start_delay == defaults::kClassicSqlStartDelay);
  CHECK(s.workloads[0].token == "ci");
  CHECK(s.workloads[0].source_ip == "10.1.2.3");
}

TEST_CASE("security: addresses and networks must be IPv4") {
  CHECK(parse_ipv4("1.2.3.4"));
  CHECK_FALSE(parse_ipv4("1.2.3"));
  CHECK_FALSE(parse_ipv4("1.2.3.256"));
  CHECK_FALSE(parse_ipv4("1.2.3.4.5"));
  CHECK_FALSE(parse_ipv4("01234.1.1.1"));
  CHECK(parse_cidr("0.0.0.0/0")->contains(*parse_ipv4("8.8.8.8")));
  CHECK_FALSE(parse_cidr("10.0.0.0/33"));
  CHECK_FALSE(parse_cidr("10.0.0.0/"));
  nlohmann::json doc = nlohmann::json::parse(kBase);
  doc["security"]["ip_access_list"][1] = "192.0.2.300";
  doc["workloads"][0]["source_ip"] = "somewhere";
  const auto ds = problems(doc);
  CHECK(mentions(ds, "/security/ip_access_list/1", "not an IPv4 address or network"));
  CHECK(mentions(ds, "/workloads/0/source_ip", "not an IPv4 address"));
}

TEST_CASE("security: a workload's token must be defined, with a suggestion") {
  nlohmann::json doc = nlohmann::json::parse(kBase);
  doc["workloads"][0]["token"] = "cj";
  CHECK(mentions(problems(doc), "/workloads/0/token", "cj"));
  doc["security"].erase("tokens");
  CHECK(mentions(problems(doc), "/workloads/0/token", "defines none"));
}

TEST_CASE("security: unknown keys, warehouse types and placement options are refused") {
  nlohmann::json doc = nlohmann::json::parse(kBase);
  doc["security"]["cmk"]["workspace_storag"] = true;
  doc["compute"][1]["warehouse_type"] = "classical";
  doc["compute"][0]["warehouse_type"] = "pro";
  doc["workspace"]["s3_path"] = "internet";
  const auto ds = problems(doc);
  CHECK(mentions(ds, "/security/cmk/workspace_storag", "workspace_storage"));
  CHECK(mentions(ds, "/compute/1/warehouse_type", "classical"));
  CHECK(mentions(ds, "/compute/0/warehouse_type", "applies only to sql_warehouse"));
  CHECK(mentions(ds, "/workspace/s3_path", "internet"));
}
