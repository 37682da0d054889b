#pragma once
// The decisions of Databricks' optimized autoscaling for job compute, as arithmetic (no engine):
// when tasks wait for a core it scales up from min to max in two steps, no more than the waiting
// tasks can use; instances without work for 40 s go, never below min (domain-numbers.md section
// 4). How often it decides is not published: an estimate (docs/scenario-format.md, "Job
// autoscaling").
#include <cstddef>

namespace lakesim::models {

struct JobAutoscalingPolicy {
  int min_instances = 1;
  int max_instances = 1;
  double evaluation_interval = 10;  // seconds between decisions (estimate)
  double idle_before_removal = 40;  // seconds an instance is idle before it goes (job compute)

  // The most instances one decision adds: a half of the range (two steps from min to max).
  int step() const;
  // Instances to add now: `held` instances are leased (`starting` of them still start) with
  // `cores` cores each, and `pending` tasks wait for a core.
  int to_add(int held, int starting, std::size_t pending, int cores) const;
};

}  // namespace lakesim::models
