#pragma once
// The typed form of a scenario's `resilience_policy`: the recovery targets the business set per
// kind of disruption, as AWS Resilience Hub's policies state them (RTO and RPO per disruption
// type, and an availability SLO), for the account and optionally per workload.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/fault_spec.hpp"

namespace lakesim::sim {

// The kinds of disruption a policy sets targets for. Data corruption is not modelled.
enum class Disruption {
  Az,            // a zone lost: az_outage
  Region,        // a region lost: region_outage
  ControlPlane,  // a region's control plane down: control_plane_outage
  Service,       // one service down: s3, identity provider, KMS or key, relay, workspace, one service, PrivateLink
};
inline constexpr std::size_t kDisruptionCount = 4;

struct RecoveryTarget {
  std::optional<double> rto;  // seconds
  std::optional<double> rpo;  // seconds
};

struct PolicyTargets {
  std::array<std::optional<RecoveryTarget>, kDisruptionCount> by_disruption;
  std::optional<double> availability;  // the share of requests that must succeed, e.g. 0.999

  const std::optional<RecoveryTarget>& of(Disruption d) const { return by_disruption[static_cast<std::size_t>(d)]; }
  bool empty() const;
};

struct WorkloadPolicy {
  std::string workload;
  PolicyTargets targets;
};

struct ResiliencePolicySpec {
  std::string name;
  PolicyTargets account;                  // for the whole deployment
  std::vector<WorkloadPolicy> workloads;  // tighter or looser targets for named workloads
};

// "az", "region", "control_plane", "service".
const char* to_string(Disruption d);
// The disruption a fault kind is, or none for the kinds that degrade without taking anything
// out (throttling, link degradation, crashes, capacity shortage, a cut link).
std::optional<Disruption> disruption_of(FaultSpec::Kind kind);
// The same from the kind's name as results.json writes it ("region_outage").
std::optional<Disruption> disruption_of(std::string_view kind_name);

}  // namespace lakesim::sim
