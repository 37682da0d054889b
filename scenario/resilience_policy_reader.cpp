#include "scenario/resilience_policy_reader.hpp"

#include "scenario/fault_kind.hpp"

namespace lakesim::sim {

namespace {

using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

constexpr Disruption kDisruptions[] = {Disruption::Az, Disruption::Region, Disruption::ControlPlane,
                                       Disruption::Service};

// The targets of one scope (the account, or one workload) at `at`; `extra` are the scope's other keys.
PolicyTargets read_targets(const nlohmann::json& node, const std::string& at, FieldReader& in,
                           std::vector<std::string> extra) {
  PolicyTargets t;
  std::vector<std::string> keys = std::move(extra);
  keys.emplace_back("availability");
  for (Disruption d : kDisruptions) keys.emplace_back(to_string(d));
  if (node.is_object() && node.contains("data_corruption")) {
    in.error(at + "/data_corruption", "lakesim does not model data corruption", "az, region, control_plane or service");
    keys.emplace_back("data_corruption");  // reported once, above
  }
  if (!in.object(node, at, keys)) return t;
  t.availability = in.number(node, at, "availability", Need::Optional, 0.0001, 1);
  for (Disruption d : kDisruptions) {
    const char* key = to_string(d);
    if (!node.contains(key)) continue;
    const std::string where = pointer_append(at, key);
    const nlohmann::json& target = node[key];
    if (!in.object(target, where, {"rto", "rpo"})) continue;
    RecoveryTarget r;
    r.rto = in.duration(target, where, "rto", Need::Optional, Zero::Allowed);
    r.rpo = in.duration(target, where, "rpo", Need::Optional, Zero::Allowed);
    if (!target.contains("rto") && !target.contains("rpo"))
      in.error(where, "a target without \"rto\" or \"rpo\"", "at least one of them");
    t.by_disruption[static_cast<std::size_t>(d)] = r;
  }
  return t;
}

}  // namespace

bool PolicyTargets::empty() const {
  if (availability) return false;
  for (const auto& t : by_disruption)
    if (t) return false;
  return true;
}

const char* to_string(Disruption d) {
  switch (d) {
    case Disruption::Az: return "az";
    case Disruption::Region: return "region";
    case Disruption::ControlPlane: return "control_plane";
    case Disruption::Service: return "service";
  }
  return "";
}

std::optional<Disruption> disruption_of(FaultSpec::Kind kind) {
  using Kind = FaultSpec::Kind;
  switch (kind) {
    case Kind::RegionOutage: return Disruption::Region;
    case Kind::AzOutage: return Disruption::Az;
    case Kind::ControlPlaneOutage: return Disruption::ControlPlane;
    case Kind::S3Outage:
    case Kind::IdpOutage:
    case Kind::KmsOutage:
    case Kind::KeyRevoked:
    case Kind::RelayOutage:
    case Kind::WorkspaceOutage:
    case Kind::ServiceOutage:
    case Kind::PrivateLinkOutage: return Disruption::Service;
    case Kind::LinkCut:
    case Kind::CapacityShortage:
    case Kind::S3Throttling:
    case Kind::LinkDegradation:
    case Kind::HostCrashes: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Disruption> disruption_of(std::string_view kind_name) {
  const FaultKindInfo* info = find_fault_kind(kind_name);
  return info ? disruption_of(info->kind) : std::nullopt;
}

void read_resilience_policy(const nlohmann::json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("resilience_policy")) return;
  const nlohmann::json& node = root["resilience_policy"];
  const std::string at = "/resilience_policy";
  ResiliencePolicySpec policy;
  policy.account = read_targets(node, at, in, {"name", "workloads"});
  if (!node.is_object()) return;
  policy.name = in.string(node, at, "name", Need::Optional).value_or("policy");
  if (node.contains("workloads")) {
    const nlohmann::json& list = node["workloads"];
    std::vector<std::string> names;
    for (const WorkloadSpec& w : s.workloads) names.push_back(w.name);
    std::vector<std::string> given;
    if (list.is_object())
      for (const auto& [name, _] : list.items()) given.push_back(name);
    if (in.object(list, at + "/workloads", given)) {
      for (const auto& [name, targets] : list.items()) {
        const std::string where = pointer_append(at + "/workloads", name);
        if (!in.known(where, "workload", name, names)) continue;
        policy.workloads.push_back({name, read_targets(targets, where, in, {})});
      }
    }
  }
  if (policy.account.empty() && policy.workloads.empty())
    in.error(at, "a policy without a target", "\"region\", \"az\", \"control_plane\", \"service\" or \"availability\"");
  s.resilience_policy = policy;
}

}  // namespace lakesim::sim
