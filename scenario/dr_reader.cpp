#include "scenario/dr_reader.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "scenario/defaults.hpp"
#include "scenario/dr_managed_reader.hpp"

namespace lakesim::sim {

const char* to_string(DrStrategy s) {
  switch (s) {
    case DrStrategy::None: return "none";
    case DrStrategy::BackupRestore: return "backup_restore";
    case DrStrategy::PilotLight: return "pilot_light";
    case DrStrategy::WarmStandby: return "warm_standby";
    case DrStrategy::ActiveActive: return "active_active";
    case DrStrategy::HotStandby: return "hot_standby";
    case DrStrategy::Managed: return "managed";
  }
  return "unknown";
}

double standby_share_of(ComputeReadiness readiness) {
  switch (readiness) {
    case ComputeReadiness::Cold: return 0;
    case ComputeReadiness::Warm: return 0.25;  // "scaled-down but fully functional" (estimate)
    case ComputeReadiness::Hot: return 1;
  }
  return 0;
}

const char* to_string(ComputeReadiness c) {
  switch (c) {
    case ComputeReadiness::Cold: return "cold";
    case ComputeReadiness::Warm: return "warm";
    case ComputeReadiness::Hot: return "hot";
  }
  return "unknown";
}

namespace {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

// In enum order.
const std::vector<std::string>& strategy_names() {
  static const std::vector<std::string> names = {"none",          "backup_restore", "pilot_light", "warm_standby",
                                                 "active_active", "hot_standby",    "managed"};
  return names;
}
const std::vector<std::string>& readiness_names() {
  static const std::vector<std::string> names = {"cold", "warm", "hot"};
  return names;
}

const ComputeSpec* find_compute(const Scenario& s, const std::string& name) {
  for (const ComputeSpec& c : s.compute)
    if (c.name == name) return &c;
  return nullptr;
}

// A schedule: `false` turns it off, `true` keeps the strategy's, an object overrides the
// strategy's field by field (and turns it on).
void read_sync(FieldReader& in, const json& r, const std::string& at, const char* key, DrStrategy strategy,
               PeriodicSyncSpec& sync) {
  if (!r.contains(key)) return;
  const json& v = r[key];
  const std::string here = pointer_append(at, key);
  if (v.is_boolean()) {
    sync.enabled = v.get<bool>();
  } else if (v.is_object()) {
    if (!in.object(v, here, {"every", "offset", "startup", "copy_time"})) return;
    sync.enabled = true;
    sync.every = in.duration(v, here, "every", Need::Optional, Zero::Rejected).value_or(sync.every);
    sync.offset = in.duration(v, here, "offset", Need::Optional, Zero::Allowed).value_or(sync.offset);
    sync.startup = in.duration(v, here, "startup", Need::Optional, Zero::Allowed).value_or(sync.startup);
    sync.copy_time = in.duration(v, here, "copy_time", Need::Optional, Zero::Allowed).value_or(sync.copy_time);
  } else {
    in.error(here, std::string("a ") + v.type_name() + " where a schedule belongs",
             "false, true, or {\"every\": ..., \"offset\": ..., \"startup\": ..., \"copy_time\": ...}");
    return;
  }
  if (sync.enabled && sync.every <= 0 && !(v.is_object() && v.contains("every")))
    in.error(here, "missing required key \"every\"",
             std::string("a positive duration: strategy ") + to_string(strategy) + " has no default schedule");
}

// `failback`: a boolean, or an object that turns it on with its delay.
void read_failback(FieldReader& in, const json& r, const std::string& at, DrSpec& spec) {
  if (!r.contains("failback")) return;
  const json& v = r["failback"];
  const std::string here = at + "/failback";
  if (v.is_boolean()) {
    spec.failback = v.get<bool>();
  } else if (v.is_object()) {
    if (!in.object(v, here, {"delay"})) return;
    spec.failback = true;
    spec.failback_delay = in.duration(v, here, "delay", Need::Optional, Zero::Allowed).value_or(spec.failback_delay);
  } else {
    in.error(here, std::string("a ") + v.type_name() + " where failback belongs", "false, true, or {\"delay\": ...}");
  }
}

// `infrastructure`: a duration (configured), or an object describing the simulated IaC run.
void read_infrastructure(FieldReader& in, const json& r, const std::string& at, DrSpec& spec) {
  if (!r.contains("infrastructure")) return;
  const json& v = r["infrastructure"];
  const std::string here = at + "/infrastructure";
  if (v.is_string()) {
    spec.infrastructure = in.duration(r, at, "infrastructure", Need::Optional, Zero::Allowed).value_or(-1);
    return;
  }
  if (!v.is_object()) {
    in.error(here, std::string("a ") + v.type_name() + " where the infrastructure step belongs",
             "a duration (configured) or {\"objects\": ..., \"parallelism\": ..., \"api_rate\": ..., "
             "\"call_latency\": ..., \"workspace_provisioning\": ...}");
    return;
  }
  if (!in.object(v, here, {"objects", "parallelism", "api_rate", "call_latency", "workspace_provisioning"})) return;
  spec.infrastructure = -1;
  spec.iac_parallelism =
      static_cast<int>(in.integer(v, here, "parallelism", Need::Optional, 1, 1000).value_or(spec.iac_parallelism));
  spec.iac_api_rate = in.number(v, here, "api_rate", Need::Optional, 0.001, 1e6).value_or(spec.iac_api_rate);
  spec.iac_call_latency =
      in.duration(v, here, "call_latency", Need::Optional, Zero::Allowed).value_or(spec.iac_call_latency);
  spec.iac_workspace_provisioning = in.duration(v, here, "workspace_provisioning", Need::Optional, Zero::Allowed)
                                        .value_or(spec.iac_workspace_provisioning);
  if (v.contains("objects")) {
    static const std::vector<std::string> kinds = {"workspaces", "clusters", "warehouses", "jobs", "tables", "grants"};
    const json& o = v["objects"];
    const std::string objects_at = here + "/objects";
    if (in.object(o, objects_at, kinds))
      for (const std::string& kind : kinds)
        if (auto n = in.integer(o, objects_at, kind.c_str(), Need::Optional, 0, 1000000))
          spec.infrastructure_objects[kind] = static_cast<std::uint64_t>(*n);
  }
}

// The secondary placements that take over keep `standby_share` of themselves running: warm
// instances for a pool, minimum clusters for a SQL warehouse (never less than the file gives).
void apply_standby(const DrSpec& spec, Scenario& s) {
  const double share = spec.standby_share >= 0 ? spec.standby_share : standby_share_of(spec.compute);
  std::set<std::string> targets;
  for (const auto& [from, to] : spec.compute_map) targets.insert(to);
  for (ComputeSpec& c : s.compute) {
    if (!targets.count(c.name)) continue;
    if (c.kind == ComputeKind::SqlWarehouse) {
      const int clusters = static_cast<int>(std::ceil(share * c.max_clusters - 1e-9));
      c.min_clusters = std::max(c.min_clusters, std::min(clusters, c.max_clusters));
    } else {
      const int instances = static_cast<int>(std::ceil(share * c.instances - 1e-9));
      c.warm_instances = std::max(c.warm_instances, std::min(instances, c.instances));
    }
  }
}

// Whether the region has a control plane for the workspace to run in.
void check_control_plane(FieldReader& in, const Scenario& s, const std::string& pointer, const std::string& region,
                         DrStrategy strategy) {
  for (const ControlPlaneSpec& cp : s.control_plane)
    if (cp.region == region) return;
  in.error(pointer, "region " + region + " has no control plane for a " + to_string(strategy) + " workspace",
           "a /control_plane entry with \"region\": \"" + region + "\", or strategy none");
}

}  // namespace

void read_dr(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("dr")) return;
  const json& r = root["dr"];
  const std::string at = "/dr";
  if (!in.object(r, at,
                 {"strategy",
                  "primary",
                  "secondary",
                  "health_check",
                  "dns_ttl",
                  "decision",
                  "infrastructure",
                  "restore",
                  "restore_connections",
                  "compute",
                  "compute_map",
                  "failback",
                  "deep_clone",
                  "metadata_export",
                  "git_sync",
                  "siem",
                  "rebuild_vector_index",
                  "dns_long_cache_share",
                  "dns_long_cache",
                  "standby_share",
                  "secondary_free_instances",
                  "capacity_wait",
                  "managed"}))
    return;
  std::vector<std::string> regions, placements;
  for (const RegionSpec& region : s.regions) regions.push_back(region.name);
  for (const ComputeSpec& c : s.compute) placements.push_back(c.name);

  // The strategy first: its defaults are what the other keys override.
  const auto strategy = in.keyword(r, at, "strategy", Need::Required, strategy_names(), "DR strategy");
  DrSpec spec = defaults::dr_defaults(strategy ? static_cast<DrStrategy>(*strategy) : DrStrategy::None);

  const auto primary = in.string(r, at, "primary", Need::Required);
  const auto secondary = in.string(r, at, "secondary", Need::Required);
  const bool primary_ok = primary && in.known(at + "/primary", "region", *primary, regions);
  const bool secondary_ok = secondary && in.known(at + "/secondary", "region", *secondary, regions);
  if (primary_ok) spec.primary = *primary;
  if (secondary_ok) spec.secondary = *secondary;
  const bool distinct = !(primary && secondary && *primary == *secondary);
  if (!distinct)
    in.error(at + "/secondary", "disaster recovery from a region to itself",
             "a region other than \"" + *primary + "\"");
  const bool failover = strategy && spec.strategy != DrStrategy::None;
  if (failover && primary_ok) check_control_plane(in, s, at + "/primary", spec.primary, spec.strategy);
  if (failover && secondary_ok && distinct)
    check_control_plane(in, s, at + "/secondary", spec.secondary, spec.strategy);

  if (r.contains("health_check")) {
    const std::string hc_at = at + "/health_check";
    const json& hc = r["health_check"];
    if (in.object(hc, hc_at, {"interval", "threshold", "checkers", "timeout", "unhealthy_share"})) {
      spec.health_check_interval =
          in.duration(hc, hc_at, "interval", Need::Optional, Zero::Rejected).value_or(spec.health_check_interval);
      spec.failure_threshold = static_cast<int>(
          in.integer(hc, hc_at, "threshold", Need::Optional, 1, 1000).value_or(spec.failure_threshold));
      spec.health_checkers =
          static_cast<int>(in.integer(hc, hc_at, "checkers", Need::Optional, 1, 64).value_or(spec.health_checkers));
      spec.health_check_timeout =
          in.duration(hc, hc_at, "timeout", Need::Optional, Zero::Rejected).value_or(spec.health_check_timeout);
      spec.unhealthy_share =
          in.number(hc, hc_at, "unhealthy_share", Need::Optional, 0.01, 1).value_or(spec.unhealthy_share);
    }
  }
  spec.dns_ttl = in.duration(r, at, "dns_ttl", Need::Optional, Zero::Allowed).value_or(spec.dns_ttl);
  spec.dns_long_cache_share =
      in.number(r, at, "dns_long_cache_share", Need::Optional, 0, 1).value_or(spec.dns_long_cache_share);
  spec.dns_long_cache =
      in.duration(r, at, "dns_long_cache", Need::Optional, Zero::Allowed).value_or(spec.dns_long_cache);
  spec.decision = in.duration(r, at, "decision", Need::Optional, Zero::Allowed).value_or(spec.decision);
  read_infrastructure(in, r, at, spec);
  spec.restore = in.boolean(r, at, "restore", Need::Optional).value_or(spec.restore);
  spec.restore_connections = static_cast<int>(
      in.integer(r, at, "restore_connections", Need::Optional, 1, 100000).value_or(spec.restore_connections));
  if (auto c = in.keyword(r, at, "compute", Need::Optional, readiness_names(), "compute readiness"))
    spec.compute = static_cast<ComputeReadiness>(*c);
  read_failback(in, r, at, spec);
  spec.standby_share = in.number(r, at, "standby_share", Need::Optional, 0, 1).value_or(spec.standby_share);
  spec.secondary_free_instances =
      static_cast<int>(in.integer(r, at, "secondary_free_instances", Need::Optional, 0, 10000000)
                           .value_or(spec.secondary_free_instances));
  spec.capacity_wait = in.duration(r, at, "capacity_wait", Need::Optional, Zero::Allowed).value_or(spec.capacity_wait);
  const DrStrategy base = spec.strategy;
  read_sync(in, r, at, "deep_clone", base, spec.deep_clone);
  read_sync(in, r, at, "metadata_export", base, spec.metadata_export);
  read_sync(in, r, at, "git_sync", base, spec.git_sync);
  spec.siem = in.boolean(r, at, "siem", Need::Optional).value_or(spec.siem);
  spec.rebuild_vector_index =
      in.boolean(r, at, "rebuild_vector_index", Need::Optional).value_or(spec.rebuild_vector_index);
  read_managed(r, at, in, s, spec);

  // compute_map: a primary placement -> a secondary placement of the same kind.
  std::set<std::string> mapped;  // keys the file gives, valid or not
  if (r.contains("compute_map")) {
    const json& m = r["compute_map"];
    const std::string map_at = at + "/compute_map";
    std::vector<std::string> any;  // any name is a key; the object check only rejects a non-object
    if (m.is_object())
      for (const auto& [name, _] : m.items()) any.push_back(name);
    if (in.object(m, map_at, any)) {
      for (const auto& [from, _] : m.items()) {
        mapped.insert(from);
        const std::string item = pointer_append(map_at, from);
        const auto to = in.string(m, map_at, from.c_str(), Need::Required);
        const ComputeSpec* src =
            in.known(item, "compute placement", from, placements) ? find_compute(s, from) : nullptr;
        const ComputeSpec* dst =
            to && in.known(item, "compute placement", *to, placements) ? find_compute(s, *to) : nullptr;
        bool ok = src && dst;
        if (src && primary_ok && src->region != spec.primary) {
          in.error(
              item,
              "compute placement \"" + from + "\" is in " + src->region + ", not in the primary region " + spec.primary,
              "a placement in " + spec.primary, true);
          ok = false;
        }
        if (dst && secondary_ok && dst->region != spec.secondary) {
          in.error(item,
                   "compute placement \"" + *to + "\" is in " + dst->region + ", not in the secondary region " +
                       spec.secondary,
                   "a placement in " + spec.secondary);
          ok = false;
        }
        if (src && dst && src->kind != dst->kind) {
          in.error(item,
                   "\"" + *to + "\" is a " + to_string(dst->kind) + " placement and cannot take over the " +
                       to_string(src->kind) + " placement \"" + from + "\"",
                   std::string("a ") + to_string(src->kind) + " placement in " +
                       (secondary_ok ? spec.secondary : std::string("the secondary region")));
          ok = false;
        }
        if (ok) spec.compute_map[from] = *to;
      }
    }
  }

  // Placements the file does not map go to the first placement of their kind in the secondary;
  // one that a workload uses must have somewhere to go.
  if (failover && primary_ok && secondary_ok && distinct) {
    for (const ComputeSpec& c : s.compute) {
      if (c.region != spec.primary || mapped.count(c.name)) continue;
      const auto target = std::find_if(s.compute.begin(), s.compute.end(), [&](const ComputeSpec& d) {
        return d.region == spec.secondary && d.kind == c.kind;
      });
      if (target != s.compute.end()) {
        spec.compute_map[c.name] = target->name;
        continue;
      }
      const auto user = std::find_if(s.workloads.begin(), s.workloads.end(),
                                     [&](const WorkloadSpec& w) { return w.compute == c.name; });
      if (user == s.workloads.end()) continue;
      const std::string kind = to_string(c.kind);
      in.error(at,
               "no " + kind + " placement in " + spec.secondary + " takes over \"" + c.name +
                   "\" (used by workload \"" + user->name + "\")",
               "a compute_map entry or a " + kind + " placement in " + spec.secondary);
    }
  }
  if (failover) apply_standby(spec, s);
  s.dr = spec;
}

}  // namespace lakesim::sim
