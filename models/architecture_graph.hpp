#pragma once
// The architecture a scenario describes, as a graph: regions, availability zones, host groups and S3 on
// one side; the catalogue's components placed on them on the other; and the request paths, storage and
// cross-region replication between them. Used to show the design (DOT, JSON), never to run it.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/range/iterator_range.hpp>
#include <nlohmann/json.hpp>

#include "scenario/scenario.hpp"

namespace lakesim::models {

enum class NodeKind { Region, AvailabilityZone, HostGroup, S3Service, Component, External };

enum class EdgeKind {
  Contains,      // region -> AZ, S3, host group
  RunsOn,        // component -> host group, host group -> AZ
  Calls,         // a request path: caller -> callee
  StoresIn,      // dataset or log -> the region's S3
  ReplicatesTo,  // a configured copy: S3 replication, deep clone or metadata export to another region
};

struct Node {
  std::string id;  // unique, e.g. "region:us-east-1", "component:unity_catalog@us-east-1"
  NodeKind kind = NodeKind::Component;
  std::string label;      // what a person reads
  std::string region;     // "" for externals
  std::string plane;      // "control" / "data" / "" (regions, AZs, externals)
  std::string component;  // catalogue id, or "" for anything that is not a component
};

struct Edge {
  EdgeKind kind = EdgeKind::Calls;
  std::string label;
};

// A cross-region practice the catalogue recommends for a component that the scenario does not
// configure: shown apart from the copies that run, so a picture never claims a copy it lacks.
struct UnconfiguredPractice {
  std::string component;  // catalogue id
  std::string region;     // where the data would be copied from
  std::string practice;   // the catalogue's DR practice, e.g. "Enable S3 cross-region replication"
  std::string mechanism;  // how lakesim would carry it out: "S3 replication" or "metadata export"
};

struct GraphInfo {
  std::vector<UnconfiguredPractice> unconfigured;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, Edge, GraphInfo>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

// Builds the graph from the scenario's placements and the component catalogue. The same scenario
// always yields the same vertices and edges in the same order.
Graph build_architecture_graph(const lakesim::sim::Scenario& s);

// How a part of the architecture stands at one instant under the scenario's faults.
enum class Health { Up, Degraded, Down };

// The scenario's faults as they stand at one instant, computed from the fault specs alone.
struct FaultView {
  double at = 0;                            // simulated seconds
  std::map<std::string, Health> nodes;      // node id -> state; absent means up
  std::map<std::string, Health> backbones;  // "<region-a>~<region-b>" (sorted) -> state
  std::vector<std::string> active;          // one line per fault active at `at`
};

// Which nodes and backbones the faults active at `at` take down (hosts and links off, components
// refusing) or degrade (fewer replicas, read-only S3, no new instances, throttling, less bandwidth).
FaultView faults_at(const Graph& g, const lakesim::sim::Scenario& s, double at);

// {"nodes": [{id, kind, label, region, plane, component}], "edges": [{from, to, kind, label}],
//  "unconfigured_practices": [{component, region, practice}]}
nlohmann::json to_json(const Graph& g);

// Every vertex of `g`, for a range-for.
inline auto all_vertices(const Graph& g) { return boost::make_iterator_range(boost::vertices(g)); }

// "<a>~<b>" with the two region names in order: the key of the backbone between them.
std::string backbone_key(std::string a, std::string b);

// "external:<key>", the id the nodes of systems outside Databricks and AWS carry.
std::string external_node_id(Outside o);

// "component:<id>@<region>", the id component nodes carry.
std::string component_node_id(std::string_view component, std::string_view region);

// The vertex with that id, if any (linear scan: graphs are a few hundred vertices).
std::optional<Vertex> find_node(const Graph& g, std::string_view id);

std::string_view to_string(NodeKind k);  // snake_case, e.g. "availability_zone"
std::string_view to_string(EdgeKind k);  // snake_case, e.g. "replicates_to"

}  // namespace lakesim::models
