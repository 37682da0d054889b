#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "models/architecture_graph.hpp"
#include "presentation/architecture_picture.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario.hpp"

using lakesim::models::build_architecture_graph;
using lakesim::models::catalog;
using lakesim::models::Component;
using lakesim::models::component_node_id;
using lakesim::models::EdgeKind;
using lakesim::models::find_node;
using lakesim::models::Graph;
using lakesim::models::NodeKind;
using lakesim::models::plane_key;
using lakesim::models::to_json;
using lakesim::models::Vertex;
using lakesim::presentation::to_dot;
using lakesim::sim::ComputeKind;
using lakesim::sim::ComputeSpec;
using lakesim::sim::ControlPlaneSpec;
using lakesim::sim::RegionSpec;
using lakesim::sim::Scenario;

namespace {

RegionSpec region(const std::string& name, std::vector<std::string> azs) {
  RegionSpec r;
  r.name = name;
  r.azs = std::move(azs);
  return r;
}

ControlPlaneSpec control_plane(const std::string& region, std::vector<std::string> azs) {
  ControlPlaneSpec cp;
  cp.region = region;
  cp.azs = std::move(azs);
  cp.hosts_per_az = 3;
  cp.instance_type = "m5.xlarge";
  return cp;
}

ComputeSpec compute(const std::string& name, ComputeKind kind, const std::string& region, std::vector<std::string> azs,
                    int instances) {
  ComputeSpec c;
  c.name = name;
  c.kind = kind;
  c.region = region;
  c.azs = std::move(azs);
  c.instance_type = "i3.xlarge";
  c.instances = instances;
  return c;
}

// Primary us-east-1 with Spark and SQL compute; us-west-2 with a control plane and Spark only.
Scenario two_region_scenario() {
  Scenario s;
  s.name = "two-region";
  s.regions = {region("us-east-1", {"us-east-1a", "us-east-1b"}), region("us-west-2", {"us-west-2a", "us-west-2b"})};
  s.network.inter_region.push_back({"us-east-1", "us-west-2", {0.035, 1.25e9}});
  s.control_plane = {control_plane("us-east-1", {"us-east-1a", "us-east-1b"}),
                     control_plane("us-west-2", {"us-west-2a", "us-west-2b"})};
  s.compute = {compute("etl-east", ComputeKind::ServerlessSpark, "us-east-1", {"us-east-1a", "us-east-1b"}, 8),
               compute("bi-east", ComputeKind::SqlWarehouse, "us-east-1", {"us-east-1a"}, 4),
               compute("etl-west", ComputeKind::ServerlessSpark, "us-west-2", {"us-west-2a", "us-west-2b"}, 4)};
  return s;
}

Scenario single_region_scenario() {
  Scenario s;
  s.name = "single-region";
  s.regions = {region("us-east-1", {"us-east-1a", "us-east-1b"})};
  s.control_plane = {control_plane("us-east-1", {"us-east-1a", "us-east-1b"})};
  s.compute = {compute("etl-east", ComputeKind::ServerlessSpark, "us-east-1", {"us-east-1a", "us-east-1b"}, 8)};
  return s;
}

std::string in(const std::string& component, const std::string& region) { return component_node_id(component, region); }

// The edge of that kind from one node to another, if both nodes and the edge exist.
const lakesim::models::Edge* find_edge(const Graph& g, const std::string& from, const std::string& to, EdgeKind kind) {
  const auto a = find_node(g, from);
  const auto b = find_node(g, to);
  if (!a || !b) return nullptr;
  for (const auto e : boost::make_iterator_range(boost::out_edges(*a, g))) {
    if (boost::target(e, g) == *b && g[e].kind == kind) return &g[e];
  }
  return nullptr;
}

std::size_t count_edges(const Graph& g, EdgeKind kind) {
  std::size_t n = 0;
  for (const auto e : boost::make_iterator_range(boost::edges(g))) n += g[e].kind == kind ? 1 : 0;
  return n;
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// Lines of DOT source that declare the node with that id (edge lines begin with their source id and "->").
std::size_t declarations(const std::string& dot, const std::string& id) {
  const std::string head = "\"" + id + "\" [";
  std::size_t n = 0;
  std::istringstream lines(dot);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line.compare(first, head.size(), head) == 0) ++n;
  }
  return n;
}

// Walks a request path hop by hop, naming the first missing hop so a failure says where the path breaks.
void require_call_chain(const Graph& g, const std::vector<std::string>& components, const std::string& region) {
  for (std::size_t i = 0; i + 1 < components.size(); ++i) {
    INFO("hop " << components[i] << " -> " << components[i + 1] << " in " << region);
    REQUIRE(find_edge(g, in(components[i], region), in(components[i + 1], region), EdgeKind::Calls) != nullptr);
  }
}

}  // namespace

TEST_CASE("every catalogue component is deployed in a region with control plane, Spark and SQL compute") {
  const Graph g = build_architecture_graph(two_region_scenario());
  REQUIRE(catalog().size() == 38);
  for (const Component& c : catalog()) {
    INFO(c.id);
    const auto v = find_node(g, in(std::string(c.id), "us-east-1"));
    REQUIRE(v);
    CHECK(g[*v].kind == NodeKind::Component);
    CHECK(g[*v].component == c.id);
    CHECK(g[*v].region == "us-east-1");
    CHECK(g[*v].plane == plane_key(c.plane));
  }
}

TEST_CASE("hardware nodes carry the placements of the scenario") {
  const Graph g = build_architecture_graph(two_region_scenario());
  for (const std::string id : {"region:us-east-1", "region:us-west-2", "az:us-east-1a", "az:us-west-2b", "s3:us-east-1",
                               "s3:us-west-2", "external:idp", "external:git", "external:terraform", "external:siem"}) {
    INFO(id);
    CHECK(find_node(g, id));
  }
  CHECK(find_edge(g, "region:us-east-1", "az:us-east-1b", EdgeKind::Contains));
  CHECK(find_edge(g, "region:us-west-2", "s3:us-west-2", EdgeKind::Contains));
  CHECK_FALSE(find_edge(g, "region:us-east-1", "az:us-west-2a", EdgeKind::Contains));

  const auto control_hosts = find_node(g, "hosts:control-plane@us-east-1");
  REQUIRE(control_hosts);
  CHECK(g[*control_hosts].kind == NodeKind::HostGroup);
  CHECK(g[*control_hosts].label.find("6 x m5.xlarge") != std::string::npos);  // 2 AZs x 3 hosts

  const auto sql_hosts = find_node(g, "hosts:compute:bi-east");
  REQUIRE(sql_hosts);
  CHECK(g[*sql_hosts].label.find("4 x i3.xlarge") != std::string::npos);
  CHECK(find_edge(g, "hosts:compute:bi-east", "az:us-east-1a", EdgeKind::RunsOn));
  CHECK_FALSE(find_edge(g, "hosts:compute:bi-east", "az:us-east-1b", EdgeKind::RunsOn));

  CHECK(find_edge(g, in("unity_catalog", "us-east-1"), "hosts:control-plane@us-east-1", EdgeKind::RunsOn));
  CHECK(find_edge(g, in("serverless_spark_compute", "us-east-1"), "hosts:compute:etl-east", EdgeKind::RunsOn));
  CHECK(find_edge(g, in("sql_warehouse_compute", "us-east-1"), "hosts:compute:bi-east", EdgeKind::RunsOn));
  CHECK_FALSE(find_edge(g, in("serverless_spark_compute", "us-east-1"), "hosts:compute:bi-east", EdgeKind::RunsOn));
  CHECK(find_edge(g, in("temporary_spark_shuffle_data", "us-west-2"), "hosts:compute:etl-west", EdgeKind::RunsOn));
  CHECK(find_edge(g, in("delta_table_data", "us-west-2"), "s3:us-west-2", EdgeKind::StoresIn));
  CHECK(find_edge(g, in("job_execution_logs", "us-east-1"), "s3:us-east-1", EdgeKind::StoresIn));
  CHECK_FALSE(find_edge(g, in("temporary_spark_shuffle_data", "us-east-1"), "s3:us-east-1", EdgeKind::StoresIn));
}

TEST_CASE("a job run and a SQL query follow the Architecture Flow as chains of calls") {
  const Graph g = build_architecture_graph(two_region_scenario());
  for (const std::string region : {"us-east-1", "us-west-2"}) {
    require_call_chain(g,
                       {"workspace_ui", "workspace_apis", "job_scheduler", "cluster_management",
                        "serverless_spark_compute", "delta_table_data"},
                       region);
    require_call_chain(g, {"serverless_spark_compute", "unity_catalog", "metastore"}, region);
    require_call_chain(g, {"workspace_ui", "workspace_apis", "authentication_sso", "users_and_groups"}, region);
    CHECK(find_edge(g, in("authentication_sso", region), "external:idp", EdgeKind::Calls));
    CHECK(find_edge(g, "external:terraform", in("workspace_apis", region), EdgeKind::Calls));
    CHECK_FALSE(find_edge(g, in("workspace_apis", region), "external:terraform", EdgeKind::Calls));
    CHECK(find_edge(g, in("audit_logs", region), "external:siem", EdgeKind::Calls));
  }
  require_call_chain(
      g, {"workspace_ui", "sql_warehouse_management", "sql_query_planner", "sql_warehouse_compute", "delta_table_data"},
      "us-east-1");
  // Request paths stay inside their region.
  CHECK_FALSE(find_edge(g, in("cluster_management", "us-east-1"), in("serverless_spark_compute", "us-west-2"),
                        EdgeKind::Calls));
}

TEST_CASE("SQL warehouse compute exists only where a SQL warehouse is placed") {
  const Graph g = build_architecture_graph(two_region_scenario());
  CHECK(find_node(g, in("sql_warehouse_compute", "us-east-1")));
  CHECK_FALSE(find_node(g, in("sql_warehouse_compute", "us-west-2")));
  // Its control-plane manager is still there; the call to it simply has no target.
  CHECK(find_node(g, in("sql_warehouse_management", "us-west-2")));
  const auto planner = find_node(g, in("sql_query_planner", "us-west-2"));
  REQUIRE(planner);
  for (const auto e : boost::make_iterator_range(boost::out_edges(*planner, g))) {
    CHECK(g[boost::target(e, g)].component != "sql_warehouse_compute");
  }
}

TEST_CASE("without replication or DR no copy between regions is drawn and the catalogue's practices are listed apart") {
  const Graph g = build_architecture_graph(two_region_scenario());
  CHECK(count_edges(g, EdgeKind::ReplicatesTo) == 0);
  const auto& unconfigured = g[boost::graph_bundle].unconfigured;
  // 11 data-plane datasets and the transaction logs by S3 replication, 6 metadata stores by export.
  CHECK(unconfigured.size() == 17);
  for (const auto& u : unconfigured) {
    INFO(u.component);
    CHECK(u.region == "us-east-1");
    CHECK(u.component != "temporary_spark_shuffle_data");
    CHECK((u.mechanism == "S3 replication" || u.mechanism == "metadata export"));
  }
  CHECK(to_json(g).at("unconfigured_practices").size() == 17);
}

TEST_CASE("S3 replication draws exactly the datasets it copies, from its source to its destination") {
  Scenario s = two_region_scenario();
  lakesim::sim::ReplicationSpec r;
  r.from = "us-east-1";
  r.to = "us-west-2";
  r.rtc = true;
  r.datasets = {lakesim::models::ComponentId::DeltaTableData, lakesim::models::ComponentId::StreamingCheckpoints};
  s.replication = r;
  const Graph g = build_architecture_graph(s);
  CHECK(count_edges(g, EdgeKind::ReplicatesTo) == 2);
  const auto* delta =
      find_edge(g, in("delta_table_data", "us-east-1"), in("delta_table_data", "us-west-2"), EdgeKind::ReplicatesTo);
  REQUIRE(delta);
  CHECK(delta->label == "S3 replication with Replication Time Control");
  CHECK(find_edge(g, in("streaming_checkpoints", "us-east-1"), in("streaming_checkpoints", "us-west-2"),
                  EdgeKind::ReplicatesTo));
  CHECK_FALSE(
      find_edge(g, in("delta_table_data", "us-west-2"), in("delta_table_data", "us-east-1"), EdgeKind::ReplicatesTo));
  CHECK_FALSE(
      find_edge(g, in("managed_tables", "us-east-1"), in("managed_tables", "us-west-2"), EdgeKind::ReplicatesTo));
  CHECK(g[boost::graph_bundle].unconfigured.size() == 15);

  SECTION("a DR strategy adds its metadata export and deep clone") {
    lakesim::sim::DrSpec dr;
    dr.strategy = lakesim::sim::DrStrategy::WarmStandby;
    dr.primary = "us-east-1";
    dr.secondary = "us-west-2";
    dr.metadata_export = {true, 300, 0, 0, -1};
    s.dr = dr;
    const Graph with_dr = build_architecture_graph(s);
    const auto* export_edge =
        find_edge(with_dr, in("unity_catalog", "us-east-1"), in("unity_catalog", "us-west-2"), EdgeKind::ReplicatesTo);
    REQUIRE(export_edge);
    CHECK(export_edge->label == "metadata export every 5m");
    CHECK(count_edges(with_dr, EdgeKind::ReplicatesTo) == 2 + 6);
    CHECK(with_dr[boost::graph_bundle].unconfigured.size() == 15 - 6);
    CHECK_FALSE(find_edge(with_dr, in("job_execution_logs", "us-east-1"), in("job_execution_logs", "us-west-2"),
                          EdgeKind::ReplicatesTo));
  }
}

TEST_CASE("a single region has nothing to replicate to") {
  const Graph g = build_architecture_graph(single_region_scenario());
  CHECK(boost::num_edges(g) > 0);
  CHECK(count_edges(g, EdgeKind::Calls) > 0);
  CHECK(count_edges(g, EdgeKind::ReplicatesTo) == 0);
  CHECK_FALSE(find_node(g, in("sql_warehouse_compute", "us-east-1")));
}

TEST_CASE("the DOT rendering frames each region and is deterministic") {
  const Scenario s = two_region_scenario();
  const Graph g = build_architecture_graph(s);
  const std::string dot = to_dot(g);
  CHECK(dot.rfind("digraph", 0) == 0);
  CHECK(occurrences(dot, "subgraph cluster_region_") == s.regions.size());
  CHECK(occurrences(dot, "Control plane (Databricks account)") == s.regions.size());
  CHECK(occurrences(dot, "Data plane (customer account)") == s.regions.size());
  CHECK(occurrences(dot, "{") == occurrences(dot, "}"));
  CHECK(dot == to_dot(g));
  CHECK(dot == to_dot(build_architecture_graph(s)));
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == NodeKind::Region) continue;  // drawn as its cluster
    INFO(g[v].id);
    CHECK(declarations(dot, g[v].id) == 1);
  }
  // Without configured copies there are no cross-region edges; the key lists what is recommended.
  CHECK(dot.find("constraint=false") == std::string::npos);
  CHECK(dot.find("Recommended, not configured in this scenario") != std::string::npos);
  Scenario replicated = s;
  replicated.replication = lakesim::sim::ReplicationSpec{};
  replicated.replication->from = "us-east-1";
  replicated.replication->to = "us-west-2";
  replicated.replication->datasets = {lakesim::models::ComponentId::DeltaTableData};
  const std::string with_copies = to_dot(build_architecture_graph(replicated));
  CHECK(with_copies.find("constraint=false") != std::string::npos);
  CHECK(with_copies.find("Delta Table Data: S3 replication") != std::string::npos);
}

TEST_CASE("DOT escapes quotes and backslashes in names") {
  Scenario s = single_region_scenario();
  s.compute.front().name = "etl \"nightly\" \\ batch";
  const std::string dot = to_dot(build_architecture_graph(s));
  CHECK(dot.find("\"hosts:compute:etl \\\"nightly\\\" \\\\ batch\"") != std::string::npos);
  CHECK(dot.find("etl \"nightly\"") == std::string::npos);
}

TEST_CASE("the JSON rendering lists every node and edge") {
  const Graph g = build_architecture_graph(two_region_scenario());
  const nlohmann::json j = to_json(g);
  REQUIRE(j.at("nodes").is_array());
  REQUIRE(j.at("edges").is_array());
  CHECK(j.at("nodes").size() == boost::num_vertices(g));
  CHECK(j.at("edges").size() == boost::num_edges(g));

  std::set<std::string> ids;
  for (const auto& node : j.at("nodes")) ids.insert(node.at("id").get<std::string>());
  CHECK(ids.size() == boost::num_vertices(g));  // ids are unique
  for (const auto& edge : j.at("edges")) {
    CHECK(ids.count(edge.at("from").get<std::string>()) == 1);
    CHECK(ids.count(edge.at("to").get<std::string>()) == 1);
  }
  CHECK(j.at("nodes")[0].at("kind") == "external");
  CHECK(j.at("unconfigured_practices").is_array());
  CHECK(j == to_json(build_architecture_graph(two_region_scenario())));
}
