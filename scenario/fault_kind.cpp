#include "scenario/fault_kind.hpp"

#include <array>

namespace lakesim::sim {

namespace {

using Kind = FaultSpec::Kind;
using P = FaultParameter;

constexpr unsigned bit(P p) { return 1U << static_cast<unsigned>(p); }

constexpr std::size_t kKindCount = static_cast<std::size_t>(Kind::PrivateLinkOutage) + 1;

// One row per kind, in the enum's order (checked below).
constexpr std::array<FaultKindInfo, kKindCount> kKinds = {{
    {Kind::RegionOutage, "region_outage", FaultTarget::Region, 0,
     "every host (control plane, compute, S3 endpoint) and link of the region, its S3 and every component deployed "
     "there",
     "{target} is down: every host and link there, its S3 and every component it runs stop",
     "{target} is back{lasted}: hosts, links, S3 and components up again"},
    {Kind::AzOutage, "az_outage", FaultTarget::Az, 0,
     "every host and link of one availability zone; components keep their replicas in other AZs",
     "{target} is down: its hosts and links stop; components keep their replicas in the other AZs",
     "{target} is back{lasted}"},
    {Kind::ControlPlaneOutage, "control_plane_outage", FaultTarget::Region, 0,
     "the region's control-plane hosts and components; the data plane keeps running (running jobs finish, new "
     "launches and the UI fail)",
     "the control plane of {target} is down: UI, APIs, scheduler and catalogue refuse requests; running jobs go on, "
     "new launches fail",
     "the control plane of {target} is back{lasted}"},
    {Kind::S3Outage, "s3_outage", FaultTarget::Region, bit(P::ReadsDuration),
     "the region's S3 refuses reads and writes; `reads_duration` brings reads back first, as on 28 Feb 2017",
     "S3 in {target} refuses reads and writes (reads back at {reads_back}, writes at {writes_back})",
     "S3 in {target} takes writes again{lasted}"},
    {Kind::IdpOutage, "idp_outage", FaultTarget::None, 0,
     "the customer's identity provider: interactive sign-in fails, token-based API calls do not",
     "the identity provider is down: interactive sign-in (UI, SQL) fails, token-based API calls do not",
     "the identity provider is back{lasted}: interactive sign-in works again"},
    {Kind::LinkCut, "link_cut", FaultTarget::RegionPair, 0, "the backbone link between two regions",
     "the backbone {pair} is cut: nothing crosses between the two regions", "the backbone {pair} is restored{lasted}"},
    {Kind::CapacityShortage, "capacity_shortage", FaultTarget::Compute, 0,
     "no new instance of a compute placement can start: a Serverless Spark pool still leases its warm instances, a "
     "SQL warehouse keeps the clusters that run and starts no other",
     "capacity shortage on {target}: no new instance can start, warm ones can still be leased",
     "capacity shortage on {target} is over{lasted}"},
    {Kind::S3Throttling, "s3_throttling", FaultTarget::Region, bit(P::Factor),
     "a throttling storm: the region's per-prefix request rates (and their one-second burst) drop to `factor` of "
     "the normal; requests beyond it get 503 SlowDown and back off",
     "S3 in {target} throttles: request rates drop to {factor}; requests beyond get 503 SlowDown",
     "S3 in {target} stops throttling{lasted}"},
    {Kind::LinkDegradation, "link_degradation", FaultTarget::RegionPair, bit(P::Factor),
     "the backbone link between two regions keeps `factor` of its bandwidth",
     "the backbone {pair} keeps {factor} of its bandwidth", "the backbone {pair} has its full bandwidth again{lasted}"},
    {Kind::HostCrashes, "host_crashes", FaultTarget::Compute, bit(P::Mtbf) | bit(P::Mttr),
     "each instance of the placement crashes after exponential times with mean `mtbf` and comes back after "
     "exponential repairs with mean `mttr`, within the fault's window (drawn from the stream "
     "`faults/<name>/<host>`)",
     "instances of {target} crash (mean time between failures {mtbf}, repairs {mttr})",
     "instances of {target} stop crashing{lasted}"},
    {Kind::KmsOutage, "kms_outage", FaultTarget::Region, 0,
     "the region's KMS does not answer: operations using the customer-managed key fail with `key_unavailable`",
     "the customer-managed key's KMS in {target} stops answering: operations that need the key fail (managed "
     "services such as notebooks and workspace files, workspace storage such as the DBFS root and managed tables); "
     "work already holding its data goes on",
     "the KMS in {target} answers again{lasted}: operations that need the customer-managed key work again"},
    {Kind::KeyRevoked, "key_revoked", FaultTarget::Region, 0,
     "the customer revokes the region's key for the window: the same operations are refused",
     "the customer revokes the customer-managed key of {target}: KMS refuses it, so operations that need the key "
     "fail (managed services, workspace storage); work already holding its data goes on",
     "the customer-managed key of {target} is restored{lasted}: operations that need it work again"},
    {Kind::RelayOutage, "relay_outage", FaultTarget::Region, 0,
     "the region's secure cluster connectivity relay: new classic clusters cannot register",
     "the secure cluster connectivity relay of {target} is down: new classic clusters cannot register with the "
     "control plane and fail to start; clusters already running go on",
     "the secure cluster connectivity relay of {target} is back{lasted}: classic clusters can register again"},
    {Kind::WorkspaceOutage, "workspace_outage", FaultTarget::Workspace, 0,
     "one listed workspace's own components (see `workspaces`): its requests fail with `workspace_unavailable`; "
     "identity, the metastore and the region's other workspaces keep working",
     "workspace {target} is down: its own services (UI, APIs, scheduler, notebooks) refuse requests; identity, the "
     "metastore and the region's other workspaces keep working",
     "workspace {target} is back{lasted}: its own services answer again"},
    {Kind::ServiceOutage, "service_outage", FaultTarget::Region, bit(P::Component),
     "one control-plane component of the region, every copy of it there: shared ones for all the region's "
     "workspaces; requests needing it fail with `service_down`",
     "{component} in {target} is down: every copy of it there refuses requests, and whatever needs it fails",
     "{component} in {target} is back{lasted}"},
    {Kind::PrivateLinkOutage, "privatelink_outage", FaultTarget::Region, 0,
     "the region's back-end PrivateLink endpoint (needs `workspace.private_link.back_end`): classic compute cannot "
     "reach the control plane through it (`link_down`)",
     "the back-end PrivateLink endpoint of {target} is down: classic compute cannot reach the control plane, so new "
     "classic clusters cannot register and notebook results cannot be stored",
     "the back-end PrivateLink endpoint of {target} carries traffic again{lasted}"},
}};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    if (static_cast<std::size_t>(kKinds[i].kind) != i) return false;
  return true;
}
static_assert(in_enum_order(), "kKinds must list every fault kind once, in the enum's order");

}  // namespace

const std::vector<FaultKindInfo>& fault_kinds() {
  static const std::vector<FaultKindInfo> kinds(kKinds.begin(), kKinds.end());
  return kinds;
}

const FaultKindInfo& fault_kind_info(FaultSpec::Kind kind) { return kKinds.at(static_cast<std::size_t>(kind)); }

const FaultKindInfo* find_fault_kind(std::string_view name) {
  for (const FaultKindInfo& k : kKinds)
    if (name == k.name) return &k;
  return nullptr;
}

const char* to_string(FaultSpec::Kind kind) { return fault_kind_info(kind).name; }

const char* target_key(FaultTarget target) {
  switch (target) {
    case FaultTarget::Region: return "region";
    case FaultTarget::Az: return "az";
    case FaultTarget::Compute: return "compute";
    case FaultTarget::RegionPair: return "regions";
    case FaultTarget::Workspace: return "workspace";
    case FaultTarget::None: return "";
  }
  return "";
}

const char* parameter_key(FaultParameter parameter) {
  switch (parameter) {
    case P::Factor: return "factor";
    case P::ReadsDuration: return "reads_duration";
    case P::Mtbf: return "mtbf";
    case P::Mttr: return "mttr";
    case P::Component: return "component";
  }
  return "";
}

bool parameter_required(FaultParameter parameter) {
  switch (parameter) {
    case P::ReadsDuration: return false;
    case P::Factor:
    case P::Mtbf:
    case P::Mttr:
    case P::Component: return true;
  }
  return true;
}

const char* parameter_rule(FaultParameter parameter) {
  switch (parameter) {
    case P::Factor: return "required, a number from 0.0001 to 0.9999: the share kept";
    case P::ReadsDuration: return "optional, a duration of at most the fault's: reads come back first";
    case P::Mtbf: return "required, a positive duration: the mean time between one instance's failures";
    case P::Mttr: return "required, a positive duration: the mean time to repair one";
    case P::Component: return "required: a control-plane catalogue id, as `lakesim catalog --plane control` lists them";
  }
  return "";
}

std::string kinds_taking(FaultParameter parameter) {
  std::string out;
  for (const FaultKindInfo& k : kKinds)
    if (k.takes(parameter)) out += (out.empty() ? "" : " or ") + std::string(k.name);
  return out;
}

std::string fault_kinds_markdown() {
  std::string out = "| kind | target key | parameters | what it does |\n|---|---|---|---|\n";
  for (const FaultKindInfo& k : kKinds) {
    const std::string key = target_key(k.target);
    std::string target = key.empty() ? "none" : "`" + key + "`";
    if (k.target == FaultTarget::RegionPair) target = "`regions: [a, b]`";
    std::string parameters;
    for (std::size_t p = 0; p < kFaultParameterCount; ++p) {
      const auto parameter = static_cast<FaultParameter>(p);
      if (!k.takes(parameter)) continue;
      parameters += std::string(parameters.empty() ? "" : "; ") + "`" + parameter_key(parameter) + "` (" +
                    parameter_rule(parameter) + ")";
    }
    out += "| `" + std::string(k.name) + "` | " + target + " | " + (parameters.empty() ? "none" : parameters) + " | " +
           k.description + " |\n";
  }
  return out;
}

}  // namespace lakesim::sim
