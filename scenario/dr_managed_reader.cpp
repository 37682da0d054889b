#include "scenario/dr_managed_reader.hpp"

#include <map>

namespace lakesim::sim {

const char* to_string(ManagedFailover f) { return f == ManagedFailover::Planned ? "planned" : "forced"; }

namespace {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

// The catalogs of one group; `owner` maps each table to the group and catalog that took it first.
void read_catalogs(const json& g, const std::string& at, FieldReader& in, const Scenario& s, const DrSpec& spec,
                   std::map<std::string, std::string>& owner, FailoverGroupSpec& group) {
  if (!g.contains("catalogs")) return;
  const std::string list_at = at + "/catalogs";
  if (!in.array(g["catalogs"], list_at)) return;
  std::vector<std::string> tables;
  for (const TableSpec& t : s.tables) tables.push_back(t.name);
  for (std::size_t i = 0; i < g["catalogs"].size(); ++i) {
    const json& c = g["catalogs"][i];
    const std::string c_at = list_at + "/" + std::to_string(i);
    if (!in.object(c, c_at, {"name", "tables"})) continue;
    ManagedCatalogSpec catalog;
    catalog.name = in.string(c, c_at, "name", Need::Required).value_or("");
    const auto names = in.names(c, c_at, "tables", Need::Required);
    if (!names) continue;
    for (std::size_t k = 0; k < names->size(); ++k) {
      const std::string& name = (*names)[k];
      const std::string t_at = c_at + "/tables/" + std::to_string(k);
      if (!in.known(t_at, "table", name, tables)) continue;
      const TableSpec* table = nullptr;
      for (const TableSpec& t : s.tables)
        if (t.name == name) table = &t;
      if (!spec.primary.empty() && table->region != spec.primary) {
        in.error(t_at, "table \"" + name + "\" is in " + table->region + ", not in the primary region " + spec.primary,
                 "a table of " + spec.primary);
        continue;
      }
      const std::string here = group.name + "/" + catalog.name;
      if (const auto it = owner.find(name); it != owner.end()) {
        in.error(t_at, "table \"" + name + "\" is already in " + it->second, "each table in one catalog");
        continue;
      }
      owner[name] = here;
      catalog.tables.push_back(name);
    }
    group.catalogs.push_back(catalog);
  }
}

}  // namespace

void read_managed(const json& r, const std::string& at, FieldReader& in, const Scenario& s, DrSpec& spec) {
  const bool managed = spec.strategy == DrStrategy::Managed;
  const std::string m_at = at + "/managed";
  if (r.contains("managed") && !managed) {
    in.error(m_at, "Managed Disaster Recovery settings under strategy " + std::string(to_string(spec.strategy)),
             "strategy \"managed\", or no \"managed\" key");
    return;
  }
  if (managed && spec.deep_clone.enabled && r.contains("deep_clone"))
    in.error(at + "/deep_clone", "a deep clone under strategy managed, which replicates the tables itself",
             "false, or another strategy");
  ManagedDrSpec& m = spec.managed;
  std::map<std::string, std::string> owner;  // table -> "group/catalog"
  if (r.contains("managed")) {
    const json& v = r["managed"];
    if (in.object(v, m_at, {"failover", "replication_lag", "replication_cycle", "failover_groups"})) {
      if (auto f = in.keyword(v, m_at, "failover", Need::Optional, {"forced", "planned"}, "failover type"))
        m.failover = static_cast<ManagedFailover>(*f);
      m.lag = in.duration(v, m_at, "replication_lag", Need::Optional, Zero::Allowed).value_or(m.lag);
      m.cycle = in.duration(v, m_at, "replication_cycle", Need::Optional, Zero::Rejected).value_or(m.cycle);
      if (v.contains("failover_groups") && in.array(v["failover_groups"], m_at + "/failover_groups")) {
        std::vector<std::string> workspaces;
        for (const AccountWorkspaceSpec& w : s.workspaces)
          if (w.region == spec.primary) workspaces.push_back(w.name);
        std::vector<std::string> seen;
        for (std::size_t i = 0; i < v["failover_groups"].size(); ++i) {
          const json& g = v["failover_groups"][i];
          const std::string g_at = m_at + "/failover_groups/" + std::to_string(i);
          if (!in.object(g, g_at, {"name", "workspaces", "workspace_assets", "catalogs"})) continue;
          FailoverGroupSpec group;
          group.name = in.string(g, g_at, "name", Need::Required).value_or("");
          for (const std::string& other : seen)
            if (!group.name.empty() && other == group.name)
              in.error(g_at + "/name", "failover group \"" + group.name + "\" is defined twice", "a unique name");
          seen.push_back(group.name);
          if (const auto names = in.names(g, g_at, "workspaces", Need::Optional))
            for (std::size_t k = 0; k < names->size(); ++k)
              if (in.known(g_at + "/workspaces/" + std::to_string(k), "workspace of " + spec.primary, (*names)[k],
                           workspaces))
                group.workspaces.push_back((*names)[k]);
          group.workspace_assets = in.boolean(g, g_at, "workspace_assets", Need::Optional).value_or(true);
          read_catalogs(g, g_at, in, s, spec, owner, group);
          m.groups.push_back(group);
        }
      }
    }
  }
  if (!managed || !m.groups.empty()) return;
  // The default group: the primary's workspaces, their assets, and one catalog of all its tables.
  FailoverGroupSpec group;
  group.name = "default";
  for (const AccountWorkspaceSpec& w : s.workspaces)
    if (w.region == spec.primary) group.workspaces.push_back(w.name);
  ManagedCatalogSpec catalog;
  catalog.name = "main";
  for (const TableSpec& t : s.tables)
    if (t.region == spec.primary) catalog.tables.push_back(t.name);
  group.catalogs.push_back(catalog);
  m.groups.push_back(group);
}

}  // namespace lakesim::sim
