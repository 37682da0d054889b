#include "assembly/scenario_run.hpp"

#include <chrono>
#include <optional>

#include "analysis/run_results.hpp"
#include "models/deployment.hpp"
#include "models/dr/failover.hpp"
#include "models/faults/control_plane_zone_recovery.hpp"
#include "models/faults/fault_injector.hpp"
#include "models/measurement/service_probes.hpp"
#include "models/platform_probe.hpp"
#include "models/storage/metadata_state.hpp"
#include "models/workload/workload_driver.hpp"
#include "sim/dedicated_downlink.hpp"
#include "sim/local_disk.hpp"
#include "sim/network_transfers.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/simulation.hpp"

namespace lakesim::assembly {

RunOutput run_scenario(const sim::Scenario& scenario, const std::vector<std::string>& engine_flags, double max_wall,
                       const RunHooks& hooks) {
  const auto wall_start = std::chrono::steady_clock::now();
  sim::Simulation simulation(scenario, engine_flags);
  models::Deployment deployment(scenario, simulation.platform());
  sim::EventLog log;
  if (hooks.on_event) log.set_listener(hooks.on_event);
  models::RunRecord record;
  models::DataProtection protection(deployment, log);
  deployment.start();
  models::write_metadata_state(deployment);  // the state the scenario defines, into the stores
  protection.start(scenario.duration);
  models::WorkloadDriver(deployment, log, record, hooks.hop_recorders).start(scenario.duration);
  models::FaultInjector faults(deployment, log);
  faults.start();
  models::ControlPlaneZoneRecovery zone_recovery(deployment, faults, log);
  zone_recovery.start(scenario.duration);
  models::ServiceProbes probes(deployment);
  probes.start(scenario.duration);
  std::optional<models::Failover> failover;
  if (deployment.dr()) {
    failover.emplace(deployment, log);
    failover->set_data_protection(&protection);
    failover->use_managed_replication(protection.managed());
    failover->start(scenario.duration);
  }
  // Without workloads, the built-in probe shows what the bare platform does.
  std::optional<models::PlatformProbe> probe;
  if (scenario.workloads.empty()) probe.emplace(simulation);

  analysis::RunStats stats;
  stats.simulated_seconds = simulation.run(max_wall, hooks.on_progress);
  stats.complete = !simulation.stopped_early();
  stats.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  stats.activities = simulation.activities();
  stats.messages_without_flow = sim::latency_only_messages();
  stats.executions_computed = sim::computed_executions();
  stats.transfers_computed = sim::computed_transfers();
  stats.disk_io_computed = sim::computed_disk_ios();
  stats.platform = simulation.platform().size();

  const std::vector<models::ProbeMeasurement> no_probes;
  const analysis::RunView view{deployment,
                               record,
                               log,
                               probe ? probe->measurements() : no_probes,
                               faults.outages(),
                               probes,
                               failover ? &*failover : nullptr,
                               protection,
                               &zone_recovery};
  if (hooks.on_record) hooks.on_record(record);
  return {analysis::make_results(scenario, stats, view), log.to_csv()};
}

}  // namespace lakesim::assembly
