#pragma once
// Runs the stages of one Spark application on the instances it has leased, as Spark does: a
// stage splits into tasks (models/flows/spark_tasks), one task per core at a time, in waves.
//
// Identical tasks (no spread, no speculation) run a wave at a time per instance: all the full
// waves of an instance as one execution on all its cores that overlaps their reads (the previous
// stage's shuffle, then storage), then the partial last wave on the cores it occupies; shuffle
// output goes to local disk, output to storage. The stage takes ceil(tasks / cores) task times,
// as wave after wave of identical tasks would, with one set of activities per instance and wave
// kind instead of one per task.
//
// Tasks that differ (a spread of their compute, stragglers) or are watched (speculation) run one
// by one: each core of each instance takes the next pending task as it frees up (Spark's
// dynamic scheduling); with speculation a copy of a task running longer than the multiplier times
// the median of finished tasks starts on a free core once the quantile of tasks has finished,
// and the first copy to finish wins. A task that fails is retried up to spark.task.maxFailures
// times; a task lost with its instance runs again elsewhere.
//
// All-to-all shuffle is aggregated as each instance fetching its share from its neighbour: the
// same bytes cross every NIC and disk as in the full exchange, with n flows instead of n^2.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/archetypes/scratch.hpp"
#include "models/failure.hpp"
#include "scenario/spark_spec.hpp"

namespace lakesim::models {

struct StageWork {
  double core_seconds = 0;  // on reference (1 Gf) cores
  double read_bytes = 0;
  double shuffle_bytes = 0;
  double write_bytes = 0;
  // Compute multipliers of each task's first attempt (stragglers), cycled when shorter than the
  // stage's task count; empty: drawn from the Spark spec's stragglers with `task_seed` (all 1
  // without them). Given, they make the tasks run one by one.
  std::vector<double> task_factors;
  std::uint64_t task_seed = 0;
};

// Storage access used by a stage: called on an instance with the bytes of the tasks it runs and
// the connections they hold (one per task reading at once).
using StorageAccess = std::function<void(sg4::Host* instance, double bytes, int connections)>;

class SparkExecution {
 public:
  // `where` names the compute in failures (its component and placement).
  SparkExecution(std::vector<sg4::Host*> instances, Scratch* shuffle, sim::SparkSpec spark = {},
                 std::string where = "Serverless Spark Compute");
  ~SparkExecution();  // discards the shuffle files it left

  // Blocks the calling actor until every task of the stage is done. Throws RequestFailed with the
  // first task failure's cause (a task killed with its instance counts as HostDown).
  void run_stage(const StageWork& work, const StorageAccess& read, const StorageAccess& write);

  const std::vector<sg4::Host*>& instances() const { return instances_; }
  // The tasks of the last stage run, and the speculative copies it started.
  std::size_t last_stage_tasks() const { return last_tasks_; }
  std::size_t last_stage_speculative_copies() const { return last_speculative_; }
  std::size_t last_stage_task_retries() const { return last_retries_; }

 private:
  struct TaskBytes {
    double flops = 0;  // per task, on one core
    double read = 0;
    double fetch = 0;
    double shuffle = 0;
    double write = 0;
  };
  // Each runs the stage's tasks and returns the shuffle bytes each instance now holds; a failure
  // that stops the stage is left in `failure`.
  std::vector<double> run_waves(std::size_t tasks, const TaskBytes& per_task, const StorageAccess& read,
                                const StorageAccess& write, std::optional<FailureCause>& failure);
  std::vector<double> run_one_by_one(std::size_t tasks, const TaskBytes& per_task, const StageWork& work,
                                     const StorageAccess& read, const StorageAccess& write,
                                     std::optional<FailureCause>& failure);
  // Multipliers of each task's compute: skew (`task_spread`) slows every attempt of a task, a
  // straggler only its first attempt (a copy or a retry runs at the normal pace).
  struct TaskFactors {
    std::vector<double> skew;
    std::vector<double> first_attempt;
  };
  TaskFactors task_factors(std::size_t tasks, const StageWork& work) const;

  std::vector<sg4::Host*> instances_;
  Scratch* shuffle_;
  sim::SparkSpec spark_;
  std::string where_;
  std::vector<double> held_;  // shuffle bytes each instance holds from the previous stage
  std::size_t last_tasks_ = 0;
  std::size_t last_speculative_ = 0;
  std::size_t last_retries_ = 0;
};

}  // namespace lakesim::models
