#pragma once
// Autoscaling of one job run's cluster (Databricks' optimized autoscaling for job compute): every
// evaluation interval it adds instances when tasks of the running stage wait for a core, leased
// from the placement's pool and taking tasks once started (the pool's cold or warm start delay),
// and gives back instances that have been idle for the policy's idle time and hold no shuffle
// output still needed, never going below min_instances (models/flows/job_autoscaling_policy).
//
// The run's leases are kept in `held` (instances being started are leased and billed too, and
// are given back when the run stops first). Events go to `on_event` (kind, detail); at the end
// the run's figures are added to the pool's JobAutoscalingStats.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/archetypes/compute_pool.hpp"
#include "models/flows/job_autoscaling_policy.hpp"
#include "models/flows/spark_execution.hpp"

namespace lakesim::models {

class JobAutoscaler {
 public:
  using EventSink = std::function<void(const std::string& kind, const std::string& detail)>;
  // Decides on the first of `held` (the driver) for `spark`, whose instances `held` came from
  // `pool`; `held` and `spark` must outlive the autoscaler.
  JobAutoscaler(ComputePool& pool, SparkExecution& spark, std::vector<sg4::Host*>& held, JobAutoscalingPolicy policy,
                EventSink on_event = {});
  ~JobAutoscaler();  // stops
  JobAutoscaler(const JobAutoscaler&) = delete;
  JobAutoscaler& operator=(const JobAutoscaler&) = delete;

  // Ends the decisions; instances still starting go back to the pool. Idempotent.
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace lakesim::models
