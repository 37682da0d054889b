#include "scenario/fault_preset.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "scenario/fault_kind.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

namespace {

using Need = FieldReader::Need;
using Zero = FieldReader::Zero;
using nlohmann::json;

// The FIS scenario's own limit on "Cross-Region: Connectivity".
constexpr double kCrossRegionMaxSeconds = 12 * 3600.0;

const std::vector<FaultPresetInfo>& presets() {
  static const std::vector<FaultPresetInfo> list = {
      {"az_power_interruption",
       "an `az_outage` of the zone for `duration` (every host and link of the zone stops), then the recovery "
       "symptoms for `recovery`: no instance can launch in the zone for the whole experiment, which lakesim applies "
       "as a `capacity_shortage` (`<name>-launches`) on each compute placement that has no other zone to launch in",
       "AWS FIS user guide, scenario library, \"AZ Availability: Power Interruption\": 30 min of power interruption "
       "symptoms (instances stopped, no re-scaling of compute in the AZ, subnet connectivity lost), then 30 min of "
       "recovery symptoms (domain-numbers.md section 9)",
       {{"az", PresetValue::Az, nullptr, "the availability zone that loses power"},
        {"start", PresetValue::Duration, nullptr, "when the power goes"},
        {"duration", PresetValue::Duration, "30m", "how long the zone has no power"},
        {"recovery", PresetValue::Duration, "30m",
         "how long the recovery symptoms last after the power is back (`0s`: none)"},
        {"name", PresetValue::Name, "az-power-interruption", "the outage's name"}}},
      {"cross_region_connectivity",
       "a `link_cut` of the backbone between the two regions: nothing crosses between them, so S3 replication, deep "
       "clones and metadata exports pause (their copies are retried and arrive after the link is back)",
       "AWS FIS user guide, scenario library, \"Cross-Region: Connectivity\": inter-region routes blocked and S3 and "
       "DynamoDB replication paused, 3 h by default, 12 h at most (domain-numbers.md section 9)",
       {{"regions", PresetValue::RegionPair, nullptr,
         "the two regions; may be left out when the scenario has exactly two"},
        {"start", PresetValue::Duration, nullptr, "when the routes are blocked"},
        {"duration", PresetValue::Duration, "3h", "how long they stay blocked, at most 12h"},
        {"name", PresetValue::Name, "cross-region-connectivity", "the fault's name"}}},
      {"us_east_1_s3_2017",
       "an `s3_outage` of the region (reads back after `reads_duration`, writes after `duration`) and a "
       "`capacity_shortage` of the region's Serverless Spark placements for the same window (new EC2 instances could "
       "not launch)",
       "AWS post-event summary 41926, S3 in us-east-1 on 28 Feb 2017, from 09:37: GET, LIST and DELETE back after "
       "3h41m, PUT after 4h17m (domain-numbers.md section 6)",
       {{"region", PresetValue::Region, "us-east-1", "the region"},
        {"start", PresetValue::Duration, "9h37m", "when S3 stops (the event's clock time)"},
        {"duration", PresetValue::Duration, "4h17m", "until writes come back"},
        {"reads_duration", PresetValue::Duration, "3h41m", "until reads come back"},
        {"compute", PresetValue::Placements, nullptr,
         "the placements that cannot launch; default: the region's Serverless Spark placements"},
        {"name", PresetValue::Name, "s3-index-and-placement",
         "the S3 outage's name; the launch failures are `ec2-launches`, or `<name>-launches` when a name is given"}}},
      {"us_east_1_control_planes_2021",
       "a `control_plane_outage` of the region and a `capacity_shortage` of its Serverless Spark placements for the "
       "same window; running instances keep running",
       "AWS post-event summary 12721, us-east-1 network congestion of 7 Dec 2021, from 07:30: control planes failed "
       "for 6h52m while running instances kept running (domain-numbers.md section 6)",
       {{"region", PresetValue::Region, "us-east-1", "the region"},
        {"start", PresetValue::Duration, "7h30m", "when the control planes fail (the event's clock time)"},
        {"duration", PresetValue::Duration, "6h52m", "how long they stay down"},
        {"compute", PresetValue::Placements, nullptr,
         "the placements that cannot launch; default: the region's Serverless Spark placements"},
        {"name", PresetValue::Name, "control-plane",
         "the control-plane outage's name; the launch failures are `ec2-launches`, or `<name>-launches` when a name "
         "is given"}}},
      {"us_east_1_dns_2025",
       "a `control_plane_outage` of the region (the DNS failure) and, as the long tail of recovery symptoms, a "
       "`capacity_shortage` of its Serverless Spark placements lasting `launch_failures` from the same start",
       "AWS post-event summary 101925, us-east-1 DynamoDB DNS event of 19-20 Oct 2025, from 23:48: endpoints "
       "unreachable for 2h37m, new instance launches failing until 10h48m after the start (domain-numbers.md "
       "sections 6 and 9)",
       {{"region", PresetValue::Region, "us-east-1", "the region"},
        {"start", PresetValue::Duration, "23h48m", "when DNS fails (the event's clock time)"},
        {"duration", PresetValue::Duration, "2h37m", "how long the control plane is unreachable"},
        {"launch_failures", PresetValue::Duration, "10h48m", "how long new instances fail to launch, from the start"},
        {"compute", PresetValue::Placements, nullptr,
         "the placements that cannot launch; default: the region's Serverless Spark placements"},
        {"name", PresetValue::Name, "dns",
         "the DNS outage's name; the launch failures are `ec2-launches-tail`, or `<name>-launches` when a name is "
         "given"}}},
  };
  return list;
}

// A parameter without a default that may still be left out (placements, the only region pair).
bool optional(const PresetParameter& p) {
  return p.value == PresetValue::Placements || p.value == PresetValue::RegionPair;
}

std::string default_text(const PresetParameter& p) {
  if (p.fallback) return p.fallback;
  return optional(p) ? "optional" : "required";
}

// The parameters of one preset entry, as read: the text of each (the file's, else the default)
// and the seconds of the durations.
struct Values {
  std::map<std::string, json> given;  // the value the file or the default gives
  std::map<std::string, double> seconds;
  bool named = false;  // the file gave "name"
  bool ok = true;

  std::string text(const std::string& key) const { return given.at(key).get<std::string>(); }
};

std::string seconds_text(double seconds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17gs", seconds);
  return buf;
}

json fault(const std::string& name, const char* kind) { return json{{"name", name}, {"kind", kind}}; }

// The region's Serverless Spark placements, or the ones the entry names.
std::vector<std::string> launch_placements(const Values& v, const Scenario& s, const std::string& region) {
  std::vector<std::string> out;
  if (v.given.count("compute")) {
    for (const json& name : v.given.at("compute")) out.push_back(name.get<std::string>());
    return out;
  }
  for (const ComputeSpec& c : s.compute)
    if (c.region == region && c.kind == ComputeKind::ServerlessSpark) out.push_back(c.name);
  return out;
}

// One capacity_shortage per placement, named `name` when there is one, `name-<placement>` else.
void add_launch_failures(std::vector<json>& out, const std::string& name, const std::vector<std::string>& placements,
                         const json& start, const json& duration) {
  for (const std::string& p : placements) {
    json f = fault(placements.size() == 1 ? name : name + "-" + p, "capacity_shortage");
    f["compute"] = p;
    f["start"] = start;
    f["duration"] = duration;
    out.push_back(f);
  }
}

std::vector<json> az_power_interruption(const Values& v, const Scenario& s) {
  const std::string name = v.text("name");
  json outage = fault(name, "az_outage");
  outage["az"] = v.given.at("az");
  outage["start"] = v.given.at("start");
  outage["duration"] = v.given.at("duration");
  std::vector<json> out{outage};
  if (v.seconds.at("recovery") <= 0) return out;
  // Instances cannot launch in the zone through the outage and the recovery; a placement spread
  // over other zones launches there, one confined to the zone cannot launch at all.
  std::vector<std::string> confined;
  const std::string az = v.text("az");
  for (const ComputeSpec& c : s.compute)
    if (!c.azs.empty() && std::all_of(c.azs.begin(), c.azs.end(), [&](const std::string& a) { return a == az; }))
      confined.push_back(c.name);
  add_launch_failures(out, name + "-launches", confined, v.given.at("start"),
                      seconds_text(v.seconds.at("duration") + v.seconds.at("recovery")));
  return out;
}

std::vector<json> cross_region_connectivity(const Values& v, const Scenario& s) {
  json cut = fault(v.text("name"), "link_cut");
  if (v.given.count("regions"))
    cut["regions"] = v.given.at("regions");
  else if (s.regions.size() == 2)
    cut["regions"] = json::array({s.regions[0].name, s.regions[1].name});
  cut["start"] = v.given.at("start");
  cut["duration"] = v.given.at("duration");
  return {cut};
}

std::vector<json> s3_2017(const Values& v, const Scenario& s) {
  json outage = fault(v.text("name"), "s3_outage");
  outage["region"] = v.given.at("region");
  outage["start"] = v.given.at("start");
  outage["duration"] = v.given.at("duration");
  outage["reads_duration"] = v.given.at("reads_duration");
  std::vector<json> out{outage};
  add_launch_failures(out, v.named ? v.text("name") + "-launches" : "ec2-launches",
                      launch_placements(v, s, v.text("region")), v.given.at("start"), v.given.at("duration"));
  return out;
}

std::vector<json> control_planes_2021(const Values& v, const Scenario& s) {
  json outage = fault(v.text("name"), "control_plane_outage");
  outage["region"] = v.given.at("region");
  outage["start"] = v.given.at("start");
  outage["duration"] = v.given.at("duration");
  std::vector<json> out{outage};
  add_launch_failures(out, v.named ? v.text("name") + "-launches" : "ec2-launches",
                      launch_placements(v, s, v.text("region")), v.given.at("start"), v.given.at("duration"));
  return out;
}

std::vector<json> dns_2025(const Values& v, const Scenario& s) {
  json outage = fault(v.text("name"), "control_plane_outage");
  outage["region"] = v.given.at("region");
  outage["start"] = v.given.at("start");
  outage["duration"] = v.given.at("duration");
  std::vector<json> out{outage};
  add_launch_failures(out, v.named ? v.text("name") + "-launches" : "ec2-launches-tail",
                      launch_placements(v, s, v.text("region")), v.given.at("start"), v.given.at("launch_failures"));
  return out;
}

// Reads the entry's parameters; every problem is reported where it is.
Values read_values(const FaultPresetInfo& preset, const json& entry, const std::string& at, FieldReader& in,
                   const Scenario& s) {
  Values v;
  for (const PresetParameter& p : preset.parameters) {
    const bool present = entry.contains(p.key);
    if (!present && !p.fallback) {
      // Optional without a default: placements default to the region's, regions to the only pair.
      if (p.value == PresetValue::Placements || (p.value == PresetValue::RegionPair && s.regions.size() == 2)) continue;
      in.error(at, std::string("a ") + preset.name + " needs \"" + p.key + "\"", p.meaning);
      v.ok = false;
      continue;
    }
    const json value = present ? entry.at(p.key) : json(p.fallback);
    // Defaults are read from a one-key object, reported (never) at the entry's place.
    const json holder{{p.key, value}};
    switch (p.value) {
      case PresetValue::Duration: {
        const Zero zero =
            std::string(p.key) == "start" || std::string(p.key) == "recovery" ? Zero::Allowed : Zero::Rejected;
        if (auto seconds = in.duration(holder, at, p.key, Need::Required, zero)) {
          v.seconds[p.key] = *seconds;
          v.given[p.key] = value;
        } else {
          v.ok = false;
        }
        break;
      }
      case PresetValue::Az:
      case PresetValue::Region:
      case PresetValue::Name:
        // Zones and regions are checked by the fault reader, with suggestions.
        if (auto text = in.string(holder, at, p.key, Need::Required))
          v.given[p.key] = *text;
        else
          v.ok = false;
        v.named = v.named || (p.value == PresetValue::Name && present);
        break;
      case PresetValue::RegionPair:
        if (auto pair = in.names(holder, at, p.key, Need::Required))
          v.given[p.key] = *pair;
        else
          v.ok = false;
        break;
      case PresetValue::Placements: {
        auto names = in.names(holder, at, p.key, Need::Required);
        if (!names) {
          v.ok = false;
          break;
        }
        std::vector<std::string> placements;
        for (const ComputeSpec& c : s.compute) placements.push_back(c.name);
        for (std::size_t i = 0; i < names->size(); ++i)
          v.ok =
              in.known(pointer_append(at, p.key) + "/" + std::to_string(i), "compute", (*names)[i], placements) && v.ok;
        v.given[p.key] = *names;
        break;
      }
    }
  }
  return v;
}

}  // namespace

const std::vector<FaultPresetInfo>& fault_presets() { return presets(); }

const FaultPresetInfo* find_fault_preset(std::string_view name) {
  for (const FaultPresetInfo& p : presets())
    if (name == p.name) return &p;
  return nullptr;
}

std::vector<json> expand_fault_preset(const json& entry, const std::string& at, FieldReader& in, const Scenario& s) {
  const auto name = in.string(entry, at, "preset", Need::Required);
  if (!name) return {};
  const FaultPresetInfo* preset = find_fault_preset(*name);
  if (!preset) {
    std::vector<std::string> known;
    for (const FaultPresetInfo& p : presets()) known.emplace_back(p.name);
    in.known(at + "/preset", "fault preset", *name, known);
    return {};
  }
  std::vector<std::string> keys{"preset"};
  for (const PresetParameter& p : preset->parameters) keys.emplace_back(p.key);
  if (!in.object(entry, at, keys)) return {};
  const Values v = read_values(*preset, entry, at, in, s);
  if (!v.ok) return {};
  const std::string which = preset->name;
  if (which == "cross_region_connectivity" && v.seconds.at("duration") > kCrossRegionMaxSeconds) {
    in.error(at + "/duration", "blocked for longer than the FIS scenario allows", "at most 12h");
    return {};
  }
  if (which == "us_east_1_s3_2017" && v.seconds.at("reads_duration") > v.seconds.at("duration")) {
    in.error(at + "/reads_duration", "reads cannot stay down longer than the outage", "at most \"duration\"");
    return {};
  }
  if (which == "az_power_interruption") return az_power_interruption(v, s);
  if (which == "cross_region_connectivity") return cross_region_connectivity(v, s);
  if (which == "us_east_1_s3_2017") return s3_2017(v, s);
  if (which == "us_east_1_control_planes_2021") return control_planes_2021(v, s);
  return dns_2025(v, s);
}

std::string fault_presets_markdown() {
  std::string out = "| preset | parameters (default) | expands into | source |\n|---|---|---|---|\n";
  for (const FaultPresetInfo& p : presets()) {
    std::string parameters;
    for (const PresetParameter& q : p.parameters)
      parameters += std::string(parameters.empty() ? "" : "; ") + "`" + q.key + "` (" +
                    (q.fallback ? "`" + std::string(q.fallback) + "`" : default_text(q)) + "): " + q.meaning;
    out += "| `" + std::string(p.name) + "` | " + parameters + " | " + p.description + " | " + p.source + " |\n";
  }
  return out;
}

std::string fault_listing_text() {
  std::string out = "Fault kinds (\"kind\" in a scenario's faults):\n\n";
  for (const FaultKindInfo& k : fault_kinds()) {
    const std::string key = target_key(k.target);
    out += "  " + std::string(k.name) + (key.empty() ? "" : " (" + key + ")") + "\n      " + k.description + "\n";
  }
  out += "\nNamed fault scenarios (\"preset\" in a scenario's faults; parameters overridable):\n";
  for (const FaultPresetInfo& p : presets()) {
    out +=
        "\n  " + std::string(p.name) + "\n      expands into: " + p.description + "\n      source: " + p.source + "\n";
    for (const PresetParameter& q : p.parameters)
      out += "      " + std::string(q.key) + " = " + (q.fallback ? q.fallback : "(" + default_text(q) + ")") + ": " +
             q.meaning + "\n";
  }
  return out;
}

}  // namespace lakesim::sim
