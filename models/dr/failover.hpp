#pragma once
// The failover orchestration of a DR strategy, in simulated time. Health checkers probe the
// primary's workspace (models/dr/health_checkers.hpp); the outage is declared when they find
// the endpoint unhealthy. Then the strategy's steps run one after the other: the decision to fail over, the
// IaC run that creates or scales out the secondary workspace, the start of its compute, the
// catch-up (a restore from backups for backup & restore), and the redirection of clients, which
// follow the new DNS record once their cached one expires. The primary's users are then served
// by the secondary. With failback configured, once the primary answers again for `threshold`
// checks and the failback delay has passed, users are moved home.
#include <string>
#include <vector>

#include "models/deployment.hpp"
#include "models/dr/compute_takeover.hpp"
#include "models/dr/health_checkers.hpp"
#include "models/dr/iac_run.hpp"
#include "models/dr/managed_replication.hpp"
#include "models/dr/restore_metadata.hpp"
#include "models/dr/restore_rebuild.hpp"
#include "models/dr/restore_regenerate.hpp"
#include "sim/event_log.hpp"

namespace lakesim::models {

// One step of a failover, [start, end] in simulated seconds.
struct FailoverStep {
  std::string name;  // detection, decision, infrastructure, metadata_import, compute_start, catch_up, redirection
  double start = 0;
  double end = 0;
  std::string detail;
  // Whether the step's length comes out of simulated work (true) or is a configured input
  // (a person's decision, a fixed duration from the scenario or its defaults).
  bool simulated = false;
};

struct FailoverRecord {
  double first_failed_check = 0;    // the check that began the failing streak
  double detected = 0;              // the outage is declared
  bool completed = false;           // clients were redirected before the run ended
  bool aborted = false;             // the primary came back before the decision was taken
  double dns_switched = -1;         // the DNS record answers with the secondary from here on
  double redirected = -1;           // users honouring the TTL, and scheduled work, are in the secondary
  std::vector<FailoverStep> steps;  // after detection, in order
  double failed_back = -1;          // users moved home; -1 if never
  double restored_bytes = 0;        // copied by the restore step
  IacOutcome iac;                   // the simulated IaC run (when infrastructure is simulated)
  std::vector<std::shared_ptr<PlacementTakeover>> compute;  // the compute step, by secondary placement
  // A restore's import of the exported metadata.
  MetadataImportOutcome metadata_import;
  // The vector index rebuilt in the secondary, in the background from the compute step on; null
  // when there is none to rebuild.
  std::shared_ptr<IndexRebuildOutcome> rebuild;
  // Notebook outputs made again by rerunning their notebooks, in the background likewise.
  std::shared_ptr<RegenerationOutcome> regeneration;
  // Managed DR: the secondary was promoted at `promoted`, holding the primary's writes made
  // before `replication_point` (a planned failover waited for it to pass its start).
  double promoted = -1;
  double replication_point = -1;
};

class Failover {
 public:
  Failover(Deployment& deployment, sim::EventLog& log);
  // Creates the orchestrating actor on a host no fault takes down (the users' side).
  void start(double horizon);
  // A restore imports what the metadata exports and Git syncs hold (models/dr/restore_metadata);
  // without this, it imports nothing.
  void set_data_protection(const DataProtection* protection) { protection_ = protection; }

  const sim::DrSpec& spec() const { return spec_; }
  const std::vector<FailoverRecord>& records() const { return records_; }
  std::uint64_t health_checks() const { return checkers_.checks(); }
  const HealthCheckers& checkers() const { return checkers_; }
  // Managed DR's replication, which the catch-up step waits for (planned) or cuts (forced).
  void use_managed_replication(ManagedReplication* replication) { managed_ = replication; }

 private:
  void orchestrate(double horizon);
  void step(FailoverRecord& record, const std::string& name, double seconds, bool simulated,
            const std::string& detail = "");
  double restore();
  std::string managed_catch_up(FailoverRecord& record, double horizon);

  Deployment& deployment_;
  sim::EventLog& log_;
  const sim::DrSpec& spec_;
  sg4::Host* home_ = nullptr;  // the orchestrator's host, on the users' side
  HealthCheckers checkers_;
  const DataProtection* protection_ = nullptr;
  std::vector<FailoverRecord> records_;
  ManagedReplication* managed_ = nullptr;
};

}  // namespace lakesim::models
