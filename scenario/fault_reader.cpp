#include "scenario/fault_reader.hpp"

#include <algorithm>
#include <set>

#include "scenario/catalog.hpp"
#include "scenario/fault_kind.hpp"
#include "scenario/fault_preset.hpp"
#include "scenario/suggest.hpp"

namespace lakesim::sim {

namespace {

using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

// Reads one parameter the fault's kind takes; the window (start, end) is already read.
void read_parameter(FaultParameter parameter, const nlohmann::json& f, const std::string& at, FieldReader& in,
                    FaultSpec& spec) {
  switch (parameter) {
    case FaultParameter::Factor:
      spec.factor = in.number(f, at, "factor", Need::Required, 0.0001, 0.9999).value_or(1);
      break;
    case FaultParameter::ReadsDuration:
      if (!f.contains("reads_duration")) break;
      if (auto reads = in.duration(f, at, "reads_duration", Need::Optional, Zero::Allowed)) {
        spec.reads_end = spec.start + *reads;
        if (spec.reads_end > spec.end)
          in.error(at + "/reads_duration", "reads cannot stay down longer than the outage",
                   "at most the fault's duration");
      }
      break;
    case FaultParameter::Mtbf:
      spec.mtbf = in.duration(f, at, "mtbf", Need::Required, Zero::Rejected).value_or(0);
      break;
    case FaultParameter::Mttr:
      spec.mttr = in.duration(f, at, "mttr", Need::Required, Zero::Rejected).value_or(0);
      break;
    case FaultParameter::Component: {
      // A control-plane component of the catalogue.
      const std::vector<std::string> services =
          models::keys_of({models::Archetype::Service, models::Archetype::MetadataStore});
      if (auto id = in.string(f, at, "component", Need::Required);
          id && in.known(at + "/component", "control-plane component", *id, services))
        spec.component = models::find_component(*id)->which;
      break;
    }
  }
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

  // One fault object, read at `at` (a preset's faults are read at the preset's place).
  auto read_one = [&](const nlohmann::json& f, const std::string& at) {
    if (!in.object(f, at,
                   {"name", "kind", "region", "az", "compute", "regions", "start", "duration", "end", "reads_duration",
                    "factor", "mtbf", "mttr", "workspace", "component"}))
      return;
    FaultSpec spec;
    spec.name = in.string(f, at, "name", Need::Required).value_or("");
    if (!spec.name.empty() && !names.insert(spec.name).second)
      in.error(at + "/name", "duplicate fault name \"" + spec.name + "\"", "each name once");
    const auto kind = in.string(f, at, "kind", Need::Required);
    if (!kind) return;
    const FaultKindInfo* info = find_fault_kind(*kind);
    if (!info) {
      std::vector<std::string> known;
      for (const FaultKindInfo& k : fault_kinds()) known.emplace_back(k.name);
      in.known(at + "/kind", "fault kind", *kind, known);
      return;
    }
    spec.kind = info->kind;

    // The one target key the kind takes; any other target key is an error.
    const char* needs = target_key(info->target);
    for (const char* key : {"region", "az", "compute", "regions", "workspace"})
      if (f.contains(key) && std::string(key) != needs)
        in.error(pointer_append(at, key), "a " + *kind + " does not take \"" + key + "\"",
                 std::string(*needs ? "\"" + std::string(needs) + "\"" : "no target"));
    const std::vector<std::string>* options = nullptr;  // the names the target may take
    std::string what = needs;
    switch (info->target) {
      case FaultTarget::Region: options = &regions; break;
      case FaultTarget::Az:
        options = &azs;
        what = "availability zone";
        break;
      case FaultTarget::Compute: options = &placements; break;
      case FaultTarget::Workspace: options = &workspaces; break;
      case FaultTarget::None: break;
      case FaultTarget::RegionPair:
        if (auto pair = in.names(f, at, "regions", Need::Required)) {
          if (pair->size() != 2) {
            in.error(at + "/regions", "a link joins exactly two regions", "[\"region-a\", \"region-b\"]");
          } else {
            // Both checked, so that two unknown regions give two diagnostics.
            const bool first_known = in.known(at + "/regions/0", "region", (*pair)[0], regions);
            const bool second_known = in.known(at + "/regions/1", "region", (*pair)[1], regions);
            if (first_known && second_known) {
              spec.target = (*pair)[0];
              spec.other_region = (*pair)[1];
            }
          }
        }
        break;
    }
    if (options)
      if (auto target = in.string(f, at, needs, Need::Required))
        if (in.known(pointer_append(at, needs), what, *target, *options)) spec.target = *target;

    // Back-end PrivateLink must exist to break.
    if (spec.kind == FaultSpec::Kind::PrivateLinkOutage && !s.workspace.private_link.back_end)
      in.error(at + "/kind", "a privatelink_outage without back-end PrivateLink",
               "\"workspace.private_link.back_end\": true");

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
    // Kind-specific parameters, refused on the other kinds.
    for (std::size_t p = 0; p < kFaultParameterCount; ++p) {
      const auto parameter = static_cast<FaultParameter>(p);
      const char* key = parameter_key(parameter);
      if (!info->takes(parameter)) {
        if (f.contains(key))
          in.error(pointer_append(at, key), "a " + *kind + " does not take \"" + key + "\"", kinds_taking(parameter));
        continue;
      }
      read_parameter(parameter, f, at, in, spec);
    }
    s.faults.push_back(spec);
  };

  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "/faults/" + std::to_string(i);
    const nlohmann::json& f = list[i];
    if (f.is_object() && f.contains("preset")) {
      for (const nlohmann::json& expanded : expand_fault_preset(f, at, in, s)) read_one(expanded, at);
      continue;
    }
    read_one(f, at);
  }
}

}  // namespace lakesim::sim
