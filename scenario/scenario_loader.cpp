#include "scenario/scenario_loader.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "scenario/arrival_calendar.hpp"
#include "scenario/compute_autoscaling_reader.hpp"
#include "scenario/defaults.hpp"
#include "scenario/dr_reader.hpp"
#include "scenario/fault_reader.hpp"
#include "scenario/field_reader.hpp"
#include "scenario/gcp_defaults.hpp"
#include "scenario/impact_reader.hpp"
#include "scenario/json_source.hpp"
#include "scenario/overrides.hpp"
#include "scenario/replication_reader.hpp"
#include "scenario/resilience_policy_reader.hpp"
#include "scenario/risk_reader.hpp"
#include "scenario/rpo_sampling_reader.hpp"
#include "scenario/security_reader.hpp"
#include "scenario/suggest.hpp"
#include "scenario/warehouse_sizes.hpp"
#include "scenario/workload_reader.hpp"
#include "scenario/workspaces_reader.hpp"

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

const RegionSpec* Scenario::find_region(const std::string& region) const {
  for (const RegionSpec& r : regions)
    if (r.name == region) return &r;
  return nullptr;
}

const InstanceType& Scenario::instance_type(const std::string& type) const { return instance_types.at(type); }

const char* to_string(NetworkModel m) { return m == NetworkModel::Exact ? "exact" : "tcp"; }
const char* to_string(Provider p) { return defaults::profile(p).name; }
const char* to_string(ComputeKind k) {
  return k == ComputeKind::ServerlessSpark ? "serverless_spark" : "sql_warehouse";
}
const char* to_string(ComputePlane p) { return p == ComputePlane::Serverless ? "serverless" : "classic"; }

namespace {

// Reads the sections of one scenario document; every problem goes to the FieldReader.
class ScenarioReader {
 public:
  ScenarioReader(const json& root, FieldReader& in, std::string file, Limits limits)
      : root_(root), in_(in), file_(std::move(file)), limits_(limits) {}

  Scenario read() {
    Scenario s;
    s.file = file_;  // trace paths are resolved against it while reading
    s.limits = limits_;
    if (!in_.object(
            root_, "",
            {"format",         "name",         "description",       "seed",    "duration", "provider",  "network",
             "instance_types", "regions",      "control_plane",     "compute", "services", "workloads", "tables",
             "prices",         "faults",       "replication",       "dr",      "security", "workspace", "workspaces",
             "variants",       "rpo_sampling", "resilience_policy", "impact",  "risk"}))
      return s;
    if (auto format = in_.string(root_, "", "format", Need::Required); format && *format != kScenarioFormat) {
      in_.error("/format", "unsupported format \"" + *format + "\"", std::string("\"") + kScenarioFormat + "\"");
    }
    s.name = in_.string(root_, "", "name", Need::Required).value_or("");
    s.description = in_.string(root_, "", "description", Need::Optional).value_or("");
    s.seed = in_.seed(root_, "", "seed").value_or(defaults::kSeed);
    s.duration = in_.duration(root_, "", "duration", Need::Optional, Zero::Rejected).value_or(defaults::kDuration);
    read_provider(s);  // first: it picks the defaults of every other section
    read_instance_types(s);
    read_regions(s);
    read_network(s);
    read_control_plane(s);
    read_compute(s);
    read_services(s);
    read_security(root_, in_, s);  // before the workloads, whose tokens it defines
    read_workspace(root_, in_, s);
    read_workspaces(root_, in_, s);  // after security (each starts from the account's controls)
    read_workloads(root_, in_, s);
    read_faults(root_, in_, s);
    read_replication(root_, in_, s);
    read_dr(root_, in_, s);
    read_rpo_sampling(root_, in_, s);
    read_resilience_policy(root_, in_, s);
    read_impact(root_, in_, s);
    read_risk(root_, in_, s);
    if (root_.contains("variants") && in_.object(root_["variants"], "/variants", variant_keys())) {
      for (const auto& [name, overrides] : root_["variants"].items()) {
        s.variant_names.push_back(name);
        if (!overrides.is_object())
          in_.error(pointer_append("/variants", name),
                    std::string("a ") + overrides.type_name() + " where a variant belongs",
                    "an object of \"path\": value overrides");
      }
    }
    return s;
  }

 private:
  std::vector<std::string> variant_keys() const {
    std::vector<std::string> keys;
    for (const auto& [name, _] : root_["variants"].items()) keys.push_back(name);
    return keys;
  }

  // `"provider"`: whose built-in figures (instance types, object storage, latencies, start-up
  // times) fill what the file leaves out.
  void read_provider(Scenario& s) {
    if (auto p = in_.keyword(root_, "", "provider", Need::Optional, {"aws", "gcp"}, "provider"))
      s.provider = *p == 1 ? Provider::Gcp : Provider::Aws;
    profile_ = &defaults::profile(s.provider);
  }

  void read_instance_types(Scenario& s) {
    s.instance_types = *profile_->instance_types;
    if (!root_.contains("instance_types")) return;
    const json& types = root_["instance_types"];
    // Any name may be defined; the object check only rejects a non-object.
    std::vector<std::string> any;
    if (types.is_object())
      for (const auto& [name, _] : types.items()) any.push_back(name);
    if (!in_.object(types, "/instance_types", any)) return;
    for (const auto& [name, spec] : types.items()) {
      const std::string at = pointer_append("/instance_types", name);
      if (!in_.object(spec, at, {"cores", "core_speed", "memory", "network", "disk", "price_per_hour"})) continue;
      InstanceType t;
      t.name = name;
      t.cores = static_cast<int>(in_.integer(spec, at, "cores", Need::Required, 1, 1024).value_or(1));
      t.core_speed = in_.speed(spec, at, "core_speed", Need::Optional).value_or(1e9);
      t.memory = in_.size(spec, at, "memory", Need::Required, Zero::Rejected).value_or(0);
      t.network_bandwidth = in_.bandwidth(spec, at, "network", Need::Required).value_or(0);
      t.price_per_hour = in_.number(spec, at, "price_per_hour", Need::Optional, 0, 1e6).value_or(0);
      if (spec.contains("disk")) {
        const std::string disk_at = at + "/disk";
        if (in_.object(spec["disk"], disk_at, {"read", "write", "size"})) {
          DiskSpec d;
          d.read_bandwidth = in_.bandwidth(spec["disk"], disk_at, "read", Need::Required).value_or(0);
          d.write_bandwidth = in_.bandwidth(spec["disk"], disk_at, "write", Need::Required).value_or(0);
          d.size = in_.size(spec["disk"], disk_at, "size", Need::Required, Zero::Rejected).value_or(0);
          t.disk = d;
        }
      }
      s.instance_types[name] = t;
    }
  }

  void read_regions(Scenario& s) {
    if (!root_.contains("regions")) {
      in_.error("", "missing required key \"regions\"", "a list of regions with their availability zones");
      return;
    }
    const json& regions = root_["regions"];
    if (!in_.array(regions, "/regions")) return;
    if (regions.empty()) in_.error("/regions", "empty list", "at least one region");
    std::set<std::string> names;
    std::set<std::string> azs;
    for (std::size_t i = 0; i < regions.size(); ++i) {
      const std::string at = "/regions/" + std::to_string(i);
      const json& r = regions[i];
      if (!in_.object(r, at, {"name", "azs", "s3"})) continue;
      RegionSpec region;
      region.name = in_.string(r, at, "name", Need::Required).value_or("");
      if (!region.name.empty() && !names.insert(region.name).second)
        in_.error(at + "/name", "duplicate region \"" + region.name + "\"", "each region once");
      region.azs = in_.names(r, at, "azs", Need::Required).value_or(std::vector<std::string>{});
      for (std::size_t k = 0; k < region.azs.size(); ++k) {
        if (!azs.insert(region.azs[k]).second)
          in_.error(at + "/azs/" + std::to_string(k), "availability zone \"" + region.azs[k] + "\" is already used",
                    "zone names unique across all regions, e.g. \"us-east-1a\"");
      }
      check_zone_names(region, at);
      region.s3 = profile_->storage;
      if (r.contains("s3")) {
        const std::string s3_at = at + "/s3";
        const json& s3 = r["s3"];
        if (in_.object(s3, s3_at,
                       {"first_byte_latency", "per_connection", "read_rate", "write_rate", "bandwidth", "ramp_up",
                        "client", "prefix_scaling"})) {
          auto& o = region.s3;
          o.first_byte_latency = in_.duration(s3, s3_at, "first_byte_latency", Need::Optional, Zero::Allowed)
                                     .value_or(o.first_byte_latency);
          o.per_connection_bandwidth =
              in_.bandwidth(s3, s3_at, "per_connection", Need::Optional).value_or(o.per_connection_bandwidth);
          o.read_rate = in_.rate(s3, s3_at, "read_rate", Need::Optional).value_or(o.read_rate);
          o.write_rate = in_.rate(s3, s3_at, "write_rate", Need::Optional).value_or(o.write_rate);
          o.bandwidth = in_.bandwidth(s3, s3_at, "bandwidth", Need::Optional).value_or(o.bandwidth);
          read_ramp_up(s3, s3_at, o);
          read_prefix_scaling(s3, s3_at, o);
          read_s3_client(s3, s3_at, o.client);
        }
      }
      s.regions.push_back(region);
    }
  }

  // A provider that names its zones after their region (Compute Engine: "us-central1-a") has its
  // known regions' zones checked.
  void check_zone_names(const RegionSpec& region, const std::string& at) {
    if (!profile_->is_zone_of || !is_known_region(region.name)) return;
    for (std::size_t k = 0; k < region.azs.size(); ++k) {
      const std::string& zone = region.azs[k];
      if (profile_->is_zone_of(zone, region.name)) continue;
      std::string message = "zone \"" + zone + "\" is not named as a zone of " + region.name + " on " + profile_->name;
      const char last = zone.empty() ? ' ' : zone.back();
      if (last >= 'a' && last <= 'z' && zone.compare(0, region.name.size(), region.name) == 0)
        message += "; did you mean \"" + region.name + "-" + last + "\"?";
      in_.error(at + "/azs/" + std::to_string(k), message,
                "\"" + region.name + "-<letter>\", e.g. \"" + region.name + "-a\"");
    }
  }

  bool is_known_region(const std::string& name) const {
    const std::vector<std::string>* known = profile_->known_regions;
    return known && std::find(known->begin(), known->end(), name) != known->end();
  }

  // `"ramp_up"`: false (fixed rates), true (Cloud Storage's ramp-up, unless one is already on), or
  // an object overriding the current ramp-up (or Cloud Storage's) field by field.
  void read_ramp_up(const json& s3, const std::string& s3_at, S3Spec& o) {
    if (!s3.contains("ramp_up")) return;
    const json& v = s3["ramp_up"];
    const std::string at = s3_at + "/ramp_up";
    const char* expected = "false, true, or an object of doubling_period, threshold, max_factor, sample, decay_period";
    if (v.is_boolean()) {
      if (!v.get<bool>())
        o.ramp_up.reset();
      else if (!o.ramp_up)
        o.ramp_up = gcp_defaults::gcs_ramp_up();
      return;
    }
    if (!v.is_object()) {
      in_.error(at, std::string("a ") + v.type_name() + " where a ramp-up belongs", expected);
      return;
    }
    if (!in_.object(v, at, {"doubling_period", "threshold", "max_factor", "sample", "decay_period"})) return;
    RequestRateRampUp r = o.ramp_up.value_or(gcp_defaults::gcs_ramp_up());
    r.doubling_period =
        in_.duration(v, at, "doubling_period", Need::Optional, Zero::Rejected).value_or(r.doubling_period);
    r.demand_threshold = in_.number(v, at, "threshold", Need::Optional, 0.001, 1).value_or(r.demand_threshold);
    r.max_factor = in_.number(v, at, "max_factor", Need::Optional, 1, 1e9).value_or(r.max_factor);
    r.sample = in_.duration(v, at, "sample", Need::Optional, Zero::Rejected).value_or(r.sample);
    r.decay_period = in_.duration(v, at, "decay_period", Need::Optional, Zero::Rejected).value_or(r.decay_period);
    if (r.sample > r.doubling_period || r.sample > r.decay_period)
      in_.error(at, "a demand sample longer than the doubling or decay period",
                "sample <= doubling_period and decay_period");
    o.ramp_up = r;
  }

  // `"prefix_scaling"`: false (fixed rates), true (S3's scaling at the estimated pace), or an object
  // overriding that pace field by field. Read after `ramp_up`, which it replaces.
  void read_prefix_scaling(const json& s3, const std::string& s3_at, S3Spec& o) {
    if (!s3.contains("prefix_scaling")) return;
    const json& v = s3["prefix_scaling"];
    const std::string at = s3_at + "/prefix_scaling";
    if (v.is_boolean()) {
      if (v.get<bool>())
        o.ramp_up = defaults::s3_prefix_scaling();
      else
        o.ramp_up.reset();
      return;
    }
    if (!v.is_object()) {
      in_.error(at, std::string("a ") + v.type_name() + " where prefix scaling belongs",
                "false, true, or an object of doubling_period, max_factor, sample, decay_period");
      return;
    }
    if (!in_.object(v, at, {"doubling_period", "max_factor", "sample", "decay_period"})) return;
    RequestRateRampUp r = defaults::s3_prefix_scaling();
    r.doubling_period =
        in_.duration(v, at, "doubling_period", Need::Optional, Zero::Rejected).value_or(r.doubling_period);
    r.max_factor = in_.number(v, at, "max_factor", Need::Optional, 1, 1e9).value_or(r.max_factor);
    r.sample = in_.duration(v, at, "sample", Need::Optional, Zero::Rejected).value_or(r.sample);
    r.decay_period = in_.duration(v, at, "decay_period", Need::Optional, Zero::Rejected).value_or(r.decay_period);
    if (r.sample > r.doubling_period || r.sample > r.decay_period)
      in_.error(at, "a demand sample longer than the doubling or decay period",
                "sample <= doubling_period and decay_period");
    o.ramp_up = r;
  }

  // `"client"`: the storage client's connection pool and throttling retries (S3A).
  void read_s3_client(const json& s3, const std::string& s3_at, S3ClientSpec& c) {
    if (!s3.contains("client")) return;
    const std::string at = s3_at + "/client";
    const json& v = s3["client"];
    if (!in_.object(v, at, {"connection_maximum", "throttle_retry_limit", "throttle_retry_interval", "max_backoff"}))
      return;
    c.connection_maximum = static_cast<int>(
        in_.integer(v, at, "connection_maximum", Need::Optional, 1, 100000).value_or(c.connection_maximum));
    c.throttle_retry_limit = static_cast<int>(
        in_.integer(v, at, "throttle_retry_limit", Need::Optional, 0, 60).value_or(c.throttle_retry_limit));
    c.throttle_retry_interval = in_.duration(v, at, "throttle_retry_interval", Need::Optional, Zero::Rejected)
                                    .value_or(c.throttle_retry_interval);
    c.max_backoff = in_.duration(v, at, "max_backoff", Need::Optional, Zero::Rejected).value_or(c.max_backoff);
  }

  LinkSpec read_link(const json& obj, const std::string& at, LinkSpec fallback) {
    if (!in_.object(obj, at, {"latency", "bandwidth"})) return fallback;
    fallback.latency = in_.duration(obj, at, "latency", Need::Optional, Zero::Allowed).value_or(fallback.latency);
    fallback.bandwidth = in_.bandwidth(obj, at, "bandwidth", Need::Optional).value_or(fallback.bandwidth);
    return fallback;
  }

  // Names a region reference resolves to, reporting unknown ones with a suggestion.
  bool check_region(const Scenario& s, const std::string& name, const std::string& at) {
    if (name.empty() || s.find_region(name)) return !name.empty();
    std::vector<std::string> known;
    for (const RegionSpec& r : s.regions) known.push_back(r.name);
    std::string message = "undefined region \"" + name + "\"";
    if (auto guess = closest_match(name, known)) message += "; did you mean \"" + *guess + "\"?";
    std::string expected = "a region listed in /regions:";
    for (const std::string& k : known) expected += " " + k;
    in_.error(at, message, expected);
    return false;
  }

  void read_network(Scenario& s) {
    NetworkSpec& n = s.network;
    n.intra_az = profile_->intra_az;
    n.inter_az = profile_->inter_az;
    const json empty = json::object();
    const json& net = root_.contains("network") ? root_["network"] : empty;
    n.external = profile_->external;
    if (in_.object(net, "/network", {"model", "intra_az", "inter_az", "inter_region", "external"})) {
      if (auto model = in_.string(net, "/network", "model", Need::Optional)) {
        if (*model == "exact")
          n.model = NetworkModel::Exact;
        else if (*model == "tcp")
          n.model = NetworkModel::Tcp;
        else
          in_.error("/network/model", "unknown network model \"" + *model + "\"", "\"exact\" or \"tcp\"");
      }
      if (net.contains("intra_az")) n.intra_az = read_link(net["intra_az"], "/network/intra_az", n.intra_az);
      if (net.contains("inter_az")) n.inter_az = read_link(net["inter_az"], "/network/inter_az", n.inter_az);
      if (net.contains("external")) n.external = read_link(net["external"], "/network/external", n.external);
      if (net.contains("inter_region") && in_.array(net["inter_region"], "/network/inter_region")) {
        std::set<std::pair<std::string, std::string>> pairs;
        const json& list = net["inter_region"];
        for (std::size_t i = 0; i < list.size(); ++i) {
          const std::string at = "/network/inter_region/" + std::to_string(i);
          if (!in_.object(list[i], at, {"regions", "latency", "bandwidth"})) continue;
          auto names = in_.names(list[i], at, "regions", Need::Required);
          if (!names) continue;
          if (names->size() != 2) {
            in_.error(at + "/regions", "a link joins exactly two regions", "[\"region-a\", \"region-b\"]");
            continue;
          }
          const bool ok =
              check_region(s, (*names)[0], at + "/regions/0") & check_region(s, (*names)[1], at + "/regions/1");
          const auto key = std::minmax((*names)[0], (*names)[1]);
          if (!pairs.insert(key).second)
            in_.error(at + "/regions", "a second link between " + key.first + " and " + key.second, "each pair once");
          RegionPairLink link{(*names)[0], (*names)[1], {}};
          auto latency = in_.duration(list[i], at, "latency", Need::Required, Zero::Rejected);
          auto bandwidth = in_.bandwidth(list[i], at, "bandwidth", Need::Required);
          if (ok && latency && bandwidth) {
            link.link = {*latency, *bandwidth};
            n.inter_region.push_back(link);
          }
        }
      }
    }
    // Every pair of regions needs a path: from the file, else from published figures. Past a
    // screenful of missing pairs the rest are counted, not listed.
    constexpr std::size_t kListedMissing = 20;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < s.regions.size(); ++i) {
      for (std::size_t j = i + 1; j < s.regions.size(); ++j) {
        const std::string& a = s.regions[i].name;
        const std::string& b = s.regions[j].name;
        bool found = false;
        for (const RegionPairLink& l : n.inter_region) found |= (l.a == a && l.b == b) || (l.a == b && l.b == a);
        if (found) continue;
        if (auto fallback = profile_->inter_region(a, b)) {
          n.inter_region.push_back({a, b, *fallback});
        } else if (report_unknown_region(s, i) | report_unknown_region(s, j)) {
          // Reported at the region's name: the file relies on a default the provider lacks.
        } else if (++missing <= kListedMissing) {
          in_.error("/network", "no link between regions " + a + " and " + b + " and no published figure for it",
                    "an entry in /network/inter_region with \"regions\": [\"" + a + "\", \"" + b + "\"]");
        }
      }
    }
    if (missing > kListedMissing)
      in_.error("/network", std::to_string(missing - kListedMissing) + " more pairs of regions without a link",
                "an entry in /network/inter_region for every pair without a published figure");
  }

  // A region that needs a built-in latency but is not one of the provider's (once per region);
  // false when the provider checks no names or knows the region.
  bool report_unknown_region(const Scenario& s, std::size_t index) {
    const std::string& name = s.regions[index].name;
    if (!profile_->known_regions || is_known_region(name)) return false;
    if (!unknown_regions_.insert(name).second) return true;
    std::string message = "unknown region \"" + name + "\" for provider " + profile_->name;
    if (auto guess = closest_match(name, *profile_->known_regions)) message += "; did you mean \"" + *guess + "\"?";
    std::string expected = "a region with built-in latencies:";
    for (const std::string& k : *profile_->known_regions) expected += " " + k;
    expected += "; or an entry in /network/inter_region for each of its pairs";
    in_.error("/regions/" + std::to_string(index) + "/name", message, expected);
    return true;
  }

  void check_instance_type(const Scenario& s, const std::string& name, const std::string& at) {
    if (s.instance_types.count(name)) return;
    std::vector<std::string> known;
    for (const auto& [k, _] : s.instance_types) known.push_back(k);
    std::string message = "undefined instance type \"" + name + "\"";
    if (auto guess = closest_match(name, known)) message += "; did you mean \"" + *guess + "\"?";
    in_.error(at, message, "a built-in type or one defined in /instance_types");
  }

  // AZs of a placement: all of the region's by default, else a subset that must belong to it.
  std::vector<std::string> read_azs(const Scenario& s, const json& obj, const std::string& at,
                                    const std::string& region) {
    const RegionSpec* r = s.find_region(region);
    if (!r) return {};
    if (!obj.contains("azs")) return r->azs;
    auto azs = in_.names(obj, at, "azs", Need::Optional);
    if (!azs) return {};
    for (std::size_t k = 0; k < azs->size(); ++k) {
      if (std::find(r->azs.begin(), r->azs.end(), (*azs)[k]) != r->azs.end()) continue;
      std::string message = "availability zone \"" + (*azs)[k] + "\" is not in region " + region;
      if (auto guess = closest_match((*azs)[k], r->azs)) message += "; did you mean \"" + *guess + "\"?";
      std::string expected = "one of:";
      for (const std::string& z : r->azs) expected += " " + z;
      in_.error(at + "/azs/" + std::to_string(k), message, expected);
    }
    return *azs;
  }

  void read_control_plane(Scenario& s) {
    if (!root_.contains("control_plane")) {
      in_.error("", "missing required key \"control_plane\"", "a list of the regions the control plane runs in");
      return;
    }
    const json& list = root_["control_plane"];
    if (!in_.array(list, "/control_plane")) return;
    if (list.empty()) in_.error("/control_plane", "empty list", "at least one control-plane region");
    std::set<std::string> regions;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = "/control_plane/" + std::to_string(i);
      if (!in_.object(list[i], at, {"region", "azs", "hosts_per_az", "instance_type"})) continue;
      ControlPlaneSpec cp;
      cp.region = in_.string(list[i], at, "region", Need::Required).value_or("");
      if (!check_region(s, cp.region, at + "/region")) continue;
      if (!regions.insert(cp.region).second)
        in_.error(at + "/region", "a second control plane in " + cp.region, "one control plane per region");
      cp.azs = read_azs(s, list[i], at, cp.region);
      cp.hosts_per_az = static_cast<int>(in_.integer(list[i], at, "hosts_per_az", Need::Optional, 1, 1000)
                                             .value_or(defaults::kControlPlaneHostsPerAz));
      cp.instance_type =
          in_.string(list[i], at, "instance_type", Need::Optional).value_or(profile_->control_plane_instance_type);
      check_instance_type(s, cp.instance_type, at + "/instance_type");
      s.control_plane.push_back(cp);
    }
  }

  void read_compute(Scenario& s) {
    if (!root_.contains("compute")) return;
    const json& list = root_["compute"];
    if (!in_.array(list, "/compute")) return;
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = "/compute/" + std::to_string(i);
      if (!in_.object(list[i], at,
                      {"name", "kind", "region", "azs", "instance_type", "instances", "start_delay", "warm_instances",
                       "warm_start_delay", "warehouse_type", "cluster_size", "min_clusters", "max_clusters", "size",
                       "core_time_scale", "query_overhead", "min_instances", "max_instances"}))
        continue;
      ComputeSpec c;
      c.name = in_.string(list[i], at, "name", Need::Required).value_or("");
      if (!c.name.empty() && !names.insert(c.name).second)
        in_.error(at + "/name", "duplicate compute name \"" + c.name + "\"", "each name once");
      if (auto kind = in_.keyword(list[i], at, "kind", Need::Required,
                                  {"serverless_spark", "classic_spark", "sql_warehouse"}, "compute kind")) {
        c.kind = *kind == 2 ? ComputeKind::SqlWarehouse : ComputeKind::ServerlessSpark;
        c.plane = *kind == 1 ? ComputePlane::Classic : ComputePlane::Serverless;
      }
      // SQL warehouses: serverless in the provider's plane, pro and classic in the customer's.
      if (list[i].contains("warehouse_type")) {
        if (c.kind != ComputeKind::SqlWarehouse)
          in_.error(at + "/warehouse_type", "\"warehouse_type\" applies only to sql_warehouse compute",
                    "remove it or set \"kind\": \"sql_warehouse\"");
        else if (auto type = in_.keyword(list[i], at, "warehouse_type", Need::Optional,
                                         {"serverless", "pro", "classic"}, "warehouse type"))
          c.plane = *type == 0 ? ComputePlane::Serverless : ComputePlane::Classic;
      }
      c.region = in_.string(list[i], at, "region", Need::Required).value_or("");
      if (check_region(s, c.region, at + "/region")) c.azs = read_azs(s, list[i], at, c.region);
      c.instance_type = in_.string(list[i], at, "instance_type", Need::Optional)
                            .value_or(c.kind == ComputeKind::SqlWarehouse ? profile_->sql_warehouse_instance_type
                                                                          : profile_->spark_instance_type);
      check_instance_type(s, c.instance_type, at + "/instance_type");
      const bool sql = c.kind == ComputeKind::SqlWarehouse;
      // A warehouse size ("Medium") fixes the instances per cluster; `instances` then defaults to
      // enough for max_clusters clusters. Without a size, instances and cluster_size describe it.
      std::optional<int> size_workers = read_warehouse_size(list[i], at, sql, c);
      if (size_workers && !list[i].contains("instances")) {
        const auto clusters = in_.integer(list[i], at, "max_clusters", Need::Optional, 1, 10000000).value_or(1);
        c.instances = static_cast<int>(std::min<std::int64_t>(10000000, clusters * *size_workers));
      } else if (sql && !list[i].contains("instances") && !list[i].contains("size")) {
        in_.error(
            at, "a SQL warehouse with neither \"size\" nor \"instances\"",
            "\"size\" (\"2X-Small\" ... \"4X-Large\"), or \"instances\" with \"cluster_size\" for a custom shape");
      } else {
        // A refused size was reported; instances are then optional so that it is not reported twice.
        const Need need = list[i].contains("size") ? Need::Optional : Need::Required;
        c.instances = static_cast<int>(
            in_.integer(list[i], at, "instances", need, 1, 10000000).value_or(need == Need::Optional ? 1 : 0));
      }
      const bool classic = c.plane == ComputePlane::Classic;
      c.start_delay =
          in_.duration(list[i], at, "start_delay", Need::Optional, Zero::Allowed)
              .value_or(
                  sql ? (classic ? profile_->classic_sql_start_delay : profile_->serverless_sql_start_delay)
                      : (classic ? profile_->classic_cluster_start_delay : profile_->serverless_spark_start_delay));
      c.warm_start_delay = in_.duration(list[i], at, "warm_start_delay", Need::Optional, Zero::Allowed)
                               .value_or(classic && !sql ? profile_->instance_pool_start_delay : 0.0);
      c.warm_instances =
          static_cast<int>(in_.integer(list[i], at, "warm_instances", Need::Optional, 0, 10000000).value_or(0));
      if (c.warm_instances > c.instances)
        in_.error(at + "/warm_instances", "more warm instances than instances", "at most /instances");
      for (const char* key : {"cluster_size", "min_clusters", "max_clusters"})
        if (!sql && list[i].contains(key))
          in_.error(pointer_append(at, key), std::string("\"") + key + "\" applies only to sql_warehouse compute",
                    "remove it or set \"kind\": \"sql_warehouse\"");
      c.cluster_size = size_workers
                           ? *size_workers
                           : static_cast<int>(in_.integer(list[i], at, "cluster_size", Need::Optional, 1, 10000000)
                                                  .value_or(std::min(c.instances, defaults::kSqlClusterSize)));
      const int most = size_workers ? 1 : std::max(1, c.instances / std::max(1, c.cluster_size));
      c.min_clusters =
          static_cast<int>(in_.integer(list[i], at, "min_clusters", Need::Optional, 1, 10000000).value_or(1));
      c.max_clusters =
          static_cast<int>(in_.integer(list[i], at, "max_clusters", Need::Optional, 1, 10000000).value_or(most));
      if (sql && c.cluster_size > c.instances)
        in_.error(at + "/cluster_size", "a cluster larger than the placement's instances", "at most /instances");
      else if (sql && static_cast<long long>(c.max_clusters) * c.cluster_size > c.instances)  // up to 1e14
        in_.error(at + "/max_clusters",
                  std::to_string(c.max_clusters) + " clusters of " + std::to_string(c.cluster_size) +
                      " need more than the " + std::to_string(c.instances) + " instances",
                  "max_clusters x cluster_size <= instances");
      if (sql && c.min_clusters > c.max_clusters)
        in_.error(at + "/min_clusters", "more than max_clusters", "min_clusters <= max_clusters");
      for (const char* key : {"core_time_scale", "query_overhead"})
        if (!sql && list[i].contains(key))
          in_.error(pointer_append(at, key), std::string("\"") + key + "\" applies only to sql_warehouse compute",
                    "remove it or set \"kind\": \"sql_warehouse\"");
      c.core_time_scale = in_.number(list[i], at, "core_time_scale", Need::Optional, 1e-6, 1e6).value_or(1.0);
      c.query_overhead = in_.duration(list[i], at, "query_overhead", Need::Optional, Zero::Allowed).value_or(0.0);
      read_job_autoscaling(in_, list[i], at, c);
      s.compute.push_back(c);
    }
  }

  // A SQL warehouse's "size": its workers per cluster, or nothing when absent or refused (a size
  // on other compute, an unknown size, a size together with cluster_size).
  std::optional<int> read_warehouse_size(const json& entry, const std::string& at, bool sql, ComputeSpec& c) {
    if (!entry.contains("size")) return std::nullopt;
    if (!sql) {
      in_.error(at + "/size", "\"size\" applies only to sql_warehouse compute",
                "remove it or set \"kind\": \"sql_warehouse\"");
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const WarehouseSize& w : warehouse_sizes()) names.emplace_back(w.name);
    const auto which = in_.keyword(entry, at, "size", Need::Optional, names, "warehouse size");
    if (!which) return std::nullopt;
    if (entry.contains("cluster_size")) {
      in_.error(at + "/cluster_size", "both \"size\" and \"cluster_size\"",
                "one of them: a size sets the workers per cluster");
      return std::nullopt;
    }
    c.size = names[*which];
    return warehouse_sizes()[*which].workers;
  }

  // Per-component overrides of a service's behaviour, keyed by catalogue id.
  void read_services(Scenario& s) {
    if (!root_.contains("services")) return;
    const json& services = root_["services"];
    const std::vector<std::string> ids =
        models::keys_of({models::Archetype::Service, models::Archetype::MetadataStore});
    if (!in_.object(services, "/services", ids)) return;
    for (const auto& [id, spec] : services.items()) {
      const std::string at = pointer_append("/services", id);
      if (!in_.object(spec, at, {"service_time", "concurrency", "timeout"})) continue;
      ServiceOverride o;
      o.service_time = in_.duration(spec, at, "service_time", Need::Optional, Zero::Allowed);
      if (auto c = in_.integer(spec, at, "concurrency", Need::Optional, 1, 1000000))
        o.concurrency = static_cast<int>(*c);
      o.timeout = in_.duration(spec, at, "timeout", Need::Optional, Zero::Rejected);
      const models::Component* component = models::find_component(id);
      if (!component) continue;  // reported above as an unknown key
      o.component = component->which;
      s.services.push_back(o);
    }
  }

  const json& root_;
  FieldReader& in_;
  std::string file_;
  Limits limits_;
  const defaults::ProviderProfile* profile_ = &defaults::profile(Provider::Aws);
  std::set<std::string> unknown_regions_;  // reported once each
};

std::size_t host_count(const Scenario& s) {
  std::size_t hosts = s.regions.size() + 5;  // one S3 endpoint per region; the Internet's five hosts
  for (const ControlPlaneSpec& cp : s.control_plane) hosts += cp.azs.size() * static_cast<std::size_t>(cp.hosts_per_az);
  for (const ComputeSpec& c : s.compute) hosts += static_cast<std::size_t>(c.instances);
  return hosts;
}

// Arrivals the workloads are expected to make over the run (trace rows count as they are).
double expected_requests(const Scenario& s) {
  double total = 0;
  for (const WorkloadSpec& w : s.workloads) {
    switch (w.arrival.kind) {
      case ArrivalSpec::Kind::Poisson:
      case ArrivalSpec::Kind::Diurnal:
        total += w.arrival.rate * s.duration * mean_day_factor(w.arrival, s.duration);
        break;
      case ArrivalSpec::Kind::Cron: total += w.arrival.every > 0 ? s.duration / w.arrival.every : 0; break;
      case ArrivalSpec::Kind::Continuous: total += w.trigger > 0 ? s.duration / w.trigger : 1; break;
      case ArrivalSpec::Kind::Trace:
        if (w.trace) total += static_cast<double>(w.trace->queries.size() + w.trace->runs.size());
        break;
    }
  }
  return total;
}

}  // namespace

Scenario load_scenario(const std::string& path, const LoadOptions& options) {
  // The same errors as load_json_file.
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({{{path, 0, 0}, "", "cannot open the file", "a readable scenario file"}});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw ScenarioError({{{path, 0, 0}, "", "cannot read the file", "a readable scenario file"}});
  return load_scenario_text(buffer.str(), path, options);
}

Scenario load_scenario_text(const std::string& text, const std::string& file, const LoadOptions& options) {
  JsonDocument doc = parse_json_document(text, file);
  if (!options.variant.empty()) apply_variant(doc, options.variant);
  for (const std::string& assignment : options.sets) apply_set(doc, assignment);

  std::vector<Diagnostic> diagnostics;
  FieldReader in(doc.source, diagnostics);
  Scenario s = ScenarioReader(doc.root, in, file, options.limits).read();
  if (diagnostics.empty()) {
    const std::size_t hosts = host_count(s);
    if (hosts > options.limits.max_hosts) {
      in.error("",
               "the platform would have " + std::to_string(hosts) + " hosts, more than the limit of " +
                   std::to_string(options.limits.max_hosts),
               "at most " + std::to_string(options.limits.max_hosts) + " hosts, or raise the limit with --max-hosts");
    }
    const double requests = expected_requests(s);
    if (requests > options.limits.max_requests) {
      char what[160];
      std::snprintf(what, sizeof what, "the workloads would make about %.3g requests, more than the limit of %.3g",
                    requests, options.limits.max_requests);
      in.error("/workloads", what, "fewer or shorter workloads, or raise the limit with --max-requests");
    }
  }
  if (!diagnostics.empty()) throw ScenarioError(diagnostics);
  s.variant = options.variant;
  if (options.seed) s.seed = *options.seed;
  return s;
}

}  // namespace lakesim::sim
