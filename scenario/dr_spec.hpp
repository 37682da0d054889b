#pragma once
// The typed form of a scenario's `dr` section: which disaster-recovery strategy protects the
// primary region's workspace, how a regional outage is detected and acted on, and the data
// protection mechanisms of the matrix's DR column with their schedules.
#include <cstdint>
#include <map>
#include <string>

#include "scenario/dr_managed_spec.hpp"

namespace lakesim::sim {

// The strategies of the AWS whitepaper "Disaster Recovery of Workloads on AWS", plus none; hot
// standby (AWS Resilience Hub's fifth approach: a full-size secondary running, not serving) and
// Databricks Managed Disaster Recovery (managed).
enum class DrStrategy { None, BackupRestore, PilotLight, WarmStandby, ActiveActive, HotStandby, Managed };
enum class ComputeReadiness { Cold, Warm, Hot };

// A copy made on a schedule: every `every` seconds (first at `offset`) a sync job copies what
// the source wrote since the previous sync. The copy takes `copy_time` seconds when it is given
// (a fixed lag), otherwise `startup` seconds of job start plus the simulated transfer of the bytes.
struct PeriodicSyncSpec {
  bool enabled = false;
  double every = 0;       // seconds
  double offset = 0;      // seconds; 0 means `every`
  double startup = 0;     // seconds before a sync job starts moving bytes
  double copy_time = -1;  // seconds; < 0: simulated transfer
};

struct DrSpec {
  DrStrategy strategy = DrStrategy::None;
  std::string primary;    // the protected region (its workloads fail over)
  std::string secondary;  // the recovery region

  // Detection: health checks of the primary's workspace every `health_check_interval`; the
  // outage is declared after `failure_threshold` consecutive failures. Clients follow the new
  // DNS record `dns_ttl` seconds after the switch.
  double health_check_interval = 30;
  int failure_threshold = 3;
  double dns_ttl = 60;
  // The health checkers (Route 53 style): `health_checkers` checkers on hosts outside the
  // primary region (the Internet's clients host first, then one host per AZ of the other
  // regions, in turn), each with its own phase in the cycle. A check fails when the probe fails
  // or takes longer than `health_check_timeout`; a checker turns unhealthy after
  // `failure_threshold` consecutive failures, and the endpoint is declared down when at least
  // `unhealthy_share` of the checkers are unhealthy.
  int health_checkers = 4;
  double health_check_timeout = 6;
  double unhealthy_share = 0.82;
  // Clients of the workspace endpoint cache the DNS answer for `dns_ttl`; a share of them,
  // `dns_long_cache_share`, keeps it for `dns_long_cache` (long-lived driver connections, JVMs
  // that cache forever until restarted).
  double dns_long_cache_share = 0.1;
  double dns_long_cache = 900;

  // The steps after detection, in seconds of simulated time (strategy defaults, see dr_defaults).
  double decision = 0;  // people (or automation) decide to fail over
  // The IaC run that creates the workspace's objects in the secondary: simulated as API calls
  // (models/dr/iac_run.hpp) when `infrastructure` < 0, else a configured duration in seconds.
  double infrastructure = -1;
  std::map<std::string, std::uint64_t> infrastructure_objects;  // added to the scenario's, by kind
  int iac_parallelism = 10;                                     // Terraform's -parallelism
  double iac_api_rate = 10;                                     // API calls per second
  double iac_call_latency = 1;                                  // seconds an object's create call takes
  double iac_workspace_provisioning = 300;                      // seconds until a new workspace runs
  // Restore from backups (backup_restore): the replica tables' bytes are copied through the
  // secondary's S3 with this many parallel connections before the workspace serves again.
  bool restore = false;
  int restore_connections = 64;
  // Compute in the secondary when failover begins: `cold` placements have no instance started
  // and start the ones a failover needs, `warm` ones run their warm instances and scale up,
  // `hot` ones run at full size.
  ComputeReadiness compute = ComputeReadiness::Cold;
  // The share of each secondary placement that takes over kept running (and billed) before any
  // failover: its warm instances, or its minimum clusters for a SQL warehouse. Negative: the
  // readiness's (cold 0, warm 0.25, hot 1).
  double standby_share = -1;
  // Instances the secondary region can still launch when the failover asks (negative: no limit).
  // Launches beyond it wait `capacity_wait` for capacity to free up, or never when it is 0.
  int secondary_free_instances = -1;
  double capacity_wait = 0;

  // Primary compute placement -> secondary placement that takes over its workloads. Placements
  // the file does not map go to the first placement of the same kind in the secondary region.
  std::map<std::string, std::string> compute_map;

  // Failback: after the primary returns, wait `failback_delay` then switch clients back.
  bool failback = false;
  double failback_delay = 0;

  // Data protection mechanisms (the matrix's DR column).
  PeriodicSyncSpec deep_clone;       // Delta tables -> replica tables in the secondary
  PeriodicSyncSpec metadata_export;  // metastore, catalog, lineage, registry, monitoring, vector search config
  PeriodicSyncSpec git_sync;         // notebooks, repos, workspace files, feature definitions -> Git
  bool siem = true;                  // audit and job logs shipped to the SIEM
  bool rebuild_vector_index = true;  // vector indexes rebuilt from replicated embeddings

  // Databricks Managed Disaster Recovery (strategy managed only).
  ManagedDrSpec managed;
};

const char* to_string(DrStrategy s);
const char* to_string(ComputeReadiness c);
// The share of the secondary's placements that `readiness` keeps running.
double standby_share_of(ComputeReadiness readiness);

}  // namespace lakesim::sim
