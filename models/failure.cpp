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

}  // namespace lakesim::models
