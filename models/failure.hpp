#pragma once
// Why a simulated request failed. Causes are typed so that results can count failures by cause
// and recovery logic can react to them; they are never strings until they are printed.
#include <stdexcept>
#include <string>

namespace lakesim::models {

enum class FailureCause {
  HostDown,              // the host serving the request is off
  LinkDown,              // a link on the route is off
  RegionUnavailable,     // the component's region is out of service
  ServiceDown,           // the component is marked down (e.g. a failed dependency)
  Throttled,             // S3 503 SlowDown after every retry
  Timeout,               // no answer within the deadline
  Refused,               // access control said no (RBAC, token, policy)
  Conflict,              // optimistic concurrency gave up after its retries
  NoCapacity,            // no instance could be had
  KeyUnavailable,        // the customer-managed key could not be used (KMS down, key revoked)
  IpNotAllowed,          // the client's address is outside the workspace's IP access list
  TokenRejected,         // the access token is unknown, expired or revoked
  PolicyRejected,        // the cluster asked for is outside the cluster policy
  WorkspaceUnavailable,  // the workspace's own control-plane services are out (a workspace outage)
  AccessDenied,          // the principal has no grant on the table (credential passthrough, Unity Catalog)
  PublicAccessDisabled,  // a public address reached a workspace that only answers through PrivateLink
};

inline constexpr FailureCause kAllFailureCauses[] = {
    FailureCause::HostDown,          FailureCause::LinkDown,
    FailureCause::RegionUnavailable, FailureCause::ServiceDown,
    FailureCause::Throttled,         FailureCause::Timeout,
    FailureCause::Refused,           FailureCause::Conflict,
    FailureCause::NoCapacity,        FailureCause::KeyUnavailable,
    FailureCause::IpNotAllowed,      FailureCause::TokenRejected,
    FailureCause::PolicyRejected,    FailureCause::WorkspaceUnavailable,
    FailureCause::AccessDenied,      FailureCause::PublicAccessDisabled};

const char* to_string(FailureCause cause);
// What a cause means to a person reading the results: the glossary (`lakesim explain --glossary`,
// docs/results.md).
const char* meaning(FailureCause cause);
// The glossary as a markdown table, one row per cause in enum order.
std::string failure_glossary_markdown();

// Thrown inside a request's actor and caught where the request is accounted for.
class RequestFailed : public std::runtime_error {
 public:
  RequestFailed(FailureCause cause, const std::string& where)
      : std::runtime_error(std::string(to_string(cause)) + " at " + where), cause_(cause), where_(where) {}
  FailureCause cause() const { return cause_; }
  const std::string& where() const { return where_; }

 private:
  FailureCause cause_;
  std::string where_;
};

// Runs `action` and turns SimGrid's failure exceptions into RequestFailed with a typed cause.
// Anything else (including the engine's forced kills) passes through untouched.
template <class Action>
void translate_failures(const std::string& where, Action&& action);

}  // namespace lakesim::models

#include "models/failure_translate.hpp"
