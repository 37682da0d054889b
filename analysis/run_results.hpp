#pragma once
// The summary of one run as written to results.json. Everything in it comes from the
// simulation; only wall_seconds depends on the machine, and it is the one field that
// determinism checks ignore.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/deployment.hpp"
#include "models/dr/data_protection.hpp"
#include "models/dr/failover.hpp"
#include "models/faults/control_plane_zone_recovery.hpp"
#include "models/faults/fault_injector.hpp"
#include "models/measurement/service_probes.hpp"
#include "models/platform_probe.hpp"
#include "models/run_record.hpp"
#include "scenario/scenario.hpp"
#include "sim/event_log.hpp"
#include "sim/platform.hpp"

namespace lakesim::analysis {

inline constexpr const char* kResultsFormat = "lakesim-results/1";

struct RunStats {
  double simulated_seconds = 0;
  double wall_seconds = 0;
  std::uint64_t activities = 0;
  std::uint64_t messages_without_flow = 0;  // of the activities: messages computed, not flows
  std::uint64_t executions_computed = 0;    // of the activities: service work computed, not executed
  std::uint64_t transfers_computed = 0;     // of the activities: S3 reads computed, not flows
  std::uint64_t disk_io_computed = 0;       // of the activities: local-disk I/O computed, not run
  bool complete = true;                     // false when --max-wall stopped the run before the scenario's end
  sim::PlatformSize platform;
};

// What the run did, for results.json: the deployment's components, the workloads' outcomes and
// the probe's measurements (when it ran).
struct RunView {
  const models::Deployment& deployment;
  const models::RunRecord& record;
  const sim::EventLog& log;
  const std::vector<models::ProbeMeasurement>& probes;
  const std::vector<models::OutageRecord>& outages;
  const models::ServiceProbes& service_probes;
  const models::Failover* failover;  // null without a DR strategy
  const models::DataProtection& protection;
  const models::ControlPlaneZoneRecovery* zone_recovery = nullptr;  // null or inactive: no zone can take a leader
};

nlohmann::json make_results(const sim::Scenario& scenario, const RunStats& stats, const RunView& run);

// A few lines for the terminal: what ran, how big, how long, and the probe's findings.
std::string summary_text(const nlohmann::json& results);

}  // namespace lakesim::analysis
