#include "models/flows/spark_tasks.hpp"

#include <algorithm>
#include <cmath>

namespace lakesim::models {

namespace {
constexpr double kAdvisoryPartitionBytes = 67108864;  // spark.sql.adaptive.advisoryPartitionSizeInBytes (64 MiB)
constexpr double kMinPartitionBytes = 1048576;        // spark.sql.adaptive.coalescePartitions.minPartitionSize

// Pieces of `piece` bytes in `bytes`, forgiving the rounding of a division that was exact.
std::size_t pieces(double bytes, double piece) {
  return static_cast<std::size_t>(std::max(1.0, std::ceil(bytes / piece * (1 - 1e-12))));
}
}  // namespace

std::size_t stage_task_count(double read_bytes, double shuffle_bytes, int slots, const sim::SparkSpec& spark) {
  const double cores = std::max(1, slots);
  std::size_t tasks = 0;
  if (read_bytes > 0) {
    const double split = std::min(spark.max_partition_bytes, std::max(spark.open_cost_bytes, read_bytes / cores));
    tasks = pieces(read_bytes, split);
  }
  if (shuffle_bytes > 0) {
    const double target = std::max(kMinPartitionBytes, std::min(kAdvisoryPartitionBytes, shuffle_bytes / cores));
    tasks = std::max(tasks, std::min<std::size_t>(spark.shuffle_partitions, pieces(shuffle_bytes, target)));
  }
  return tasks > 0 ? tasks : static_cast<std::size_t>(cores);
}

WavePlan plan_waves(std::size_t tasks, const std::vector<int>& cores) {
  WavePlan plan;
  plan.last_wave.assign(cores.size(), 0);
  std::size_t slots = 0;
  for (int c : cores) slots += static_cast<std::size_t>(std::max(0, c));
  if (slots == 0) return plan;
  plan.full_waves = tasks / slots;
  std::size_t rest = tasks % slots;
  while (rest > 0)
    for (std::size_t i = 0; i < cores.size() && rest > 0; ++i)
      if (plan.last_wave[i] < cores[i]) {
        ++plan.last_wave[i];
        --rest;
      }
  return plan;
}

}  // namespace lakesim::models
