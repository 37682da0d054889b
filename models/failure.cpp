#include "models/failure.hpp"

namespace lakesim::models {

const char* to_string(FailureCause cause) {
  switch (cause) {
    case FailureCause::HostDown: return "host_down";
    case FailureCause::LinkDown: return "link_down";
    case FailureCause::RegionUnavailable: return "region_unavailable";
    case FailureCause::ServiceDown: return "service_down";
    case FailureCause::Throttled: return "throttled";
    case FailureCause::Timeout: return "timeout";
    case FailureCause::Refused: return "refused";
    case FailureCause::Conflict: return "conflict";
    case FailureCause::NoCapacity: return "no_capacity";
    case FailureCause::KeyUnavailable: return "key_unavailable";
    case FailureCause::IpNotAllowed: return "ip_not_allowed";
    case FailureCause::TokenRejected: return "token_rejected";
    case FailureCause::PolicyRejected: return "policy_rejected";
    case FailureCause::WorkspaceUnavailable: return "workspace_unavailable";
    case FailureCause::AccessDenied: return "access_denied";
    case FailureCause::PublicAccessDisabled: return "public_access_disabled";
  }
  return "unknown";
}

const char* meaning(FailureCause cause) {
  switch (cause) {
    case FailureCause::HostDown:
      return "a host the request needed was off: its region or AZ is down, its instance crashed, or the system "
             "it reaches outside AWS (the identity provider, Git) is unreachable";
    case FailureCause::LinkDown:
      return "a network link on the request's route was off: a cut backbone between regions, or a PrivateLink "
             "endpoint that is down";
    case FailureCause::RegionUnavailable:
      return "the component's region is out of service (a region or control-plane outage, or S3 refusing the "
             "operation)";
    case FailureCause::ServiceDown:
      return "a control-plane component was marked down by a service outage, or a KMS, relay or dependency it "
             "needs did not answer";
    case FailureCause::Throttled: return "S3 kept answering 503 SlowDown after every retry the client allows";
    case FailureCause::Timeout: return "no answer came within the request's deadline";
    case FailureCause::Refused:
      return "access control said no: the caller lacks the permission (the workload's unauthorized_fraction)";
    case FailureCause::Conflict:
      return "optimistic concurrency on a Delta table gave up after its retries (concurrent writers)";
    case FailureCause::NoCapacity:
      return "no instance could be had: the pool was full, or new launches were blocked (a capacity shortage)";
    case FailureCause::KeyUnavailable:
      return "the customer-managed key could not be used: KMS was down or the key was revoked";
    case FailureCause::IpNotAllowed: return "the client's address is outside the workspace's IP access list";
    case FailureCause::TokenRejected: return "the access token was unknown, expired or revoked";
    case FailureCause::PolicyRejected: return "the cluster asked for is outside the cluster policy";
    case FailureCause::WorkspaceUnavailable:
      return "the workspace's own control-plane services are out (a workspace outage); other workspaces work";
    case FailureCause::AccessDenied:
      return "the principal has no grant on the table (Unity Catalog, credential passthrough)";
    case FailureCause::PublicAccessDisabled:
      return "a public address reached a workspace that only answers through PrivateLink";
  }
  return "";
}

std::string failure_glossary_markdown() {
  std::string out = "| cause | what it means |\n|---|---|\n";
  for (const FailureCause cause : kAllFailureCauses)
    out += "| `" + std::string(to_string(cause)) + "` | " + meaning(cause) + " |\n";
  return out;
}

}  // namespace lakesim::models
