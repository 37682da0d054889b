#include "sim/scenario_loader.hpp"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/defaults.hpp"
#include "sim/dr_reader.hpp"
#include "sim/field_reader.hpp"
#include "sim/fault_reader.hpp"
#include "sim/json_source.hpp"
#include "sim/overrides.hpp"
#include "sim/replication_reader.hpp"
#include "sim/suggest.hpp"
#include "sim/workload_reader.hpp"

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
const char* to_string(ComputeKind k) { return k == ComputeKind::ServerlessSpark ? "serverless_spark" : "sql_warehouse"; }

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
    if (!in_.object(root_, "", {"format", "name", "description", "seed", "duration", "network", "instance_types",
                                "regions", "control_plane", "compute", "services", "workloads", "tables", "prices",
                                "faults", "replication", "dr", "variants"}))
      return s;
    if (auto format = in_.string(root_, "", "format", Need::Required); format && *format != kScenarioFormat) {
      in_.error("/format", "unsupported format \"" + *format + "\"", std::string("\"") + kScenarioFormat + "\"");
    }
    s.name = in_.string(root_, "", "name", Need::Required).value_or("");
    s.description = in_.string(root_, "", "description", Need::Optional).value_or("");
    s.seed = in_.seed(root_, "", "seed").value_or(defaults::kSeed);
    s.duration = in_.duration(root_, "", "duration", Need::Optional, Zero::Rejected).value_or(defaults::kDuration);
    read_instance_types(s);
    read_regions(s);
    read_network(s);
    read_control_plane(s);
    read_compute(s);
    read_services(s);
    read_workloads(root_, in_, s);
    read_faults(root_, in_, s);
    read_replication(root_, in_, s);
    read_dr(root_, in_, s);
    if (root_.contains("variants") && in_.object(root_["variants"], "/variants", variant_keys())) {
      for (const auto& [name, overrides] : root_["variants"].items()) {
        s.variant_names.push_back(name);
        if (!overrides.is_object())
          in_.error(pointer_append("/variants", name), std::string("a ") + overrides.type_name() + " where a variant belongs",
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

  void read_instance_types(Scenario& s) {
    s.instance_types = defaults::instance_types();
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
      region.s3 = defaults::s3();
      if (r.contains("s3")) {
        const std::string s3_at = at + "/s3";
        const json& s3 = r["s3"];
        if (in_.object(s3, s3_at, {"first_byte_latency", "per_connection", "read_rate", "write_rate", "bandwidth"})) {
          auto& o = region.s3;
          o.first_byte_latency =
              in_.duration(s3, s3_at, "first_byte_latency", Need::Optional, Zero::Allowed).value_or(o.first_byte_latency);
          o.per_connection_bandwidth =
              in_.bandwidth(s3, s3_at, "per_connection", Need::Optional).value_or(o.per_connection_bandwidth);
          o.read_rate = in_.rate(s3, s3_at, "read_rate", Need::Optional).value_or(o.read_rate);
          o.write_rate = in_.rate(s3, s3_at, "write_rate", Need::Optional).value_or(o.write_rate);
          o.bandwidth = in_.bandwidth(s3, s3_at, "bandwidth", Need::Optional).value_or(o.bandwidth);
        }
      }
      s.regions.push_back(region);
    }
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
    n.intra_az = defaults::intra_az();
    n.inter_az = defaults::inter_az();
    const json empty = json::object();
    const json& net = root_.contains("network") ? root_["network"] : empty;
    n.external = defaults::external();
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
          const bool ok = check_region(s, (*names)[0], at + "/regions/0") & check_region(s, (*names)[1], at + "/regions/1");
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
        if (auto fallback = defaults::inter_region(a, b)) {
          n.inter_region.push_back({a, b, *fallback});
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
          in_.string(list[i], at, "instance_type", Need::Optional).value_or(defaults::kControlPlaneInstanceType);
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
                       "cluster_size", "min_clusters", "max_clusters"}))
        continue;
      ComputeSpec c;
      c.name = in_.string(list[i], at, "name", Need::Required).value_or("");
      if (!c.name.empty() && !names.insert(c.name).second)
        in_.error(at + "/name", "duplicate compute name \"" + c.name + "\"", "each name once");
      if (auto kind = in_.string(list[i], at, "kind", Need::Required)) {
        if (*kind == "serverless_spark")
          c.kind = ComputeKind::ServerlessSpark;
        else if (*kind == "sql_warehouse")
          c.kind = ComputeKind::SqlWarehouse;
        else {
          std::string message = "unknown compute kind \"" + *kind + "\"";
          if (auto guess = closest_match(*kind, {"serverless_spark", "sql_warehouse"}))
            message += "; did you mean \"" + *guess + "\"?";
          in_.error(at + "/kind", message, "\"serverless_spark\" or \"sql_warehouse\"");
        }
      }
      c.region = in_.string(list[i], at, "region", Need::Required).value_or("");
      if (check_region(s, c.region, at + "/region")) c.azs = read_azs(s, list[i], at, c.region);
      c.instance_type = in_.string(list[i], at, "instance_type", Need::Optional)
                            .value_or(c.kind == ComputeKind::SqlWarehouse ? defaults::kSqlWarehouseInstanceType
                                                                         : defaults::kSparkInstanceType);
      check_instance_type(s, c.instance_type, at + "/instance_type");
      c.instances = static_cast<int>(in_.integer(list[i], at, "instances", Need::Required, 1, 10000000).value_or(0));
      const bool sql = c.kind == ComputeKind::SqlWarehouse;
      c.start_delay = in_.duration(list[i], at, "start_delay", Need::Optional, Zero::Allowed)
                          .value_or(sql ? defaults::kServerlessSqlStartDelay : defaults::kServerlessSparkStartDelay);
      c.warm_instances = static_cast<int>(in_.integer(list[i], at, "warm_instances", Need::Optional, 0, 10000000)
                                              .value_or(0));
      if (c.warm_instances > c.instances)
        in_.error(at + "/warm_instances", "more warm instances than instances", "at most /instances");
      for (const char* key : {"cluster_size", "min_clusters", "max_clusters"})
        if (!sql && list[i].contains(key))
          in_.error(pointer_append(at, key), std::string("\"") + key + "\" applies only to sql_warehouse compute",
                    "remove it or set \"kind\": \"sql_warehouse\"");
      c.cluster_size = static_cast<int>(in_.integer(list[i], at, "cluster_size", Need::Optional, 1, 10000000)
                                            .value_or(std::min(c.instances, defaults::kSqlClusterSize)));
      const int most = std::max(1, c.instances / std::max(1, c.cluster_size));
      c.min_clusters = static_cast<int>(in_.integer(list[i], at, "min_clusters", Need::Optional, 1, 10000000).value_or(1));
      c.max_clusters = static_cast<int>(in_.integer(list[i], at, "max_clusters", Need::Optional, 1, 10000000).value_or(most));
      if (sql && c.cluster_size > c.instances)
        in_.error(at + "/cluster_size", "a cluster larger than the placement's instances", "at most /instances");
      else if (sql && static_cast<long long>(c.max_clusters) * c.cluster_size > c.instances)  // up to 1e14
        in_.error(at + "/max_clusters", std::to_string(c.max_clusters) + " clusters of " + std::to_string(c.cluster_size) +
                                            " need more than the " + std::to_string(c.instances) + " instances",
                  "max_clusters x cluster_size <= instances");
      if (sql && c.min_clusters > c.max_clusters)
        in_.error(at + "/min_clusters", "more than max_clusters", "min_clusters <= max_clusters");
      s.compute.push_back(c);
    }
  }

  // Per-component overrides of a service's behaviour, keyed by catalogue id.
  void read_services(Scenario& s) {
    if (!root_.contains("services")) return;
    const json& services = root_["services"];
    const std::vector<std::string> ids = defaults::service_component_ids();
    if (!in_.object(services, "/services", ids)) return;
    for (const auto& [id, spec] : services.items()) {
      const std::string at = pointer_append("/services", id);
      if (!in_.object(spec, at, {"service_time", "concurrency", "timeout"})) continue;
      ServiceOverride o;
      o.component = id;
      o.service_time = in_.duration(spec, at, "service_time", Need::Optional, Zero::Allowed);
      if (auto c = in_.integer(spec, at, "concurrency", Need::Optional, 1, 1000000)) o.concurrency = static_cast<int>(*c);
      o.timeout = in_.duration(spec, at, "timeout", Need::Optional, Zero::Rejected);
      s.services.push_back(o);
    }
  }

  const json& root_;
  FieldReader& in_;
  std::string file_;
  Limits limits_;
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
      case ArrivalSpec::Kind::Diurnal: total += w.arrival.rate * s.duration; break;
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
      in.error("", "the platform would have " + std::to_string(hosts) + " hosts, more than the limit of " +
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
