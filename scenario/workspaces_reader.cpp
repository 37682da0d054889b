#include "scenario/workspaces_reader.hpp"

#include <set>

#include "scenario/json_source.hpp"
#include "scenario/security_reader.hpp"

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;

const AccountWorkspaceSpec* Scenario::find_workspace(const std::string& name) const {
  for (const AccountWorkspaceSpec& w : workspaces)
    if (w.name == name) return &w;
  return nullptr;
}

const AccountWorkspaceSpec* Scenario::workspace_of(const WorkloadSpec& w) const {
  // A workload moved to another region by a failover enters that region's first workspace.
  if (const AccountWorkspaceSpec* own = find_workspace(w.workspace); own && own->region == w.region) return own;
  for (const AccountWorkspaceSpec& ws : workspaces)
    if (ws.region == w.region) return &ws;
  return nullptr;
}

const SecuritySpec& Scenario::security_for(const WorkloadSpec& w) const {
  const AccountWorkspaceSpec* ws = workspace_of(w);
  return ws ? ws->security : security;
}

void read_workspaces(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("workspaces")) return;
  const json& list = root["workspaces"];
  if (!in.array(list, "/workspaces")) return;
  if (list.empty()) in.error("/workspaces", "empty list", "at least one workspace, or no key for one per region");
  std::vector<std::string> regions;
  for (const ControlPlaneSpec& cp : s.control_plane) regions.push_back(cp.region);
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "/workspaces/" + std::to_string(i);
    const json& w = list[i];
    if (!in.object(w, at, {"name", "region", "security"})) continue;
    AccountWorkspaceSpec ws;
    ws.name = in.string(w, at, "name", Need::Required).value_or("");
    if (!ws.name.empty() && !names.insert(ws.name).second)
      in.error(at + "/name", "duplicate workspace name \"" + ws.name + "\"", "each name once");
    // A workspace is served by its region's control plane.
    if (auto region = in.string(w, at, "region", Need::Required);
        region && in.known(at + "/region", "region with a control plane", *region, regions))
      ws.region = *region;
    ws.security = s.security;
    if (w.contains("security") &&
        in.object(w["security"], at + "/security", {"ip_access_list", "tokens", "cluster_policy"}))
      read_access_controls(w["security"], at + "/security", in, ws.security);
    s.workspaces.push_back(ws);
  }
}

}  // namespace lakesim::sim
