#pragma once
// How a region's control plane lives through the loss of one of its zones. Every service runs a
// replica in each zone of the control plane, so stateless services go on from the others; the
// metadata stores (catalogue, metastore, notebooks, jobs...) have one leader, on the first
// control-plane host, with synchronous standbys in the other zones (no committed write is lost:
// RPO 0). While the leader's zone is out the stores refuse requests, until the cluster that runs
// them has moved the leader, the way a Kubernetes-run control plane does:
//   detection      the node controller misses the leader node's heartbeats (every 10 s) for its
//                  grace period of 40 s (simulated: the node's state is polled);
//   eviction       it waits the default toleration of an unreachable node, 300 s, before
//                  evicting the node's pods (configured: the Kubernetes default);
//   replacement    a node is started in a surviving zone for the evicted pods (configured: the
//                  provider's classic VM start, 300 s on AWS);
//   state_copy     the new leader copies the stores' state from a standby in a surviving zone
//                  over the inter-AZ network (simulated transfer of the stores' bytes).
// The sum is about the "about 15 minutes, RPO 0" Databricks documents for a zone loss
// (domain-numbers.md section 9). In a single-zone region there is no surviving zone: the stores
// come back only with the zone (a zone loss is a region loss there). If the zone comes back
// first, the old leader resumes. Only regions an az_outage of the scenario can reach get a
// watcher, so runs without one are untouched.
#include <string>
#include <vector>

#include "models/deployment.hpp"
#include "models/faults/fault_injector.hpp"
#include "sim/event_log.hpp"

namespace lakesim::models {

struct ZoneRecoveryStep {
  std::string name;  // detection, eviction, replacement, state_copy, zone_return
  double start = 0;
  double end = 0;
  bool simulated = false;  // false: a configured duration (a Kubernetes or provider default)
};

struct ZoneRecoveryRecord {
  std::string outage;  // the az_outage that took the leader's zone
  std::string region;
  std::string zone;
  double lost = 0;              // the leader's zone went out
  double recovered = -1;        // the stores answer again; -1 if not within the run
  std::string new_leader;       // the host the leader moved to; empty when it never moved
  bool surviving_zone = false;  // false: a single-zone control plane, nothing to move to
  double copied_bytes = 0;
  std::vector<ZoneRecoveryStep> steps;
  std::vector<std::string> stores;  // the components that refused requests
};

class ControlPlaneZoneRecovery {
 public:
  // Heartbeat period and missed beats before a node is declared lost (Kubernetes node lease and
  // node-monitor grace period), and the default toleration before its pods are evicted.
  static constexpr double kHeartbeat = 10;
  static constexpr int kMissedBeats = 4;
  static constexpr double kEvictionWait = 300;

  ControlPlaneZoneRecovery(Deployment& deployment, FaultInjector& faults, sim::EventLog& log);
  void start(double horizon);  // one watcher per control-plane region an az_outage reaches

  bool active() const { return !regions_.empty(); }
  const std::vector<ZoneRecoveryRecord>& records() const { return records_; }

 private:
  struct RegionWatch {
    std::string region;
    sg4::Host* leader = nullptr;
    std::string leader_zone;
    std::vector<MetadataStore*> stores;
    bool lost = false;       // the leader's zone is out
    std::size_t record = 0;  // the record of the current loss
  };
  void zone_changed(const sim::FaultSpec& fault, bool down);
  void watch(RegionWatch& w, double horizon);
  void set_stores(RegionWatch& w, bool up);
  const std::string& zone_of(const sg4::Host* host) const;

  Deployment& deployment_;
  sim::EventLog& log_;
  std::vector<RegionWatch> regions_;
  std::vector<ZoneRecoveryRecord> records_;
};

}  // namespace lakesim::models
