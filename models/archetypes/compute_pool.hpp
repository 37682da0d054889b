#pragma once
// The "compute pool" archetype: instances that start (after a start-up delay unless they are
// warm), run work, are released, and can fail. Requests for instances queue in arrival order.
// Serverless pools keep a number of instances warm; billing counts the seconds each instance is
// running (started or leased), utilisation the seconds it is leased.
#include <deque>
#include <string>
#include <vector>

#include "models/archetypes/job_autoscaling_stats.hpp"
#include "models/deployed_component.hpp"

namespace lakesim::models {

struct ComputePoolConfig {
  double start_delay = 5;         // seconds from request to a cold instance being ready
  int warm_instances = 0;         // instances kept started while idle
  double warm_start_delay = 0;    // seconds to start on warm instances (a classic pool's idle VMs still start Spark)
  double acquire_timeout = 3600;  // seconds a request waits for instances before NoCapacity
  // Job runs autoscale from min_instances to max_instances (models/flows/job_autoscaler); 0: a
  // run leases its workload's instances.
  int min_instances = 0;
  int max_instances = 0;

  void check(const std::string& who, std::size_t instances) const;
};

class ComputePool : public DeployedComponent {
 public:
  ComputePool(const Component& entry, std::string region, std::string placement, std::vector<sg4::Host*> instances,
              ComputePoolConfig config);

  // Leases `count` instances that are on; blocks the calling actor until they are free and
  // started. Throws RequestFailed(NoCapacity) after the timeout or when the pool is too small.
  std::vector<sg4::Host*> acquire(int count);
  // Returns instances to the pool (warm ones stay started).
  void release(const std::vector<sg4::Host*>& leased);

  // A running cluster growing (job autoscaling): leases up to `count` instances that can start
  // now without waiting, warm ones first, and none while requests wait in line (they come
  // first) or while the pool is down. Billed from now; `start_delay` is what the slowest of them
  // needs before it takes work (the cold start delay if any is cold, else the warm one).
  struct Growth {
    std::vector<sg4::Host*> instances;
    double start_delay = 0;
  };
  Growth lease_now(int count);
  JobAutoscalingStats& autoscaling() { return autoscaling_; }
  const JobAutoscalingStats& autoscaling() const { return autoscaling_; }

  // Returns leased instances that stay started and idle-billed from now on, as warm ones (a
  // failover scaling the pool out before its users arrive).
  void keep_started(const std::vector<sg4::Host*>& leased);
  int warm_count() const;  // instances kept started while idle

  // While launches are blocked (a capacity shortage), only instances already started can be leased.
  void set_launches_blocked(bool blocked);
  bool launches_blocked() const { return launches_blocked_; }
  // At most `launches` more cold instances may start (a region with that many free for new
  // launches); negative: no limit.
  void set_launch_budget(int launches);

  const std::string& placement() const { return placement_; }
  const ComputePoolConfig& config() const { return config_; }
  int free_instances() const;
  double instance_seconds() const;  // running time of all instances so far (for cost)
  double leased_seconds() const;    // leased time of all instances so far (for utilisation)
  std::uint64_t cold_starts() const { return cold_starts_; }
  double capacity() const override { return static_cast<double>(hosts().size()); }

 private:
  struct Instance {
    sg4::Host* host;
    bool leased = false;
    bool warm = false;          // started and idle-billed
    double running_since = -1;  // when its current billing period began, -1 if stopped
    double leased_since = 0;
    double billed = 0;
    double leased_total = 0;
  };
  struct Waiter {
    int count;
    sg4::ConditionVariablePtr wake;
    bool granted = false;
    std::vector<std::size_t> instances;
  };
  void grant_waiters();
  // Up to `count` free instances that can start now, warm ones first, each in index order
  // (deterministic); `launches` counts the cold ones among them.
  std::vector<std::size_t> pick(int count, int& launches) const;

  std::string placement_;
  ComputePoolConfig config_;
  std::vector<Instance> instances_;
  std::deque<Waiter*> waiters_;
  sg4::MutexPtr mutex_;
  std::uint64_t cold_starts_ = 0;
  bool launches_blocked_ = false;
  int launch_budget_ = -1;
  JobAutoscalingStats autoscaling_;
};

}  // namespace lakesim::models
