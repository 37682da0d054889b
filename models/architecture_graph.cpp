#include "models/architecture_graph.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "models/catalog.hpp"

namespace lakesim::models {

namespace {

using lakesim::sim::ComputeKind;
using lakesim::sim::ComputeSpec;
using lakesim::sim::ControlPlaneSpec;
using lakesim::sim::RegionSpec;
using lakesim::sim::Scenario;

constexpr std::string_view kExternalPrefix = "external:";

struct ExternalSystem {
  std::string_view id;
  std::string_view label;
};

// Systems outside Databricks and AWS that the request paths reach.
constexpr ExternalSystem kExternals[] = {
    {"external:idp", "Identity provider (Okta / Azure AD)"},
    {"external:git", "Git provider (GitHub / GitLab)"},
    {"external:terraform", "Terraform / IaC runner"},
    {"external:siem", "SIEM"},
};

struct Call {
  std::string_view from;  // catalogue id, or an external id
  std::string_view to;
  std::string_view label;
};

// The request paths of the seed's Architecture Flow, hop by hop: a job run (API, auth, RBAC, scheduler,
// cluster management, compute, catalogue, data, logs), a SQL query (UI, warehouse management, planner,
// warehouse), and the side paths of workspace content, ML metadata and audit. Each call is drawn inside
// every region where both ends are deployed.
constexpr Call kCalls[] = {
    // Entry and identity
    {"workspace_ui", "workspace_apis", "REST"},
    {"external:terraform", "workspace_apis", "apply"},
    {"workspace_apis", "authentication_sso", "authenticate"},
    {"authentication_sso", "external:idp", "SAML / OIDC"},
    {"authentication_sso", "users_and_groups", "resolve user"},
    {"workspace_apis", "permissions_rbac", "authorize"},
    {"permissions_rbac", "users_and_groups", "groups"},
    {"workspace_apis", "audit_logs", "audit"},
    // A job run
    {"workspace_apis", "job_scheduler", "submit run"},
    {"job_scheduler", "workflows", "task graph"},
    {"job_scheduler", "cluster_management", "request compute"},
    {"cluster_management", "serverless_spark_compute", "start / reuse"},
    {"serverless_spark_compute", "unity_catalog", "metadata, grants"},
    {"serverless_spark_compute", "delta_table_data", "read / write"},
    {"serverless_spark_compute", "delta_transaction_logs", "commit"},
    {"serverless_spark_compute", "temporary_spark_shuffle_data", "shuffle"},
    {"serverless_spark_compute", "streaming_checkpoints", "checkpoint"},
    {"serverless_spark_compute", "ml_training_data", "read"},
    {"serverless_spark_compute", "mlflow_model_artifacts", "log model"},
    {"serverless_spark_compute", "dbfs_root", "read / write"},
    {"serverless_spark_compute", "job_execution_logs", "logs"},
    {"serverless_spark_compute", "data_lineage", "lineage"},
    {"serverless_spark_compute", "audit_logs", "audit"},
    // A SQL query
    {"workspace_ui", "sql_warehouse_management", "run query"},
    {"sql_warehouse_management", "sql_query_planner", "plan"},
    {"sql_warehouse_management", "sql_warehouse_compute", "start / scale"},
    {"sql_query_planner", "sql_warehouse_compute", "execute"},
    {"sql_warehouse_compute", "unity_catalog", "metadata, grants"},
    {"sql_warehouse_compute", "delta_table_data", "read"},
    {"sql_warehouse_compute", "delta_transaction_logs", "snapshot"},
    // Governance: Unity Catalog resolves names to the storage it governs
    {"unity_catalog", "metastore", "table metadata"},
    {"unity_catalog", "unity_catalog_managed_storage", "governs"},
    {"unity_catalog", "unity_catalog_volumes", "governs"},
    {"unity_catalog", "managed_tables", "governs"},
    {"unity_catalog", "external_tables", "governs"},
    // Workspace content
    {"workspace_ui", "notebook_source_code", "edit"},
    {"workspace_ui", "notebook_outputs", "store results"},
    {"workspace_ui", "workspace_files", "upload"},
    {"workspace_ui", "repos_git_integration", "pull / push"},
    {"notebook_source_code", "external:git", "sync"},
    {"repos_git_integration", "external:git", "pull / push"},
    // ML and monitoring metadata point at the data they describe
    {"workspace_apis", "feature_store_metadata", "manage"},
    {"workspace_apis", "model_registry_metadata", "manage"},
    {"workspace_apis", "lakehouse_monitoring_metadata", "manage"},
    {"workspace_apis", "vector_search_metadata", "manage"},
    {"feature_store_metadata", "feature_store_data", "features"},
    {"model_registry_metadata", "mlflow_model_artifacts", "versions"},
    {"vector_search_metadata", "vector_search_index_data", "index"},
    // Audit trail leaves the platform
    {"audit_logs", "external:siem", "ship"},
};

bool is_external(std::string_view id) { return id.substr(0, kExternalPrefix.size()) == kExternalPrefix; }

// Which compute placements a compute-pool component runs on.
std::optional<ComputeKind> compute_kind_of(std::string_view component) {
  if (component == "serverless_spark_compute") return ComputeKind::ServerlessSpark;
  if (component == "sql_warehouse_compute") return ComputeKind::SqlWarehouse;
  return std::nullopt;
}

std::string_view compute_kind_key(ComputeKind k) {
  return k == ComputeKind::ServerlessSpark ? "serverless_spark" : "sql_warehouse";
}

// A region's copy of these is what a failover needs; scratch and services hold nothing to copy.
bool replicates(const Component& c) {
  if (c.plane == Plane::Data) return c.archetype == Archetype::Dataset || c.archetype == Archetype::LogSink;
  return c.archetype == Archetype::MetadataStore;
}

std::string region_id(std::string_view region) { return "region:" + std::string(region); }
std::string az_id(std::string_view az) { return "az:" + std::string(az); }
std::string s3_id(std::string_view region) { return "s3:" + std::string(region); }
std::string control_hosts_id(std::string_view region) { return "hosts:control-plane@" + std::string(region); }
std::string compute_hosts_id(std::string_view name) { return "hosts:compute:" + std::string(name); }

class GraphBuilder {
 public:
  explicit GraphBuilder(const Scenario& s) : scenario_(s) {}

  Graph build() {
    for (const ExternalSystem& e : kExternals)
      add_node({std::string(e.id), NodeKind::External, std::string(e.label), "", "", ""});
    for (const RegionSpec& region : scenario_.regions) add_region(region);
    add_replication();
    return std::move(graph_);
  }

 private:
  // Ids are unique in a validated scenario; should one repeat anyway, the first node keeps it.
  Vertex add_node(Node node) {
    if (auto found = index_.find(node.id); found != index_.end()) return found->second;
    const std::string id = node.id;
    const Vertex v = boost::add_vertex(std::move(node), graph_);
    index_.emplace(id, v);
    return v;
  }

  // Adds the edge only when both ends exist, so optional parts of a region drop out on their own.
  void add_edge(const std::string& from, const std::string& to, EdgeKind kind, std::string_view label = "") {
    const auto a = index_.find(from);
    const auto b = index_.find(to);
    if (a == index_.end() || b == index_.end()) return;
    boost::add_edge(a->second, b->second, Edge{kind, std::string(label)}, graph_);
  }

  bool has_node(const std::string& id) const { return index_.count(id) != 0; }

  void add_region(const RegionSpec& region) {
    const std::string& r = region.name;
    add_node({region_id(r), NodeKind::Region, r, r, "", ""});
    for (const std::string& az : region.azs) {
      add_node({az_id(az), NodeKind::AvailabilityZone, az, r, "", ""});
      add_edge(region_id(r), az_id(az), EdgeKind::Contains);
    }
    add_node({s3_id(r), NodeKind::S3Service, "Amazon S3 (" + r + ")", r, "data", ""});
    add_edge(region_id(r), s3_id(r), EdgeKind::Contains);

    const ControlPlaneSpec* control_plane = nullptr;
    for (const ControlPlaneSpec& cp : scenario_.control_plane) {
      if (cp.region == r) {
        control_plane = &cp;
        break;
      }
    }
    std::vector<const ComputeSpec*> compute;
    for (const ComputeSpec& c : scenario_.compute) {
      if (c.region == r) compute.push_back(&c);
    }

    if (control_plane) add_control_plane_hosts(*control_plane);
    for (const ComputeSpec* c : compute) add_compute_hosts(*c);
    for (const Component& c : catalog()) place_component(c, r, control_plane != nullptr, compute);
    for (const Call& call : kCalls) {
      add_edge(call_end_id(call.from, r), call_end_id(call.to, r), EdgeKind::Calls, call.label);
    }
  }

  void add_control_plane_hosts(const ControlPlaneSpec& cp) {
    const std::string id = control_hosts_id(cp.region);
    const std::size_t hosts = cp.azs.size() * static_cast<std::size_t>(cp.hosts_per_az);
    add_node({id, NodeKind::HostGroup,
              "control-plane hosts (" + std::to_string(hosts) + " x " + cp.instance_type + ")", cp.region,
              "control", ""});
    add_edge(region_id(cp.region), id, EdgeKind::Contains);
    for (const std::string& az : cp.azs) add_edge(id, az_id(az), EdgeKind::RunsOn);
  }

  void add_compute_hosts(const ComputeSpec& c) {
    const std::string id = compute_hosts_id(c.name);
    add_node({id, NodeKind::HostGroup,
              c.name + " (" + std::string(compute_kind_key(c.kind)) + ", " + std::to_string(c.instances) + " x " +
                  c.instance_type + ")",
              c.region, "data", ""});
    add_edge(region_id(c.region), id, EdgeKind::Contains);
    for (const std::string& az : c.azs) add_edge(id, az_id(az), EdgeKind::RunsOn);
  }

  // Deploys one catalogue row in a region if the region has what it needs, and ties it to its hardware.
  void place_component(const Component& c, const std::string& region, bool has_control_plane,
                       const std::vector<const ComputeSpec*>& compute) {
    std::vector<std::string> hosts;
    bool stored_in_s3 = false;
    if (c.plane == Plane::Control) {
      if (!has_control_plane) return;
      hosts.push_back(control_hosts_id(region));
    } else if (c.archetype == Archetype::ComputePool || c.archetype == Archetype::Scratch) {
      // Shuffle files live on the local disks of the Spark pools.
      const std::optional<ComputeKind> kind =
          c.archetype == Archetype::Scratch ? ComputeKind::ServerlessSpark : compute_kind_of(c.id);
      if (!kind) return;
      for (const ComputeSpec* placement : compute) {
        if (placement->kind == *kind) hosts.push_back(compute_hosts_id(placement->name));
      }
      if (hosts.empty()) return;
    } else if (c.archetype == Archetype::Dataset || c.archetype == Archetype::LogSink) {
      // Buckets exist wherever the workspace does: with its control plane or its compute.
      if (!has_control_plane && compute.empty()) return;
      stored_in_s3 = true;
    } else {
      return;  // no data-plane service or metadata store exists in the catalogue
    }

    const std::string id = component_node_id(c.id, region);
    add_node({id, NodeKind::Component, std::string(c.name), region, std::string(plane_key(c.plane)),
              std::string(c.id)});
    for (const std::string& host : hosts) add_edge(id, host, EdgeKind::RunsOn);
    if (stored_in_s3) add_edge(id, s3_id(region), EdgeKind::StoresIn);
  }

  static std::string call_end_id(std::string_view end, const std::string& region) {
    return is_external(end) ? std::string(end) : component_node_id(end, region);
  }

  // The first listed region is the primary; its copy of each replicated component feeds every other.
  void add_replication() {
    if (scenario_.regions.size() < 2) return;
    const std::string& primary = scenario_.regions.front().name;
    for (const Component& c : catalog()) {
      if (!replicates(c)) continue;
      const std::string source = component_node_id(c.id, primary);
      if (!has_node(source)) continue;
      for (std::size_t i = 1; i < scenario_.regions.size(); ++i) {
        add_edge(source, component_node_id(c.id, scenario_.regions[i].name), EdgeKind::ReplicatesTo,
                 c.dr_practice);
      }
    }
  }

  const Scenario& scenario_;
  Graph graph_;
  std::map<std::string, Vertex, std::less<>> index_;  // lookup only, never iterated
};

// --- Graphviz rendering ---

// Text made safe inside a DOT double-quoted string; line breaks become centred DOT line breaks.
std::string escaped(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string dot_string(std::string_view text) { return "\"" + escaped(text) + "\""; }

// Breaks long labels at spaces so boxes stay narrow enough for two regions side by side.
std::string wrapped(std::string_view text, std::size_t width = 22) {
  std::string out;
  std::size_t line_length = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line_length > 0 && line_length + 1 + word.size() > width) {
      out += '\n';
      line_length = 0;
    } else if (line_length > 0) {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
    start = end + 1;
  }
  return out;
}

// Cluster names must be plain identifiers beginning with "cluster" for Graphviz to draw a frame.
std::string identifier(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    out += plain ? ch : '_';
  }
  return out;
}

std::string node_attributes(const Node& n) {
  std::string shape = "box";
  std::string style = "filled";
  std::string fill = "white";
  switch (n.kind) {
    case NodeKind::Region: shape = "house"; break;
    case NodeKind::AvailabilityZone:
      shape = "tab";
      fill = "#f7f7f7";
      break;
    case NodeKind::HostGroup:
      shape = "box3d";
      fill = "#e8e8e8";
      break;
    case NodeKind::S3Service:
      shape = "cylinder";
      fill = "#f7c873";
      break;
    case NodeKind::External:
      shape = "hexagon";
      fill = "#eeeeee";
      break;
    case NodeKind::Component: {
      fill = n.plane == "control" ? "#d6e6f7" : "#dcefd0";
      const Component* c = find_component(n.component);
      switch (c ? c->archetype : Archetype::Service) {
        case Archetype::Service: style = "filled,rounded"; break;
        case Archetype::MetadataStore: shape = "folder"; break;
        case Archetype::LogSink: shape = "note"; break;
        case Archetype::ComputePool: shape = "component"; break;
        case Archetype::Dataset: shape = "cylinder"; break;
        case Archetype::Scratch:
          shape = "cylinder";
          style = "filled,dashed";
          break;
      }
      break;
    }
  }
  return "label=" + dot_string(wrapped(n.label)) + ", shape=" + shape + ", style=" + dot_string(style) +
         ", fillcolor=" + dot_string(fill);
}

std::string edge_attributes(const Edge& e) {
  switch (e.kind) {
    case EdgeKind::Contains: return "style=invis";
    case EdgeKind::Calls:
      return "color=\"#333333\"" + (e.label.empty() ? "" : ", label=" + dot_string(wrapped(e.label, 18)));
    case EdgeKind::RunsOn: return "style=dashed, color=\"#aaaaaa\", arrowhead=empty";
    case EdgeKind::StoresIn: return "style=dotted, color=\"#b07d1a\"";
    case EdgeKind::ReplicatesTo:
      // Kept out of the ranking so each region keeps its own top-to-bottom flow. The practice is a
      // tooltip here and a line of the replication key: two dozen labels across the regions hide the nodes.
      return "style=bold, penwidth=2, color=\"#c0392b\", constraint=false, tooltip=" + dot_string(e.label);
  }
  return "";
}

auto all_vertices(const Graph& g) { return boost::make_iterator_range(boost::vertices(g)); }

class DotWriter {
 public:
  explicit DotWriter(const Graph& g) : g_(g), drawn_(boost::num_vertices(g), false) {}

  std::string write() {
    out_ << "digraph architecture {\n"
         << "  graph [rankdir=TB, newrank=true, nodesep=0.25, ranksep=0.45, fontname=\"Helvetica\", fontsize=14];\n"
         << "  node [fontname=\"Helvetica\", fontsize=10, margin=\"0.08,0.04\"];\n"
         << "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.7];\n";
    // Written first, the nodes outside every frame also make Graphviz keep the regions in listed order,
    // the primary on the left.
    std::vector<std::string> regions;
    for (const Vertex v : all_vertices(g_)) {
      if (g_[v].kind == NodeKind::Region) regions.push_back(g_[v].region);
    }
    for (const Vertex v : all_vertices(g_)) {
      const Node& n = g_[v];
      const bool framed = std::find(regions.begin(), regions.end(), n.region) != regions.end();
      if (n.kind != NodeKind::Region && !framed) write_node(v, "  ");
    }
    write_replication_key();
    for (std::size_t i = 0; i < regions.size(); ++i) write_region(regions[i], i);
    // Containment is already visible as nesting; drawing it again would only add clutter.
    for (const auto e : boost::make_iterator_range(boost::edges(g_))) {
      if (g_[e].kind == EdgeKind::Contains) continue;
      out_ << "  " << dot_string(g_[boost::source(e, g_)].id) << " -> " << dot_string(g_[boost::target(e, g_)].id)
           << " [" << edge_attributes(g_[e]) << "];\n";
    }
    out_ << "}\n";
    return out_.str();
  }

 private:
  void write_node(Vertex v, const std::string& indent) {
    out_ << indent << dot_string(g_[v].id) << " [" << node_attributes(g_[v]) << "];\n";
    drawn_[v] = true;
  }

  template <typename Predicate>
  void write_nodes(const std::string& region, const std::string& indent, Predicate wanted) {
    for (const Vertex v : all_vertices(g_)) {
      if (g_[v].region == region && g_[v].kind != NodeKind::Region && !drawn_[v] && wanted(g_[v]))
        write_node(v, indent);
    }
  }

  void open_cluster(const std::string& name, std::string_view label, const std::string& indent,
                    std::string_view style) {
    out_ << indent << "subgraph " << name << " {\n"
         << indent << "  label=" << dot_string(label) << "; labeljust=l; " << style << "\n";
  }

  void write_region(const std::string& region, std::size_t index) {
    const std::string suffix = std::to_string(index);
    open_cluster("cluster_region_" + suffix + "_" + identifier(region), "AWS region " + region, "  ",
                 "style=\"rounded,bold\"; color=\"#555555\"; fontsize=16;");

    open_cluster("cluster_control_" + suffix, "Control plane (Databricks account)", "    ",
                 "style=\"rounded,filled\"; fillcolor=\"#f2f7fc\"; color=\"#5b8fc7\";");
    write_nodes(region, "      ", [](const Node& n) { return n.kind == NodeKind::Component && n.plane == "control"; });
    write_nodes(region, "      ", [](const Node& n) { return n.kind == NodeKind::HostGroup && n.plane == "control"; });
    out_ << "    }\n";

    open_cluster("cluster_data_" + suffix, "Data plane (customer account)", "    ",
                 "style=\"rounded,filled\"; fillcolor=\"#f4faf0\"; color=\"#6aa84f\";");
    write_nodes(region, "      ", [](const Node& n) { return n.kind == NodeKind::Component; });
    open_cluster("cluster_hardware_" + suffix, "Hardware", "      ", "style=\"dashed\"; color=\"#999999\";");
    write_nodes(region, "        ", [](const Node& n) {
      return n.kind == NodeKind::HostGroup || n.kind == NodeKind::AvailabilityZone;
    });
    out_ << "      }\n";
    out_ << "    }\n";

    write_nodes(region, "    ", [](const Node&) { return true; });  // the region's S3 endpoint
    out_ << "  }\n";
  }

  // One line per replicated component with its DR practice, so the picture states how each copy is made.
  void write_replication_key() {
    std::vector<std::string> from_regions;
    std::vector<std::string> to_regions;
    std::vector<std::pair<std::string, std::string>> rows;  // component name, practice
    const auto remember = [](std::vector<std::string>& list, const std::string& value) {
      if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
    };
    for (const auto e : boost::make_iterator_range(boost::edges(g_))) {
      if (g_[e].kind != EdgeKind::ReplicatesTo) continue;
      const Node& from = g_[boost::source(e, g_)];
      remember(from_regions, from.region);
      remember(to_regions, g_[boost::target(e, g_)].region);
      std::pair<std::string, std::string> row{from.label, g_[e].label};
      if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(std::move(row));
    }
    if (rows.empty()) return;

    const auto joined = [](const std::vector<std::string>& list) {
      std::string text;
      for (const std::string& item : list) text += (text.empty() ? "" : ", ") + item;
      return text;
    };
    // "\l" ends a left-aligned line; it is added outside the escaping so it stays a DOT escape.
    std::string label = escaped("Cross-region replication " + joined(from_regions) + " -> " + joined(to_regions)) +
                        "\\l\\l";
    for (const auto& [component, practice] : rows) label += escaped(component + ": " + practice) + "\\l";
    out_ << "  \"key:replication\" [label=\"" << label
         << "\", shape=box, style=\"rounded,filled\", fillcolor=\"#fdf0ee\", color=\"#c0392b\", fontsize=9];\n";
  }

  const Graph& g_;
  std::ostringstream out_;
  std::vector<bool> drawn_;  // each node is written once, in the first frame that claims it
};

}  // namespace

Graph build_architecture_graph(const Scenario& s) { return GraphBuilder(s).build(); }

std::string component_node_id(std::string_view component, std::string_view region) {
  return "component:" + std::string(component) + "@" + std::string(region);
}

std::optional<Vertex> find_node(const Graph& g, std::string_view id) {
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].id == id) return v;
  }
  return std::nullopt;
}

std::string to_dot(const Graph& g) { return DotWriter(g).write(); }

nlohmann::json to_json(const Graph& g) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    nodes.push_back({{"id", n.id},
                     {"kind", to_string(n.kind)},
                     {"label", n.label},
                     {"region", n.region},
                     {"plane", n.plane},
                     {"component", n.component}});
  }
  nlohmann::json edges = nlohmann::json::array();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    edges.push_back({{"from", g[boost::source(e, g)].id},
                     {"to", g[boost::target(e, g)].id},
                     {"kind", to_string(g[e].kind)},
                     {"label", g[e].label}});
  }
  return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::Region: return "region";
    case NodeKind::AvailabilityZone: return "availability_zone";
    case NodeKind::HostGroup: return "host_group";
    case NodeKind::S3Service: return "s3_service";
    case NodeKind::Component: return "component";
    case NodeKind::External: return "external";
  }
  return "";
}

std::string_view to_string(EdgeKind k) {
  switch (k) {
    case EdgeKind::Contains: return "contains";
    case EdgeKind::RunsOn: return "runs_on";
    case EdgeKind::Calls: return "calls";
    case EdgeKind::StoresIn: return "stores_in";
    case EdgeKind::ReplicatesTo: return "replicates_to";
  }
  return "";
}

}  // namespace lakesim::models
