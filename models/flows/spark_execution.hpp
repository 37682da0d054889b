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
// A lost instance (down, or down and back: a new instance with an empty disk) loses its running
// tasks and the shuffle files on its disk. Its tasks run again on the instances left; the
// partitions of earlier stages it held are recomputed first from their lineage: the tasks of the
// stage that wrote them, as many as the partitions lost, run again (in waves, reading their own
// input, itself recomputed where it was lost too) before the tasks that need them, as Spark's
// DAGScheduler resubmits a map stage's missing partitions after a fetch failure. Identical tasks
// that run a wave at a time per instance are lost with the whole of their instance's share. A
// stage is attempted at most spark.stage.maxConsecutiveAttempts (4) times; the job fails only
// then, or when no instance is left.
//
// All-to-all shuffle is aggregated as each instance fetching its share from its neighbour: the
// same bytes cross every NIC and disk as in the full exchange, with n flows instead of n^2.
#include <cstdint>
#include <functional>
#include <memory>
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

  // Blocks the calling actor until every task of the stage is done. Throws the first task
  // failure's RequestFailed, naming what failed (a storage prefix, a shuffle disk), or HostDown
  // at this compute when its stage attempts are spent or no instance is left.
  void run_stage(const StageWork& work, const StorageAccess& read, const StorageAccess& write);

  const std::vector<sg4::Host*>& instances() const { return instances_; }
  // The tasks of the last stage run, and the speculative copies it started.
  std::size_t last_stage_tasks() const { return last_tasks_; }
  std::size_t last_stage_speculative_copies() const { return last_speculative_; }
  std::size_t last_stage_task_retries() const { return last_retries_; }
  // Of the last stage run: its tasks that ran again after their instance was lost, the tasks of
  // earlier stages that ran again to recompute lost shuffle partitions, and its attempts.
  std::size_t last_stage_lost_tasks() const { return last_lost_; }
  std::size_t last_stage_lineage_tasks() const { return last_lineage_; }
  int last_stage_attempts() const { return last_attempts_; }

  // Job autoscaling (models/flows/job_autoscaler). Elastic: identical tasks are taken a wave at a
  // time by each instance from the stage's pending tasks (instead of planned up front), so that
  // instances added while a stage runs take part of its remaining waves.
  void set_elastic(bool elastic) { elastic_ = elastic; }
  // Adds started instances; when elastic they take pending tasks of the running stage at once
  // (a wave at a time, or task by task where tasks run one by one), otherwise from the next stage.
  void add_instances(const std::vector<sg4::Host*>& hosts);
  // Gives up an instance that idle_instances() listed: it takes no more tasks, and the partitions
  // of earlier stages it held count as lost (recomputed from their lineage should a later loss
  // need them).
  void remove_instance(sg4::Host* host);
  // Tasks of the running stage waiting for a core (0 between stages).
  std::size_t pending_tasks() const;
  // Instances that run no task and hold no shuffle output still needed, with when they last
  // ran one; never the first (the driver's). None while tasks run one by one.
  std::vector<std::pair<sg4::Host*, double>> idle_instances() const;

 private:
  struct TaskBytes {
    double flops = 0;  // per task, on one core
    double read = 0;
    double fetch = 0;
    double shuffle = 0;
    double write = 0;
  };
  // The shuffle output of a stage run, kept for the stages after it: where its partitions live
  // and what it takes to recompute them.
  struct StageRecord {
    TaskBytes per_task;
    StorageAccess read;
    std::vector<double> held;            // shuffle bytes on each instance
    std::vector<std::uint64_t> written;  // each instance's loss count when they were written
  };
  // One attempt at running tasks on the instances that are up.
  struct Attempt {
    std::vector<std::size_t> done_on;      // tasks finished on each instance
    std::optional<RequestFailed> failure;  // a failure that stops the stage (not a loss)
  };
  Attempt run_waves(std::size_t tasks, const TaskBytes& per_task, const StorageAccess& read,
                    const StorageAccess& write);
  // Identical tasks taken a wave at a time per instance from a shared count (elastic).
  struct ElasticWaves;
  Attempt run_elastic_waves(std::size_t tasks, const TaskBytes& per_task, const StorageAccess& read,
                            const StorageAccess& write);
  void join_waves(std::size_t instance);
  Attempt run_identical(std::size_t tasks, const TaskBytes& per_task, const StorageAccess& read,
                        const StorageAccess& write) {
    return elastic_ ? run_elastic_waves(tasks, per_task, read, write) : run_waves(tasks, per_task, read, write);
  }
  // The instance after `i` that takes tasks: where `i` fetches its share of the shuffle.
  sg4::Host* neighbour_of(std::size_t i) const;
  bool usable(std::size_t i) const { return !removed_[i] && instances_[i]->is_on(); }
  // Runs the tasks not `finished` yet (updated) one by one; stops taking tasks once shuffle
  // partitions of `input` are lost with an instance.
  Attempt run_one_by_one(std::vector<char>& finished, const TaskBytes& per_task, const StageWork& work,
                         const StorageAccess& read, const StorageAccess& write, const StageRecord* input);
  // Recomputes the partitions of lineage_[stage] lost with their instances (and, first, those
  // of the stages they read). Throws RequestFailed when a limit is reached.
  void recompute_lost(std::size_t stage);
  bool lost(std::size_t instance, std::uint64_t written) const;
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
  std::vector<StageRecord> lineage_;  // the stages run, the last one's shuffle held on disk
  std::size_t last_tasks_ = 0;
  std::size_t last_speculative_ = 0;
  std::size_t last_retries_ = 0;
  std::size_t last_lost_ = 0;
  std::size_t last_lineage_ = 0;
  int last_attempts_ = 0;
  // Autoscaling: instances given back, tasks running on each (elastic waves) and when each last
  // ran one, the elastic attempt running, and the pending tasks of a one-by-one stage running.
  std::vector<char> removed_;
  std::vector<std::size_t> running_;
  std::vector<double> idle_since_;
  bool elastic_ = false;
  std::shared_ptr<ElasticWaves> waves_;
  std::function<std::size_t()> board_pending_;
  std::function<void(std::size_t)> join_board_;  // puts an added instance's cores to work on it
};

}  // namespace lakesim::models
