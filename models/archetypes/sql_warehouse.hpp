#pragma once
// SQL Warehouse Compute (classic/pro): a warehouse is a set of clusters of `cluster_size`
// instances; each running cluster runs at most `slots_per_cluster` queries at once, and queries
// beyond that wait in one first-come-first-served queue of at most `max_queue`.
//
// Execution model. A query first reads its share of `read_bytes` onto every instance of its
// cluster at once (the caller's `read` callback, given the instances: the scan runs on all the
// workers), then its `core_seconds` (seconds of one core of the instance type) spread over all the
// cores of the cluster, shared fairly with the other queries executing there (processor sharing,
// sim/processor_sharing): alone on a cluster of C cores a query executes in core_seconds / C, with
// n queries executing each progresses at C / n. The slots only bound admission (the documented
// concurrency per cluster, with the queue beyond). Only the query that would finish first keeps a
// timer; the others wait until a departure makes them first, so a query costs about two wake-ups.
// An instance going down fails the cluster's queries at once.
// With Poisson arrivals, exponential work and one cluster, the number of queries present is that
// of an M/M/1 queue whatever the slot count (the cluster serves at full rate whenever one query is
// there). Replayed statements that failed or were canceled hold their slot for their recorded time
// and use no cores, so with those alone a cluster is an M/M/c queue with c = slots_per_cluster.
//
// Autoscaler (the documented classic/pro rule), every autoscale_interval:
//   - drain = (running + queued queries) x mean execution / (slots of running and starting
//     clusters), the mean being exponentially weighted over finished queries (assumed_query_time
//     before any); add 0 / 1 / 2 / 3 clusters for < 2 / 2-6 / 6-12 / 12-22 minutes, beyond 22
//     three plus one per further 15 minutes; never above max_clusters. Counting starting clusters
//     keeps a slow start from being answered with a new cluster at every tick.
//   - one more if the oldest queued query has waited forced_upscale_wait and none is starting;
//   - otherwise stop idle clusters, last first, down to what the peak demand (busy + queued) of
//     the last downscale_after seconds needs, never below min_clusters.
// A new cluster serves from start_delay after the decision. Clusters with an instance down are
// stopped at the next tick and replaced if below min_clusters; their queries fail at once with
// HostDown. The autoscaler runs on the first instance and restarts with it after a failure.
//
// The instances of the placement form clusters in index order (instances [0, cluster_size) are
// cluster 0, ...); groups beyond max_clusters are spares for failed clusters. `result_bytes` is
// not moved here: the caller ships results from cluster_hosts(timing.cluster).front().
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "models/deployed_component.hpp"
#include "scenario/scenario.hpp"
#include "sim/processor_sharing.hpp"
#include "sim/wakeup.hpp"

namespace lakesim::models {

struct SqlWarehouseConfig {
  int cluster_size = 2;  // instances per cluster
  int min_clusters = 1, max_clusters = 1;
  int slots_per_cluster = 10;        // concurrent queries per cluster
  int max_queue = 1000;              // queries waiting; beyond -> RequestFailed(NoCapacity)
  double start_delay = 4;            // seconds for a new cluster to be ready
  double autoscale_interval = 10;    // seconds between autoscaler decisions
  double forced_upscale_wait = 300;  // a query queued this long forces one more cluster
  double downscale_after = 900;      // seconds of low load before clusters are removed
  double assumed_query_time = 10;    // seconds, the drain estimate's figure until a query finishes
  // Effective figures fitted to a trace (lakesim calibrate): core-seconds executed per core-second
  // of the query's work, and seconds a query holds its slot before its reads and execution.
  double core_time_scale = 1;
  double query_overhead = 0;

  void check(const std::string& who, std::size_t instances) const;  // std::invalid_argument
};

// The warehouse part of a scenario's sql_warehouse placement (sizes and start delay).
SqlWarehouseConfig sql_warehouse_config(const sim::ComputeSpec& spec);

struct QueryWork {
  double core_seconds = 0;  // seconds of one core of the warehouse's instance type
  double read_bytes = 0;    // read from storage, split evenly over the cluster's instances
  double result_bytes = 0;  // for the caller to ship from the cluster's first instance
  // A replayed statement that failed or was canceled: it holds its slot for hold_seconds and
  // does no work (no reads, no core-seconds).
  bool hold_only = false;
  double hold_seconds = 0;
  // Time the query holds its slot besides reads and execution, as recorded (compilation, result
  // fetch of a replayed statement); the warehouse's query_overhead comes on top.
  double fixed_seconds = 0;
};

struct QueryTiming {
  double queued = 0;    // waiting for a slot
  double executed = 0;  // from getting a slot to finishing
  int cluster = -1;     // which cluster ran it
};

class SqlWarehouse : public DeployedComponent {
 public:
  // Reads `bytes` onto each of `instances`, all at once.
  using ReadFn = std::function<void(const std::vector<sg4::Host*>& instances, double bytes)>;

  SqlWarehouse(const Component& entry, std::string region, std::string placement, std::vector<sg4::Host*> instances,
               SqlWarehouseConfig config);
  ~SqlWarehouse() override;

  // Creates the autoscaler (a daemon on the first instance's host, restarted if that host comes
  // back after a failure). The first min_clusters clusters are running from construction on.
  void start();

  // Called from the query's own actor: waits in FIFO order for a free slot on a running cluster,
  // then runs the query there. `read` may be empty (no storage reads). Throws RequestFailed:
  // NoCapacity when the queue is full, HostDown / LinkDown when an instance or route fails, and
  // the causes of require_available(); whatever `read` throws passes through.
  QueryTiming run(const QueryWork& work, const ReadFn& read);

  const std::string& placement() const { return placement_; }
  const SqlWarehouseConfig& config() const { return config_; }
  const std::vector<sg4::Host*>& cluster_hosts(int cluster) const;
  int running_clusters() const;  // ready to take queries
  int starting_clusters() const;
  int queued() const { return static_cast<int>(queue_.size()); }
  int busy_slots() const { return busy_slots_; }
  std::uint64_t upscales() const { return upscales_; }      // clusters started by the autoscaler
  std::uint64_t downscales() const { return downscales_; }  // clusters it stopped for low load
  double instance_seconds() const;                          // billed running time of all instances (for cost)
  double slot_busy_seconds() const;                         // for utilisation
  double capacity() const override { return static_cast<double>(config_.max_clusters) * config_.slots_per_cluster; }
  // (time, running clusters, queued), at each autoscaler tick and each change of running clusters.
  const std::vector<std::tuple<double, int, int>>& history() const { return history_; }
  // While launches are blocked (a capacity shortage in the region), no stopped cluster starts:
  // the clusters running or starting keep serving, the autoscaler's upscales and the
  // replacement of failed clusters are refused (and counted).
  void set_launches_blocked(bool blocked) { launches_blocked_ = blocked; }
  bool launches_blocked() const { return launches_blocked_; }
  std::uint64_t refused_launches() const { return refused_launches_; }

 private:
  enum class State { Stopped, Starting, Running };
  struct Cluster {
    std::vector<sg4::Host*> hosts;
    State state = State::Stopped;
    double since = 0;                // when it was started (billing)
    double ready_at = 0;             // when a starting cluster becomes usable
    double billed = 0;               // closed billing periods, seconds per instance
    int busy = 0;                    // slots in use
    sim::ProcessorSharing cores{1};  // the cluster's cores (core-seconds per second) among its queries
    std::unordered_map<sim::ProcessorSharing::JobId, sim::WakeupPtr> executing;  // their callers' wake-ups
  };
  struct Waiter {
    double arrived = 0;
    int cluster = -1;  // set when it holds a slot
    bool queued = false;
    sim::WakeupPtr wake;
  };

  std::string where() const { return label() + " (" + placement_ + ")"; }
  bool usable(const Cluster& c) const;
  int free_cluster() const;
  void take_slot(Waiter& w, int cluster);
  void free_slot(Waiter& w);
  void grant();  // hands free slots to the head of the queue
  void abandon(Waiter& w, bool may_block);
  void execute(Cluster& cluster, const QueryWork& work, const ReadFn& read);
  void share_cores(Cluster& cluster, double core_seconds);
  void note_demand();
  void account_busy();

  void autoscale_loop();
  void tick();
  void promote_ready();
  void stop_failed();
  void start_clusters(int count);
  void stop_cluster(Cluster& c);
  int active_clusters() const;  // running or starting
  double window_peak() const;
  void record();

  std::string placement_;
  SqlWarehouseConfig config_;
  std::vector<Cluster> clusters_;
  std::deque<Waiter*> queue_;
  int busy_slots_ = 0;
  double busy_area_ = 0;  // integral of busy slots over time up to busy_since_
  double busy_since_ = 0;
  double mean_execution_ = 0;
  bool observed_execution_ = false;
  double peak_since_tick_ = 0;                    // demand peak since the last tick
  std::deque<std::pair<double, double>> demand_;  // (tick, peak demand in the tick before)
  double scaling_since_ = 0;                      // when the autoscaler began observing
  std::uint64_t upscales_ = 0;
  std::uint64_t downscales_ = 0;
  bool launches_blocked_ = false;
  std::uint64_t refused_launches_ = 0;  // clusters the autoscaler wanted while launches were blocked
  std::vector<std::tuple<double, int, int>> history_;
  // Queries and the autoscaler hold this; unwinding after the warehouse is gone touches nothing.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace lakesim::models
