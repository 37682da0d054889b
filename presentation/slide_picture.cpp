#include "presentation/slide_picture.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "scenario/catalog.hpp"
#include "scenario/units.hpp"

namespace lakesim::presentation {

namespace {

using models::EdgeKind;
using models::Graph;
using models::Health;
using models::NodeKind;

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char ch : text) {
    if (ch == '"' || ch == '\\')
      out += std::string("\\") + ch;
    else if (ch == '\n')
      out += "\\n";
    else
      out += ch;
  }
  return out + "\"";
}

enum class Block { ControlPlane, Compute, Storage };
constexpr Block kBlocks[] = {Block::ControlPlane, Block::Compute, Block::Storage};

const char* block_name(Block b) {
  switch (b) {
    case Block::ControlPlane: return "Control plane";
    case Block::Compute: return "Compute";
    case Block::Storage: return "S3 data lake";
  }
  return "";
}

const char* block_key(Block b) {
  switch (b) {
    case Block::ControlPlane: return "control";
    case Block::Compute: return "compute";
    case Block::Storage: return "storage";
  }
  return "";
}

// Which block a node belongs to; nullopt for regions, AZs, host groups and externals.
std::optional<Block> block_of(const models::Node& n) {
  if (n.kind == NodeKind::S3Service) return Block::Storage;
  if (n.kind != NodeKind::Component) return std::nullopt;
  if (n.plane == "control") return Block::ControlPlane;
  const models::Component* c = models::find_component(n.component);
  if (c && (c->archetype == models::Archetype::ComputePool || c->archetype == models::Archetype::Scratch))
    return Block::Compute;
  return Block::Storage;
}

struct BlockState {
  int components = 0;
  int down = 0;
  int degraded = 0;
};

std::string node_id(const std::string& region, Block b) { return "slide:" + region + ":" + block_key(b); }

// Long lines broken at spaces, so that no line widens the slide (and shrinks its text).
std::string wrapped(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t line = 0;
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    if (line > 0 && line + 1 + word.size() > width) {
      out += "\n";
      line = 0;
    } else if (line > 0) {
      out += " ";
      ++line;
    }
    out += word;
    line += word.size();
  }
  return out;
}

}  // namespace

std::string to_slide_dot(const Graph& g, const std::string& title, const models::FaultView* faults,
                         const FailoverState* failover) {
  const auto health = [faults](const std::string& id) {
    if (!faults) return Health::Up;
    const auto it = faults->nodes.find(id);
    return it == faults->nodes.end() ? Health::Up : it->second;
  };
  std::vector<std::string> regions;
  std::map<std::pair<std::string, Block>, BlockState> blocks;
  std::vector<const models::Node*> externals;
  for (const models::Vertex v : models::all_vertices(g)) {
    const models::Node& n = g[v];
    if (n.kind == NodeKind::Region) regions.push_back(n.region);
    if (n.kind == NodeKind::External) externals.push_back(&n);
    const auto b = block_of(n);
    if (!b) continue;
    BlockState& s = blocks[{n.region, *b}];
    if (n.kind == NodeKind::Component) ++s.components;
    const Health h = health(n.id);
    s.down += h == Health::Down;
    s.degraded += h == Health::Degraded;
  }

  std::ostringstream out;
  // 20 x 11.25 in is 1440 x 810 pt: 1920 x 1080 px. The layout is scaled to fit that size (! also
  // scales a small one up); fit_slide_svg centres it in a 16:9 frame. Edge labels and notes are
  // 22 pt so that a layout shrunk by up to a fifth keeps them above 18 pt.
  out << "digraph slide {\n"
      << "  graph [size=\"20,11.25!\", rankdir=TB, newrank=true, nodesep=0.35, ranksep=0.5, "
         "fontname=\"Helvetica\", fontsize=30, pad=0.2, bgcolor=\"white\", labelloc=t, label="
      << quoted(title) << "];\n"
      << "  node [fontname=\"Helvetica\", fontsize=24, shape=box, style=\"rounded,filled\", margin=\"0.25,0.12\"];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=22, penwidth=2];\n";

  // The systems outside AWS in one row above the regions (a frame around them would push the
  // regions aside and widen the slide).
  // The users in the middle of the row, above the regions they reach.
  std::stable_partition(externals.begin(), externals.end(), [](const models::Node* n) {
    return n->id != models::external_node_id(models::Outside::Users);
  });
  if (!externals.empty()) std::rotate(externals.begin(), externals.end() - 1, externals.end());
  std::rotate(externals.begin(), externals.begin() + static_cast<std::ptrdiff_t>(externals.size() / 2),
              externals.end());
  std::string row;
  for (const models::Node* n : externals) {
    const Health h = health(n->id);
    out << "  " << quoted(n->id) << " [label=" << quoted(wrapped(n->label, 18) + (h == Health::Down ? "\nDOWN" : ""))
        << ", fillcolor="
        << (h == Health::Down ? "\"#f8d7da\", color=\"#c0392b\", style=\"rounded,filled,dashed\", penwidth=3"
                              : "\"#f5f5f5\", color=\"#777777\"")
        << "];\n";
    row += quoted(n->id) + "; ";
  }
  if (!row.empty()) out << "  { rank=same; " << row << "}\n";
  for (std::size_t i = 0; i + 1 < externals.size(); ++i)
    out << "  " << quoted(externals[i]->id) << " -> " << quoted(externals[i + 1]->id) << " [style=invis];\n";

  for (std::size_t i = 0; i < regions.size(); ++i) {
    const std::string& region = regions[i];
    const bool region_down = health("region:" + region) == Health::Down;
    const bool serves = failover && failover->serving == region;
    // The region's role and state on a line of their own keep its frame narrow.
    std::string state;
    if (failover && failover->has_dr)
      state = region == failover->primary ? "primary" : region == failover->secondary ? "secondary" : "";
    if (serves) state += std::string(state.empty() ? "" : ", ") + "serves users";
    if (region_down) state += std::string(state.empty() ? "" : ": ") + "DOWN";
    const std::string label = "AWS region " + region + (state.empty() ? "" : "\n" + state);
    out << "  subgraph cluster_region_" << i << " {\n    label=" << quoted(label) << "; fontsize=28; style=\"rounded"
        << (region_down ? ",dashed" : "") << "\"; penwidth=" << (serves || region_down ? 4 : 2) << "; color="
        << (region_down ? "\"#c0392b\""
            : serves    ? "\"#1a7f37\""
                        : "\"#444444\"")
        << ";\n";
    for (const Block b : kBlocks) {
      const BlockState s = blocks[{region, b}];
      const bool down = region_down || (s.down > 0 && s.down >= std::max(1, s.components));
      const bool hurt = !down && (s.down > 0 || s.degraded > 0);
      std::string text = std::string(block_name(b)) + "\n" + std::to_string(s.components) + " components";
      if (down)
        text += "\nDOWN";
      else if (hurt)
        text += "\n" + std::to_string(s.down + s.degraded) + " down or degraded";
      const std::string fill = down                       ? "#f8d7da"
                               : hurt                     ? "#ffe8cc"
                               : b == Block::ControlPlane ? "#e8f0fa"
                               : b == Block::Compute      ? "#eaf5e4"
                                                          : "#fdf3dc";
      const std::string border = down ? "#c0392b" : hurt ? "#e67e22" : "#555555";
      out << "    " << quoted(node_id(region, b)) << " [label=" << quoted(text) << ", fillcolor=" << quoted(fill)
          << ", color=" << quoted(border) << (down || hurt ? ", style=\"rounded,filled,dashed\", penwidth=3" : "")
          << "];\n";
    }
    out << "    " << quoted(node_id(region, Block::ControlPlane)) << " -> " << quoted(node_id(region, Block::Compute))
        << ";\n";
    out << "    " << quoted(node_id(region, Block::Compute)) << " -> " << quoted(node_id(region, Block::Storage))
        << ";\n";
    // Compute beside its S3: two rows per region keep the slide wide rather than tall.
    out << "    { rank=same; " << quoted(node_id(region, Block::Compute)) << "; "
        << quoted(node_id(region, Block::Storage)) << "; }\n  }\n";
  }

  // The users reach each region's control plane; the one serving them, bold and green.
  const std::string users = models::external_node_id(models::Outside::Users);
  if (models::find_node(g, users)) {
    for (const std::string& region : regions) {
      const bool serves = failover && failover->serving == region;
      out << "  " << quoted(users) << " -> " << quoted(node_id(region, Block::ControlPlane))
          << (serves ? " [color=\"#1a7f37\", penwidth=6, label=\"users served here\", fontcolor=\"#1a7f37\"]"
                     : " [color=\"#aaaaaa\", style=dashed]")
          << ";\n";
    }
  }

  // Between regions: the backbone and the configured copies, one edge per pair with a count.
  std::map<std::pair<std::string, std::string>, int> copies;
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    if (g[e].kind != EdgeKind::ReplicatesTo) continue;
    const std::string& from = g[boost::source(e, g)].region;
    const std::string& to = g[boost::target(e, g)].region;
    if (from != to && !from.empty() && !to.empty()) ++copies[{from, to}];
  }
  for (const auto& [pair, count] : copies) {
    out << "  " << quoted(node_id(pair.first, Block::Storage)) << " -> " << quoted(node_id(pair.second, Block::Storage))
        << " [color=\"#c0392b\", constraint=false, label=" << quoted(std::to_string(count) + " configured copies")
        << "];\n";
  }
  for (std::size_t i = 0; i + 1 < regions.size(); ++i) {
    Health h = Health::Up;
    if (faults) {
      const auto it = faults->backbones.find(models::backbone_key(regions[i], regions[i + 1]));
      if (it != faults->backbones.end()) h = it->second;
    }
    out << "  " << quoted(node_id(regions[i], Block::Compute)) << " -> "
        << quoted(node_id(regions[i + 1], Block::Compute))
        << " [dir=none, constraint=false, color=" << (h == Health::Up ? "\"#888888\"" : "\"#c0392b\", style=dashed")
        << ", label="
        << quoted(h == Health::Down       ? "backbone CUT"
                  : h == Health::Degraded ? "backbone degraded"
                                          : "backbone")
        << "];\n";
  }

  // What the slide says in words, under the picture.
  std::string notes;
  if (faults) {
    notes += "At " + sim::format_clock(faults->at) + ": ";
    if (faults->active.empty()) notes += "no fault active";
    for (std::size_t i = 0; i < faults->active.size() && i < 2; ++i) notes += (i ? "; " : "") + faults->active[i];
    if (faults->active.size() > 2) notes += "; " + std::to_string(faults->active.size() - 2) + " more";
  }
  if (failover && failover->has_dr) notes += (notes.empty() ? "" : ". ") + failover->summary;
  if (!notes.empty()) {
    notes = wrapped(notes, 90);
    out << "  \"slide:notes\" [shape=plaintext, style=\"\", fontsize=22, label=" << quoted(notes) << "];\n";
    out << "  " << quoted(node_id(regions.empty() ? "" : regions.front(), Block::Storage))
        << " -> \"slide:notes\" [style=invis];\n";
  }
  out << "}\n";
  return out.str();
}

std::string fit_slide_svg(const std::string& svg) {
  const auto open = svg.find("<svg width=\"");
  if (open == std::string::npos) return svg;
  const auto height = svg.find("height=\"", open);
  const auto height_end = height == std::string::npos ? height : svg.find('"', height + 8);
  if (height_end == std::string::npos) return svg;
  return svg.substr(0, open) + "<svg width=\"1440pt\" height=\"810pt\"" + svg.substr(height_end + 1);
}

}  // namespace lakesim::presentation
