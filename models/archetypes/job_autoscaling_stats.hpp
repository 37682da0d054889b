#pragma once
// What autoscaled job runs did on one compute placement: how many instances they held (per run
// and on average over their running time) and how often they grew and shrank. Kept by the
// placement's ComputePool, filled by each run's JobAutoscaler, reported with the compute.
#include <cstdint>

namespace lakesim::models {

struct JobAutoscalingStats {
  std::uint64_t runs = 0;         // job runs that autoscaled
  std::uint64_t scale_ups = 0;    // decisions that added instances
  std::uint64_t scale_downs = 0;  // idle instances removed (each one an event)
  std::uint64_t instances_added = 0;
  int fewest_held = 0;          // the smallest number of instances a run held (0: no run yet)
  int most_held = 0;            // the largest
  double instance_seconds = 0;  // instances held x time, over the runs' lifetimes
  double run_seconds = 0;       // the runs' lifetimes, from lease to release

  // Instances held on average while the runs lasted (time-weighted).
  double mean_held() const { return run_seconds > 0 ? instance_seconds / run_seconds : 0.0; }
};

}  // namespace lakesim::models
