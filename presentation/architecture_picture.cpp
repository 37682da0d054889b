#include "presentation/architecture_picture.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <utility>
#include <variant>
#include <vector>

#include "scenario/catalog.hpp"
#include "scenario/units.hpp"

namespace lakesim::presentation {
namespace {

using namespace models;

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

// How a node looks in both pictures: a shape per kind, and per archetype for components.
struct NodeLook {
  std::string shape = "box";
  std::string style = "filled";
  std::string fill = "white";
};

NodeLook node_look(const Node& n) {
  NodeLook look;
  switch (n.kind) {
    case NodeKind::Region: look.shape = "house"; break;
    case NodeKind::AvailabilityZone:
      look.shape = "tab";
      look.fill = "#f7f7f7";
      break;
    case NodeKind::HostGroup:
      look.shape = "box3d";
      look.fill = "#e8e8e8";
      break;
    case NodeKind::S3Service:
      look.shape = "cylinder";
      look.fill = "#f7c873";
      break;
    case NodeKind::External:
      look.shape = "hexagon";
      look.fill = "#eeeeee";
      break;
    case NodeKind::Component: {
      look.fill = n.plane == "control" ? "#d6e6f7" : "#dcefd0";
      const Component* c = find_component(n.component);
      switch (c ? c->archetype : Archetype::Service) {
        case Archetype::Service: look.style = "filled,rounded"; break;
        case Archetype::MetadataStore: look.shape = "folder"; break;
        case Archetype::LogSink: look.shape = "note"; break;
        case Archetype::ComputePool: look.shape = "component"; break;
        case Archetype::Dataset: look.shape = "cylinder"; break;
        case Archetype::Scratch:
          look.shape = "cylinder";
          look.style = "filled,dashed";
          break;
      }
      break;
    }
  }
  return look;
}

std::string node_attributes(const Node& n) {
  const NodeLook look = node_look(n);
  return "label=" + dot_string(wrapped(n.label)) + ", shape=" + look.shape + ", style=" + dot_string(look.style) +
         ", fillcolor=" + dot_string(look.fill);
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
    write_nodes(region, "        ",
                [](const Node& n) { return n.kind == NodeKind::HostGroup || n.kind == NodeKind::AvailabilityZone; });
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
    // Recommended practices the scenario does not run, grouped by practice and drawn in grey.
    std::vector<std::pair<std::string, std::string>> missing;  // mechanism, component names
    for (const UnconfiguredPractice& u : g_[boost::graph_bundle].unconfigured) {
      const auto v = find_node(g_, component_node_id(u.component, u.region));
      const std::string name = v ? g_[*v].label : u.component;
      auto it = std::find_if(missing.begin(), missing.end(), [&](const auto& m) { return m.first == u.mechanism; });
      if (it == missing.end())
        missing.emplace_back(u.mechanism, name);
      else
        it->second += ", " + name;
    }
    if (rows.empty() && missing.empty()) return;

    const auto joined = [](const std::vector<std::string>& list) {
      std::string text;
      for (const std::string& item : list) text += (text.empty() ? "" : ", ") + item;
      return text;
    };
    // "\l" ends a left-aligned line; it is added outside the escaping so it stays a DOT escape.
    std::string label;
    if (!rows.empty()) {
      label =
          escaped("Cross-region copies configured " + joined(from_regions) + " -> " + joined(to_regions)) + "\\l\\l";
      for (const auto& [component, practice] : rows) label += escaped(component + ": " + practice) + "\\l";
    }
    if (!missing.empty()) {
      std::string line;
      label += (label.empty() ? "" : "\\l") + escaped("Recommended, not configured in this scenario:") + "\\l";
      for (const auto& [mechanism, components] : missing)
        for (std::istringstream lines(wrapped(mechanism + " of " + components, 60)); std::getline(lines, line);)
          label += escaped(line) + "\\l";
    }
    out_ << "  \"key:replication\" [label=\"" << label
         << "\", shape=box, style=\"rounded,filled\", fillcolor=\"#fdf0ee\", color=\"#c0392b\", fontsize=9];\n";
  }

  const Graph& g_;
  std::ostringstream out_;
  std::vector<bool> drawn_;  // each node is written once, in the first frame that claims it
};

// --- The overview picture (for SVG) ---

using Id = ComponentId;
using O = Outside;

// Where components sit in their frame, row by row, so the picture reads in the order of the
// Architecture Flow: the workspace edge first, then orchestration, governance, content, ML.
const std::vector<std::vector<ComponentId>> kControlRows = {
    {Id::WorkspaceUi, Id::WorkspaceApis, Id::AuthenticationSso, Id::UsersAndGroups, Id::PermissionsRbac},
    {Id::JobScheduler, Id::Workflows, Id::ClusterManagement, Id::SqlWarehouseManagement, Id::SqlQueryPlanner},
    {Id::UnityCatalog, Id::Metastore, Id::DataLineage, Id::AuditLogs},
    {Id::NotebookSourceCode, Id::NotebookOutputs, Id::WorkspaceFiles, Id::ReposGitIntegration},
    {Id::FeatureStoreMetadata, Id::ModelRegistryMetadata, Id::LakehouseMonitoringMetadata, Id::VectorSearchMetadata},
    {Id::SccRelay, Id::PrivatelinkEndpoint},  // with classic compute (scenario/catalog: account components)
};
const std::vector<ComponentId> kComputeRow = {Id::ServerlessSparkCompute, Id::SqlWarehouseCompute,
                                              Id::TemporarySparkShuffleData};
const std::vector<std::vector<ComponentId>> kStorageRows = {
    {Id::DeltaTableData, Id::DeltaTransactionLogs, Id::ManagedTables, Id::ExternalTables},
    {Id::UnityCatalogManagedStorage, Id::UnityCatalogVolumes, Id::DbfsRoot, Id::StreamingCheckpoints},
    {Id::MlTrainingData, Id::FeatureStoreData, Id::MlflowModelArtifacts, Id::VectorSearchIndexData},
    {Id::JobExecutionLogs, Id::CustomerManagedKey},
};

// The two request paths of the seed, as (caller, callee) pairs of the graph's calls.
struct PathEdge {
  std::variant<ComponentId, Outside> from, to;
};
const PathEdge kJobPath[] = {
    {O::Users, Id::WorkspaceApis},
    {Id::WorkspaceApis, Id::AuthenticationSso},
    {Id::WorkspaceApis, Id::PermissionsRbac},
    {Id::WorkspaceApis, Id::JobScheduler},
    {Id::JobScheduler, Id::Workflows},
    {Id::JobScheduler, Id::ClusterManagement},
    {Id::ClusterManagement, Id::ServerlessSparkCompute},
    {Id::ServerlessSparkCompute, Id::UnityCatalog},
    {Id::ServerlessSparkCompute, Id::DeltaTableData},
    {Id::ServerlessSparkCompute, Id::DeltaTransactionLogs},
    {Id::ServerlessSparkCompute, Id::TemporarySparkShuffleData},
};
const PathEdge kSqlPath[] = {
    {O::Users, Id::WorkspaceUi},
    {Id::WorkspaceUi, Id::SqlWarehouseManagement},
    {Id::AuthenticationSso, O::IdentityProvider},
    {Id::SqlWarehouseManagement, Id::SqlQueryPlanner},
    {Id::SqlQueryPlanner, Id::SqlWarehouseCompute},
    {Id::SqlWarehouseCompute, Id::UnityCatalog},
    {Id::SqlWarehouseCompute, Id::DeltaTableData},
};
constexpr const char* kJobColour = "#1f5fbf";
constexpr const char* kSqlColour = "#8e44ad";
constexpr const char* kReplicationColour = "#c0392b";
// Beyond this many replication edges between two regions, one labelled edge stands for them all.
constexpr std::size_t kCollapseReplicationAbove = 4;

// Whether a node is that end of a path: the external system, or any region's copy of the component.
bool is_end(const std::variant<ComponentId, Outside>& end, const Node& n) {
  if (const Outside* o = std::get_if<Outside>(&end))
    return n.kind == NodeKind::External && n.id == external_node_id(*o);
  return n.kind != NodeKind::External && n.component == key(std::get<ComponentId>(end));
}

bool on_path(const PathEdge* begin, const PathEdge* end, const Node& from, const Node& to) {
  return std::any_of(begin, end, [&](const PathEdge& p) { return is_end(p.from, from) && is_end(p.to, to); });
}

std::string html_escaped(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '&')
      out += "&amp;";
    else if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else if (ch == '"')
      out += "&quot;";
    else
      out += ch;
  }
  return out;
}

class OverviewWriter {
 public:
  OverviewWriter(const Graph& g, const FaultView* faults, const FailoverState* failover)
      : g_(g), faults_(faults), failover_(failover) {
    for (const Vertex v : all_vertices(g_)) {
      if (g_[v].kind == NodeKind::Region) regions_.push_back(g_[v].region);
    }
  }

  std::string write() {
    out_ << "digraph architecture {\n"
         << "  graph [rankdir=TB, newrank=true, compound=true, nodesep=0.22, ranksep=0.32, fontname=\"Helvetica\","
            " fontsize=13, pad=0.3, bgcolor=\"white\"];\n"
         << "  node [fontname=\"Helvetica\", fontsize=10, margin=\"0.06,0.03\", width=1.5, height=0.45];\n"
         << "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n";
    write_internet();
    for (std::size_t i = 0; i < regions_.size(); ++i) write_region(i);
    write_legend();
    write_edges();
    write_between_regions();
    write_users_route();
    out_ << "}\n";
    return out_.str();
  }

 private:
  Health health(const std::string& id) const {
    if (!faults_) return Health::Up;
    const auto it = faults_->nodes.find(id);
    return it == faults_->nodes.end() ? Health::Up : it->second;
  }

  std::optional<Vertex> vertex(const std::string& id) const { return find_node(g_, id); }

  void write_node(const Node& n, const std::string& indent) {
    const NodeLook look = node_look(n);
    std::string shape = look.shape;
    std::string style = look.style;
    std::string fill = look.fill;
    std::string border = "#555555";
    std::string label = wrapped(n.label, 20);
    switch (n.kind) {
      case NodeKind::Region: shape = "box"; break;  // drawn as its frame; the node itself is plain
      case NodeKind::S3Service: border = "#b07d1a"; break;
      case NodeKind::HostGroup: label = wrapped(n.label, 24); break;
      case NodeKind::Component: border = n.plane == "control" ? "#5b8fc7" : "#6aa84f"; break;
      case NodeKind::AvailabilityZone:
      case NodeKind::External: break;
    }
    const Health h = health(n.id);
    if (h == Health::Down) {
      fill = "#f8d7da";
      border = "#c0392b";
      style += ",dashed";
      label += "\nDOWN";
    } else if (h == Health::Degraded) {
      fill = "#ffe8cc";
      border = "#e67e22";
      style += ",dashed";
      label += "\ndegraded";
    }
    out_ << indent << dot_string(n.id) << " [label=" << dot_string(label) << ", shape=" << shape
         << ", style=" << dot_string(style) << ", fillcolor=" << dot_string(fill) << ", color=" << dot_string(border)
         << (h == Health::Down ? ", penwidth=2, fontcolor=\"#a02020\"" : "") << "];\n";
  }

  // Rows of nodes, each row on one rank in the given order; invisible edges stack the rows.
  void write_rows(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
    std::vector<std::string> firsts;
    for (const std::vector<std::string>& row : rows) {
      if (row.empty()) continue;
      for (const std::string& id : row) {
        if (const auto v = vertex(id)) write_node(g_[*v], indent);
      }
      out_ << indent << "{ rank=same;";
      for (const std::string& id : row) out_ << " " << dot_string(id) << ";";
      out_ << " }\n";
      for (std::size_t i = 0; i + 1 < row.size(); ++i)
        out_ << indent << dot_string(row[i]) << " -> " << dot_string(row[i + 1]) << " [style=invis];\n";
      firsts.push_back(row.front());
    }
    for (std::size_t i = 0; i + 1 < firsts.size(); ++i)
      out_ << indent << dot_string(firsts[i]) << " -> " << dot_string(firsts[i + 1]) << " [style=invis];\n";
    if (!firsts.empty()) {
      frame_tops_.push_back(firsts.front());
      frame_bottoms_.push_back(firsts.back());
    }
  }

  // Ids of the region's component nodes in the given rows, leaving out those not deployed there.
  std::vector<std::vector<std::string>> component_rows(const std::vector<std::vector<ComponentId>>& rows,
                                                       const std::string& region) const {
    std::vector<std::vector<std::string>> out;
    for (const auto& row : rows) {
      std::vector<std::string> ids;
      for (const ComponentId c : row) {
        const std::string id = component_node_id(key(c), region);
        if (vertex(id)) ids.push_back(id);
      }
      if (!ids.empty()) out.push_back(std::move(ids));
    }
    return out;
  }

  std::vector<std::string> nodes_where(const std::string& region, NodeKind kind, std::string_view plane) const {
    std::vector<std::string> ids;
    for (const Vertex v : all_vertices(g_)) {
      if (g_[v].region == region && g_[v].kind == kind && (plane.empty() || g_[v].plane == plane))
        ids.push_back(g_[v].id);
    }
    return ids;
  }

  void open_frame(const std::string& name, const std::string& label, const std::string& indent,
                  const std::string& style, Health h = Health::Up) {
    std::string frame_style = style;
    std::string frame_label = label;
    if (h == Health::Down) {
      frame_style += " color=\"#c0392b\"; penwidth=3; fontcolor=\"#a02020\";";
      frame_label += "  (DOWN)";
    }
    out_ << indent << "subgraph " << name << " {\n"
         << indent << "  label=" << dot_string(frame_label) << "; labeljust=l; " << frame_style << "\n";
  }

  void write_internet() {
    open_frame("cluster_internet", "Internet (outside AWS): users and the customer's own systems", "  ",
               "style=\"rounded,filled\"; fillcolor=\"#fafafa\"; color=\"#999999\"; fontsize=14;");
    std::vector<std::string> row;
    for (const Vertex v : all_vertices(g_)) {
      if (g_[v].kind == NodeKind::External) row.push_back(g_[v].id);
    }
    write_rows({row}, "    ");
    out_ << "  }\n";
    internet_bottom_ = row.empty() ? "" : row.front();
  }

  void write_region(std::size_t index) {
    const std::string& region = regions_[index];
    const std::string suffix = std::to_string(index);
    const std::string region_node = "region:" + region;
    const bool serves = failover_ && failover_->serving == region;
    open_frame("cluster_region_" + suffix + "_" + identifier(region),
               "AWS region " + region + (serves ? "  (serves users)" : ""), "  ",
               serves ? "style=\"rounded,bold\"; color=\"#1a7f37\"; penwidth=4; fontcolor=\"#1a7f37\"; fontsize=18;"
                      : "style=\"rounded,bold\"; color=\"#444444\"; fontsize=18;",
               health(region_node));
    frame_tops_.clear();
    frame_bottoms_.clear();

    open_frame("cluster_control_" + suffix, "Control plane (Databricks account)", "    ",
               "style=\"rounded,filled\"; fillcolor=\"#f2f7fc\"; color=\"#5b8fc7\"; fontsize=14;");
    auto control = component_rows(kControlRows, region);
    const std::vector<std::string> control_hosts = nodes_where(region, NodeKind::HostGroup, "control");
    if (!control.empty() && !control_hosts.empty())
      control.back().insert(control.back().end(), control_hosts.begin(), control_hosts.end());
    write_rows(control, "      ");
    out_ << "    }\n";

    open_frame("cluster_data_" + suffix, "Data plane (customer account)", "    ",
               "style=\"rounded,filled\"; fillcolor=\"#f4faf0\"; color=\"#6aa84f\"; fontsize=14;");
    open_frame("cluster_compute_" + suffix, "Compute", "      ", "style=\"dashed\"; color=\"#6aa84f\";");
    auto compute = component_rows({kComputeRow}, region);
    compute.push_back(nodes_where(region, NodeKind::HostGroup, "data"));
    write_rows(compute, "        ");
    out_ << "      }\n";
    open_frame("cluster_storage_" + suffix, "Amazon S3 data lake (" + region + ")", "      ",
               "style=\"rounded,filled\"; fillcolor=\"#fdf6e3\"; color=\"#b07d1a\";");
    auto storage = component_rows(kStorageRows, region);
    const std::vector<std::string> s3 = nodes_where(region, NodeKind::S3Service, "");
    if (storage.empty()) storage.push_back({});
    storage.back().insert(storage.back().end(), s3.begin(), s3.end());
    write_rows(storage, "        ");
    out_ << "      }\n";
    out_ << "    }\n";

    open_frame("cluster_azs_" + suffix, "Availability zones", "    ", "style=\"dashed\"; color=\"#999999\";");
    write_rows({nodes_where(region, NodeKind::AvailabilityZone, "")}, "      ");
    out_ << "    }\n";
    out_ << "  }\n";

    // Frames stacked top to bottom: Internet, control plane, compute, storage, AZs.
    std::string above = internet_bottom_;
    for (std::size_t i = 0; i < frame_tops_.size(); ++i) {
      if (!above.empty())
        out_ << "  " << dot_string(above) << " -> " << dot_string(frame_tops_[i]) << " [style=invis];\n";
      above = frame_bottoms_[i];
    }
    if (!frame_tops_.empty()) anchors_[region] = frame_bottoms_.size() > 1 ? frame_tops_[1] : frame_tops_[0];
    if (!frame_tops_.empty()) control_tops_[region] = frame_tops_[0];
  }

  void write_legend() {
    std::string rows;
    const auto row = [&rows](const std::string& swatch, const std::string& text) {
      rows += "<TR><TD>" + swatch + "</TD><TD ALIGN=\"LEFT\">" + html_escaped(text) + "</TD></TR>";
    };
    const auto square = [](const std::string& colour) { return "<FONT COLOR=\"" + colour + "\">&#9632;</FONT>"; };
    row(square("#5b8fc7"), "control-plane component (Databricks account)");
    row(square("#6aa84f"), "data-plane component (customer account)");
    row("<FONT COLOR=\"" + std::string(kJobColour) + "\"><B>&#8594;</B></FONT>", "request path of a job");
    row("<FONT COLOR=\"" + std::string(kSqlColour) + "\"><B>&#8594;</B></FONT>", "request path of a SQL query");
    row("", "other calls (lineage, audit to the SIEM, Git, IaC): lakesim topology --format dot");
    const auto edges = boost::make_iterator_range(boost::edges(g_));
    if (std::any_of(edges.begin(), edges.end(), [&](const auto e) { return g_[e].kind == EdgeKind::ReplicatesTo; }))
      row("<FONT COLOR=\"" + std::string(kReplicationColour) + "\"><B>&#8658;</B></FONT>",
          "replication to another region; the backbone between regions in grey");
    if (const auto& missing = g_[boost::graph_bundle].unconfigured; !missing.empty())
      row("<FONT COLOR=\"#999999\">&#8658;</FONT>",
          std::to_string(missing.size()) +
              " recommended cross-region copies not configured (not drawn; listed by lakesim topology --format json)");
    if (faults_) {
      row("<FONT COLOR=\"#c0392b\">&#9633;</FONT>",
          "DOWN at " + sim::format_whole_duration(faults_->at) + " (red, dashed)");
      row("<FONT COLOR=\"#e67e22\">&#9633;</FONT>",
          "degraded at " + sim::format_whole_duration(faults_->at) + " (orange, dashed)");
    }
    std::string label =
        "<<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" COLOR=\"#999999\">"
        "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>" +
        rows;
    if (faults_) {
      label += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Faults active at " +
               html_escaped(sim::format_whole_duration(faults_->at)) + "</B></TD></TR>";
      if (faults_->active.empty()) label += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">none: everything is up</TD></TR>";
      for (const std::string& f : faults_->active)
        label += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">" + html_escaped(f) + "</TD></TR>";
    }
    if (failover_ && failover_->has_dr) {
      label += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Failover " + html_escaped(failover_->primary) + " &#8594; " +
               html_escaped(failover_->secondary) + "</B></TD></TR>";
      label += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">" + html_escaped(failover_->summary) + "</TD></TR>";
      label += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">step in progress: " +
               html_escaped(failover_->step.empty() ? std::string("none") : failover_->step) + "</TD></TR>";
    }
    label += "</TABLE>>";
    out_ << "  \"legend\" [shape=plaintext, margin=0, label=" << label << "];\n";
    if (!internet_bottom_.empty()) out_ << "  { rank=same; \"legend\"; " << dot_string(internet_bottom_) << "; }\n";
  }

  void write_edges() {
    for (const auto e : boost::make_iterator_range(boost::edges(g_))) {
      if (g_[e].kind != EdgeKind::Calls) continue;
      const Node& from = g_[boost::source(e, g_)];
      const Node& to = g_[boost::target(e, g_)];
      const bool job = on_path(std::begin(kJobPath), std::end(kJobPath), from, to);
      const bool sql = on_path(std::begin(kSqlPath), std::end(kSqlPath), from, to);
      std::string attributes;
      if (job || sql) {
        attributes = std::string("color=\"") + (job ? kJobColour : kSqlColour) + "\", penwidth=1.6";
        // The hop's words once per path, in the primary region, keep the picture legible.
        if (from.region == regions_.front() || to.region == regions_.front())
          attributes +=
              ", label=" + dot_string(g_[e].label) + ", fontcolor=\"" + (job ? kJobColour : kSqlColour) + "\"";
      } else {
        continue;  // the other calls would hide the two paths; --format dot has them all
      }
      const bool down = health(from.id) == Health::Down || health(to.id) == Health::Down;
      if (down) attributes += ", style=dashed, color=\"#e3a0a0\"";
      out_ << "  " << dot_string(from.id) << " -> " << dot_string(to.id) << " [" << attributes
           << ", constraint=false];\n";
    }
  }

  // The backbone between each pair of regions, and what replicates across it.
  // The users' route to the region that serves them at the instant drawn.
  void write_users_route() {
    if (!failover_ || failover_->serving.empty()) return;
    const std::string users = external_node_id(Outside::Users);
    const auto target = control_tops_.find(failover_->serving);
    if (!vertex(users) || target == control_tops_.end()) return;
    out_ << "  " << dot_string(users) << " -> " << dot_string(target->second)
         << " [color=\"#1a7f37\", penwidth=4, constraint=false, label=\"users served here\", fontcolor=\"#1a7f37\","
            " fontsize=12];\n";
  }

  void write_between_regions() {
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> replicated;  // pair -> practices
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto e : boost::make_iterator_range(boost::edges(g_))) {
      if (g_[e].kind != EdgeKind::ReplicatesTo) continue;
      const std::pair<std::string, std::string> pair{g_[boost::source(e, g_)].region, g_[boost::target(e, g_)].region};
      if (replicated.find(pair) == replicated.end()) order.push_back(pair);
      replicated[pair].push_back(g_[boost::source(e, g_)].id);
    }
    for (std::size_t i = 0; i < regions_.size(); ++i) {
      for (std::size_t j = i + 1; j < regions_.size(); ++j) {
        const std::string a = "s3:" + regions_[i];
        const std::string b = "s3:" + regions_[j];
        if (!vertex(a) || !vertex(b)) continue;
        Health h = Health::Up;
        if (faults_) {
          const auto it = faults_->backbones.find(backbone_key(regions_[i], regions_[j]));
          if (it != faults_->backbones.end()) h = it->second;
        }
        std::string label = "inter-region backbone";
        std::string style = "color=\"#777777\", penwidth=2, dir=both";
        if (h == Health::Down) {
          label += " CUT";
          style = "color=\"#c0392b\", penwidth=3, style=dashed, dir=both, fontcolor=\"#a02020\"";
        } else if (h == Health::Degraded) {
          label += " degraded";
          style = "color=\"#e67e22\", penwidth=3, style=dashed, dir=both";
        }
        out_ << "  " << dot_string(a) << " -> " << dot_string(b) << " [" << style << ", label=" << dot_string(label)
             << ", constraint=false];\n";
      }
    }
    for (const auto& pair : order) {
      const std::vector<std::string>& sources = replicated[pair];
      const bool broken = faults_ && (health("region:" + pair.first) == Health::Down ||
                                      health("region:" + pair.second) == Health::Down || [&] {
                                        const auto it = faults_->backbones.find(backbone_key(pair.first, pair.second));
                                        return it != faults_->backbones.end() && it->second == Health::Down;
                                      }());
      const std::string colour = broken ? "#e3a0a0" : kReplicationColour;
      const std::string style = std::string("penwidth=3, color=\"") + colour + "\", fontcolor=\"" + colour +
                                "\", constraint=false" + (broken ? ", style=dashed" : "");
      if (sources.size() > kCollapseReplicationAbove) {
        // One edge for them all, from data plane to data plane, its label counting them.
        const auto from = anchors_.find(pair.first);
        const auto to = anchors_.find(pair.second);
        if (from == anchors_.end() || to == anchors_.end()) continue;
        out_ << "  " << dot_string(from->second) << " -> " << dot_string(to->second) << " [" << style
             << ", ltail=cluster_data_" << index_of(pair.first) << ", lhead=cluster_data_" << index_of(pair.second)
             << ", label="
             << dot_string(std::to_string(sources.size()) + " components replicate\n" + pair.first + " -> " +
                           pair.second + "\n(S3 data, metadata, content, logs)" + (broken ? "\nSTOPPED" : ""))
             << "];\n";
        continue;
      }
      for (const std::string& id : sources) {
        const std::string target = id.substr(0, id.rfind('@') + 1) + pair.second;
        out_ << "  " << dot_string(id) << " -> " << dot_string(target) << " [" << style << "];\n";
      }
    }
  }

  std::size_t index_of(const std::string& region) const {
    return static_cast<std::size_t>(std::find(regions_.begin(), regions_.end(), region) - regions_.begin());
  }

  const Graph& g_;
  const FaultView* faults_;
  const FailoverState* failover_;
  std::map<std::string, std::string> control_tops_;  // region -> the first node of its control plane
  std::vector<std::string> regions_;
  std::ostringstream out_;
  std::string internet_bottom_;
  std::vector<std::string> frame_tops_, frame_bottoms_;  // first node of each frame's first and last row
  std::map<std::string, std::string> anchors_;           // region -> a node inside its data plane
};

}  // namespace

std::string to_dot(const models::Graph& g) { return DotWriter(g).write(); }

std::string to_overview_dot(const models::Graph& g, const models::FaultView* faults, const FailoverState* failover) {
  return OverviewWriter(g, faults, failover).write();
}

}  // namespace lakesim::presentation
