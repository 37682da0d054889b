#include "analysis/managed_dr.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <vector>

namespace lakesim::analysis {

namespace {

// The replication point is sampled at every copy; the results keep one sample per interval.
constexpr double kSampleInterval = 300;

nlohmann::json groups_json(const models::Deployment& deployment, const models::DataProtection& protection,
                           const sim::DrSpec& spec) {
  nlohmann::json groups = nlohmann::json::array();
  for (const sim::FailoverGroupSpec& g : spec.managed.groups) {
    nlohmann::json catalogs = nlohmann::json::array();
    for (const sim::ManagedCatalogSpec& c : g.catalogs) {
      nlohmann::json tables = nlohmann::json::array();
      for (const std::string& name : c.tables) {
        const models::ProtectedData* entry = nullptr;
        for (const models::ProtectedData& e : protection.entries())
          if (e.table && e.table->name() == name) entry = &e;
        const bool external = entry && entry->metadata_only;
        tables.push_back({{"table", name},
                          {"dataset", std::string(models::key(deployment.table(name).data().entry().which))},
                          {"kind", external ? "external" : "managed"},
                          {"replicated", external ? "metadata only" : "metadata and data"},
                          {"data_practice", entry ? models::to_string(entry->practice) : "none"}});
      }
      catalogs.push_back({{"name", c.name}, {"tables", tables}});
    }
    groups.push_back({{"name", g.name},
                      {"workspaces", g.workspaces.empty() ? nlohmann::json::array({"(the region's workspace)"})
                                                          : nlohmann::json(g.workspaces)},
                      {"workspace_assets", g.workspace_assets},
                      {"catalogs", catalogs}});
  }
  return groups;
}

// Every protected entry of the groups as the secondary held it at `t`.
nlohmann::json held_at(const models::DataProtection& protection, double t, std::uint64_t* lost_versions,
                       std::uint64_t* lost_external) {
  nlohmann::json tables = nlohmann::json::array();
  nlohmann::json metadata = nlohmann::json::array();
  for (const models::ProtectedData& e : protection.entries()) {
    if (e.failover_group.empty()) continue;
    if (e.table) {
      const models::TableRecovery r = models::recovery_at(e, t);
      *lost_versions += r.versions.lost;
      if (e.metadata_only) *lost_external += r.versions.lost;
      tables.push_back({{"table", e.name},
                        {"group", e.failover_group},
                        {"replication", e.metadata_only ? "metadata only" : "managed"},
                        {"practice", models::to_string(e.practice)},
                        {"written", r.versions.written},
                        {"survived", r.versions.survived},
                        {"lost", r.versions.lost},
                        {"lost_bytes", r.versions.lost_bytes},
                        {"rpo_seconds", r.versions.rpo},
                        {"last_recoverable_version", r.last_recoverable_version},
                        {"accounting_ok", r.versions.balanced()}});
    } else if (e.ledger) {
      const models::ReplicationLoss l = e.ledger->loss_at(t);
      metadata.push_back({{"component", e.component},
                          {"name", e.name},
                          {"group", e.failover_group},
                          {"written", l.written},
                          {"survived", l.survived},
                          {"lost", l.lost},
                          {"rpo_seconds", l.rpo},
                          {"accounting_ok", l.balanced()}});
    }
  }
  return {{"tables", tables}, {"metadata", metadata}};
}

}  // namespace

nlohmann::json managed_dr_report(const models::Deployment& deployment, const models::DataProtection& protection,
                                 const models::Failover* failover) {
  const models::ManagedReplication* replication = protection.managed();
  if (!replication || !failover) return nullptr;
  const sim::DrSpec& spec = failover->spec();
  const sim::ManagedDrSpec& m = spec.managed;
  const sim::Scenario& s = deployment.scenario();
  nlohmann::json out = {{"failover_type", sim::to_string(m.failover)},
                        {"replication",
                         {{"lag_source", m.lag >= 0 ? "configured" : "simulated"},
                          {"fixed_lag_seconds", m.lag >= 0 ? nlohmann::json(m.lag) : nlohmann::json(nullptr)},
                          {"cycle_seconds", m.cycle},
                          {"replicated_bytes", replication->replicated_bytes()},
                          {"transfers", replication->transfers()},
                          {"stalled_pickups", replication->stalled()}}},
                        {"failover_groups", groups_json(deployment, protection, spec)}};

  nlohmann::json streams = nlohmann::json::array();
  for (const auto& st : replication->streams())
    streams.push_back({{"group", st->group},
                       {"kind", st->kind},
                       {"name", st->name},
                       {"writes", st->ledger.size()},
                       {"replicated", st->ledger.arrived()},
                       {"written_bytes", st->ledger.written_bytes()}});
  out["streams"] = streams;

  // The replication point over time (simulated), one sample per interval, and the lag's spread.
  nlohmann::json series = nlohmann::json::array();
  std::vector<double> lags;
  double next = 0;
  for (const models::ReplicationPointSample& p : replication->samples()) {
    lags.push_back(p.time - p.point);
    if (p.time < next) continue;
    series.push_back({{"time", p.time}, {"replication_point", p.point}, {"lag_seconds", p.time - p.point}});
    next = p.time + kSampleInterval;
  }
  out["replication_point"] = series;
  if (!lags.empty()) {
    std::sort(lags.begin(), lags.end());
    out["lag_seconds"] = {{"p50", lags[lags.size() / 2]}, {"max", lags.back()}};
  } else {
    out["lag_seconds"] = nullptr;
  }

  nlohmann::json promotions = nlohmann::json::array();
  for (const models::FailoverRecord& f : failover->records()) {
    if (f.promoted < 0) continue;
    std::uint64_t lost = 0, external = 0;
    nlohmann::json held = held_at(protection, f.promoted, &lost, &external);
    promotions.push_back({{"promoted", f.promoted},
                          {"replication_point", f.replication_point},
                          {"lag_at_promotion_seconds", f.promoted - f.replication_point},
                          {"lost_table_versions", lost},
                          {"lost_external_table_versions", external},
                          {"tables", held["tables"]},
                          {"metadata", held["metadata"]}});
  }
  out["promotions"] = promotions;

  // Cost: the replication's bytes cross the inter-region network (already in cost.cross_region);
  // the standby is the secondary's compute kept running before any failover.
  std::set<std::string> targets;
  for (const auto& [from, to] : spec.compute_map) targets.insert(to);
  int standby = 0;
  double per_hour = 0;
  for (const sim::ComputeSpec& c : s.compute) {
    if (!targets.count(c.name)) continue;
    const int n = c.kind == sim::ComputeKind::SqlWarehouse ? c.min_clusters * c.cluster_size : c.warm_instances;
    standby += n;
    per_hour += n * s.instance_type(c.instance_type).price_per_hour;
  }
  out["cost"] = {{"replication_bytes", replication->replicated_bytes()},
                 {"replication_usd", replication->replicated_bytes() / 1e9 * s.prices.cross_region_per_gb},
                 {"standby_instances", standby},
                 {"standby_usd_per_hour", per_hour}};
  return out;
}

std::string managed_dr_text(const nlohmann::json& managed) {
  if (!managed.is_object()) return "";
  std::string out;
  char line[256];
  for (const auto& p : managed["promotions"]) {
    std::snprintf(line, sizeof line,
                  "  managed DR (%s): secondary promoted at %.0f s holding writes up to %.0f s (lag %.0f s); %llu "
                  "table versions lost, %llu of them in external tables (metadata only)\n",
                  managed["failover_type"].get<std::string>().c_str(), p["promoted"].get<double>(),
                  p["replication_point"].get<double>(), p["lag_at_promotion_seconds"].get<double>(),
                  static_cast<unsigned long long>(p["lost_table_versions"].get<std::uint64_t>()),
                  static_cast<unsigned long long>(p["lost_external_table_versions"].get<std::uint64_t>()));
    out += line;
  }
  std::snprintf(line, sizeof line, "  managed DR replication: %.1f GB copied, %.2f USD; standby %.2f USD/h\n",
                managed["cost"]["replication_bytes"].get<double>() / 1e9,
                managed["cost"]["replication_usd"].get<double>(),
                managed["cost"]["standby_usd_per_hour"].get<double>());
  out += line;
  return out;
}

}  // namespace lakesim::analysis
