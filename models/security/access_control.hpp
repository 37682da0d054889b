#pragma once
// A workspace's access controls as behaviour: with front-end PrivateLink and public access off,
// requests from public addresses are refused at the edge; then the IP access list and personal
// access tokens are checked there, and the cluster policy when compute is asked for. Every check
// is counted, so results can show how many attempts each control saw, refused and let in.
#include <cstdint>
#include <string>

#include "scenario/scenario.hpp"

namespace lakesim::models {

struct ControlCount {
  std::uint64_t checked = 0;
  std::uint64_t refused = 0;
};

class AccessControl {
 public:
  AccessControl(const sim::SecuritySpec& spec, const sim::WorkspaceSpec& workspace);

  // At the workspace edge. `api`: the request carries `spec.token` (UI requests sign in through
  // the identity provider instead). Throws RequestFailed(PublicAccessDisabled, IpNotAllowed or
  // TokenRejected).
  void admit_request(const sim::WorkloadSpec& spec, bool api, double now);
  // Before compute is leased: throws RequestFailed(PolicyRejected) beyond the cluster policy.
  void admit_cluster(const sim::WorkloadSpec& spec, int instances);

  const ControlCount& public_access() const { return public_; }
  const ControlCount& ip_access_list() const { return ip_; }
  const ControlCount& tokens() const { return tokens_; }
  const ControlCount& cluster_policy() const { return policy_; }
  const sim::SecuritySpec& spec() const { return spec_; }

 private:
  const sim::SecuritySpec& spec_;
  const sim::WorkspaceSpec& workspace_;
  ControlCount public_;
  ControlCount ip_;
  ControlCount tokens_;
  ControlCount policy_;
};

}  // namespace lakesim::models
