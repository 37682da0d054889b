#include "scenario/fault_reader.hpp"

#include <algorithm>
#include <set>

#include "scenario/catalog.hpp"
#include "scenario/suggest.hpp"

namespace lakesim::sim {

const char* to_string(FaultSpec::Kind kind) {
  switch (kind) {
    case FaultSpec::Kind::RegionOutage: return "region_outage";
    case FaultSpec::Kind::AzOutage: return "az_outage";
    case FaultSpec::Kind::ControlPlaneOutage: return "control_plane_outage";
    case FaultSpec::Kind::S3Outage: return "s3_outage";
    case FaultSpec::Kind::IdpOutage: return "idp_outage";
    case FaultSpec::Kind::LinkCut: return "link_cut";
    case FaultSpec::Kind::CapacityShortage: return "capacity_shortage";
    case FaultSpec::Kind::S3Throttling: return "s3_throttling";
    case FaultSpec::Kind::LinkDegradation: return "link_degradation";
    case FaultSpec::Kind::HostCrashes: return "host_crashes";
    case FaultSpec::Kind::KmsOutage: return "kms_outage";
    case FaultSpec::Kind::KeyRevoked: return "key_revoked";
    case FaultSpec::Kind::RelayOutage: return "relay_outage";
    case FaultSpec::Kind::WorkspaceOutage: return "workspace_outage";
    case FaultSpec::Kind::ServiceOutage: return "service_outage";
    case FaultSpec::Kind::PrivateLinkOutage: return "privatelink_outage";
  }
  return "unknown";
}

namespace {

using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

const std::vector<std::string>& kind_names() {
  static const std::vector<std::string> names = {"region_outage", "az_outage",  "control_plane_outage", "s3_outage",
                                                 "idp_outage",    "link_cut",   "capacity_shortage",    "s3_throttling",
                                                 "link_degradation", "host_crashes", "kms_outage", "key_revoked",
                                                 "relay_outage", "workspace_outage", "service_outage",
                                                 "privatelink_outage"};
  return names;
}

}  // namespace

void read_faults(const nlohmann::json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("faults")) return;
  const nlohmann::json& list = root["faults"];
  if (!in.array(list, "/faults")) return;
  std::vector<std::string> regions, azs, placements;
  for (const RegionSpec& r : s.regions) {
    regions.push_back(r.name);
    azs.insert(azs.end(), r.azs.begin(), r.azs.end());
  }
  for (const ComputeSpec& c : s.compute) placements.push_back(c.name);
  std::vector<std::string> workspaces;
  for (const AccountWorkspaceSpec& w : s.workspaces) workspaces.push_back(w.name);
  std::set<std::string> names;

  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "/faults/" + std::to_string(i);
    const nlohmann::json& f = list[i];
    if (!in.object(f, at, {"name", "kind", "region", "az", "compute", "regions", "start", "duration", "end",
                           "reads_duration", "factor", "mtbf", "mttr", "workspace", "component"}))
      continue;
    FaultSpec spec;
    spec.name = in.string(f, at, "name", Need::Required).value_or("");
    if (!spec.name.empty() && !names.insert(spec.name).second)
      in.error(at + "/name", "duplicate fault name \"" + spec.name + "\"", "each name once");
    const auto kind = in.string(f, at, "kind", Need::Required);
    if (!kind) continue;
    const auto& known = kind_names();
    const auto pos = std::find(known.begin(), known.end(), *kind);
    if (pos == known.end()) {
      in.known(at + "/kind", "fault kind", *kind, known);
      continue;
    }
    spec.kind = static_cast<FaultSpec::Kind>(pos - known.begin());

    // Which target key each kind needs; any other target key is an error.
    const char* needs = nullptr;
    switch (spec.kind) {
      case FaultSpec::Kind::RegionOutage:
      case FaultSpec::Kind::ControlPlaneOutage:
      case FaultSpec::Kind::S3Outage:
      case FaultSpec::Kind::S3Throttling:
      case FaultSpec::Kind::KmsOutage:
      case FaultSpec::Kind::KeyRevoked:
      case FaultSpec::Kind::RelayOutage:
      case FaultSpec::Kind::ServiceOutage:
      case FaultSpec::Kind::PrivateLinkOutage: needs = "region"; break;
      case FaultSpec::Kind::WorkspaceOutage: needs = "workspace"; break;
      case FaultSpec::Kind::AzOutage: needs = "az"; break;
      case FaultSpec::Kind::HostCrashes:
      case FaultSpec::Kind::CapacityShortage: needs = "compute"; break;
      case FaultSpec::Kind::LinkCut:
      case FaultSpec::Kind::LinkDegradation: needs = "regions"; break;
      case FaultSpec::Kind::IdpOutage: needs = ""; break;
    }
    for (const char* key : {"region", "az", "compute", "regions", "workspace"})
      if (f.contains(key) && std::string(key) != needs)
        in.error(pointer_append(at, key), "a " + *kind + " does not take \"" + key + "\"",
                 std::string(*needs ? "\"" + std::string(needs) + "\"" : "no target"));
    if (spec.kind == FaultSpec::Kind::LinkCut || spec.kind == FaultSpec::Kind::LinkDegradation) {
      if (auto pair = in.names(f, at, "regions", Need::Required)) {
        if (pair->size() != 2) {
          in.error(at + "/regions", "a link joins exactly two regions", "[\"region-a\", \"region-b\"]");
        } else if (in.known(at + "/regions/0", "region", (*pair)[0], regions) &
                   in.known(at + "/regions/1", "region", (*pair)[1], regions)) {
          spec.target = (*pair)[0];
          spec.other_region = (*pair)[1];
        }
      }
    } else if (*needs) {
      if (auto target = in.string(f, at, needs, Need::Required)) {
        const std::string need(needs);
        const std::string what = need == "az" ? "availability zone" : need;
        const auto& options = need == "region"      ? regions
                              : need == "az"        ? azs
                              : need == "workspace" ? workspaces
                                                    : placements;
        if (in.known(pointer_append(at, needs), what, *target, options)) spec.target = *target;
      }
    }

    // A service outage names the control-plane component it stops.
    if (spec.kind == FaultSpec::Kind::ServiceOutage) {
      const std::vector<std::string> services =
          models::keys_of({models::Archetype::Service, models::Archetype::MetadataStore});
      if (auto id = in.string(f, at, "component", Need::Required);
          id && in.known(at + "/component", "control-plane component", *id, services))
        spec.component = models::find_component(*id)->which;
    } else if (f.contains("component")) {
      in.error(at + "/component", "a " + *kind + " does not take \"component\"", "service_outage");
    }
    // Back-end PrivateLink must exist to break.
    if (spec.kind == FaultSpec::Kind::PrivateLinkOutage && !s.workspace.private_link.back_end)
      in.error(at + "/kind", "a privatelink_outage without back-end PrivateLink", "\"workspace.private_link.back_end\": true");

    const auto start = in.duration(f, at, "start", Need::Required, Zero::Allowed);
    const auto duration = in.duration(f, at, "duration", Need::Optional, Zero::Rejected);
    const auto end = in.duration(f, at, "end", Need::Optional, Zero::Rejected);
    if (duration && end) in.error(at + "/end", "both \"duration\" and \"end\" given", "one of them");
    if (!duration && !end && !f.contains("duration") && !f.contains("end"))
      in.error(at, "missing \"duration\" or \"end\"", "how long the fault lasts");
    if (start) {
      spec.start = *start;
      spec.end = duration ? *start + *duration : end ? *end : *start;
      if (end && *end <= *start) in.error(at + "/end", "the fault ends before it starts", "an end after the start");
    }
    spec.reads_end = spec.end;
    if (f.contains("reads_duration")) {
      if (spec.kind != FaultSpec::Kind::S3Outage) {
        in.error(at + "/reads_duration", "only an s3_outage has a separate read outage", "remove it");
      } else if (auto reads = in.duration(f, at, "reads_duration", Need::Optional, Zero::Allowed)) {
        spec.reads_end = spec.start + *reads;
        if (spec.reads_end > spec.end)
          in.error(at + "/reads_duration", "reads cannot stay down longer than the outage",
                   "at most the fault's duration");
      }
    }
    // Kind-specific parameters, refused on the other kinds.
    const bool takes_factor = spec.kind == FaultSpec::Kind::S3Throttling || spec.kind == FaultSpec::Kind::LinkDegradation;
    const bool crashes = spec.kind == FaultSpec::Kind::HostCrashes;
    if (takes_factor) {
      spec.factor = in.number(f, at, "factor", Need::Required, 0.0001, 0.9999).value_or(1);
    } else if (f.contains("factor")) {
      in.error(at + "/factor", "a " + *kind + " does not take \"factor\"", "s3_throttling or link_degradation");
    }
    if (crashes) {
      spec.mtbf = in.duration(f, at, "mtbf", Need::Required, Zero::Rejected).value_or(0);
      spec.mttr = in.duration(f, at, "mttr", Need::Required, Zero::Rejected).value_or(0);
    } else {
      for (const char* key : {"mtbf", "mttr"})
        if (f.contains(key))
          in.error(pointer_append(at, key), "a " + *kind + " does not take \"" + key + "\"", "host_crashes");
    }
    s.faults.push_back(spec);
  }
}

}  // namespace lakesim::sim
