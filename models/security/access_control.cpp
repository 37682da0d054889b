#include "models/security/access_control.hpp"

#include "models/failure.hpp"

namespace lakesim::models {

AccessControl::AccessControl(const sim::SecuritySpec& spec, const sim::WorkspaceSpec& workspace)
    : spec_(spec), workspace_(workspace) {}

void AccessControl::admit_request(const sim::WorkloadSpec& spec, bool api, double now) {
  const sim::PrivateLinkSpec& link = workspace_.private_link;
  if (link.front_end && !link.public_access) {
    ++public_.checked;
    // Only the front-end endpoint answers: a public address never reaches the workspace. Users
    // without an address of their own, or with an RFC 1918 one, come through the endpoint.
    const auto ip = spec.source_ip.empty() ? std::nullopt : sim::parse_ipv4(spec.source_ip);
    if (ip && !sim::is_private_ipv4(*ip)) {
      ++public_.refused;
      throw RequestFailed(FailureCause::PublicAccessDisabled, "public access disabled (" + spec.source_ip + ")");
    }
  }
  if (!spec_.ip_access_list.empty()) {
    ++ip_.checked;
    // Without an address of its own, a workload's users sit inside the customer's network,
    // which the list is written to admit.
    if (!spec.source_ip.empty()) {
      const auto ip = sim::parse_ipv4(spec.source_ip);
      bool listed = false;
      for (const sim::Cidr& c : spec_.ip_access_list) listed = listed || (ip && c.contains(*ip));
      if (!listed) {
        ++ip_.refused;
        throw RequestFailed(FailureCause::IpNotAllowed, "IP access list (" + spec.source_ip + ")");
      }
    }
  }
  if (api && !spec.token.empty()) {
    ++tokens_.checked;
    for (const sim::TokenSpec& t : spec_.tokens) {
      if (t.name != spec.token) continue;
      const bool expired = t.expires >= 0 && now >= t.expires;
      const bool revoked = t.revoked >= 0 && now >= t.revoked;
      if (expired || revoked) {
        ++tokens_.refused;
        throw RequestFailed(FailureCause::TokenRejected, "token " + t.name + (revoked ? " (revoked)" : " (expired)"));
      }
      return;
    }
    ++tokens_.refused;  // the reader refuses unknown names; kept for safety
    throw RequestFailed(FailureCause::TokenRejected, "token " + spec.token + " (unknown)");
  }
}

void AccessControl::admit_cluster(const sim::WorkloadSpec& spec, int instances) {
  if (spec_.cluster_policy_max_instances <= 0) return;
  ++policy_.checked;
  if (instances > spec_.cluster_policy_max_instances) {
    ++policy_.refused;
    throw RequestFailed(FailureCause::PolicyRejected,
                        "cluster policy (" + std::to_string(instances) + " instances for " + spec.name + ")");
  }
}

}  // namespace lakesim::models
