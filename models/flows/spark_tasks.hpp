#pragma once
// How Spark splits a stage into tasks and spreads them over its executors' cores (one task per
// core, spark.task.cpus = 1). Pure arithmetic, no engine.
#include <cstddef>
#include <vector>

#include "scenario/spark_spec.hpp"

namespace lakesim::models {

// The number of tasks of a stage that reads `read_bytes` of files and `shuffle_bytes` of the
// previous stage's shuffle on `slots` cores:
// - files split as Spark's FilePartition does: pieces of min(maxPartitionBytes, max(openCostInBytes,
//   bytes / slots)), so a small input still gives every core a task;
// - a shuffle read has spark.sql.shuffle.partitions partitions, coalesced as adaptive query
//   execution does by default (Spark 3.2+, Databricks): to pieces of min(64 MiB, bytes / slots),
//   at least 1 MiB, never more partitions than configured;
// - a stage with neither runs one task per core; with both, the larger count.
std::size_t stage_task_count(double read_bytes, double shuffle_bytes, int slots, const sim::SparkSpec& spark);

// Tasks of each instance when `tasks` identical tasks run on instances of `cores` cores: every
// full wave fills every core, and the last, partial wave is offered round robin, one task per
// instance per round, as TaskSchedulerImpl spreads its offers.
struct WavePlan {
  std::size_t full_waves = 0;
  std::vector<int> last_wave;  // tasks of each instance in the partial wave (all 0 without one)
};
WavePlan plan_waves(std::size_t tasks, const std::vector<int>& cores);

}  // namespace lakesim::models
