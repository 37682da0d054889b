#pragma once
// How Spark splits a stage into tasks and runs them: a workload's `spark` section. Defaults are
// Spark's own (Spark configuration and SQL performance-tuning docs; domain-numbers.md section 8).
namespace lakesim::sim {

struct SpeculationSpec {
  bool enabled = false;     // spark.speculation
  double multiplier = 1.5;  // spark.speculation.multiplier: this many times the median task time
  double quantile = 0.75;   // spark.speculation.quantile: share of tasks finished before speculating
};

struct SparkSpec {
  double max_partition_bytes = 134217728;  // spark.sql.files.maxPartitionBytes (128 MiB)
  double open_cost_bytes = 4194304;        // spark.sql.files.openCostInBytes (4 MiB): the smallest split
  int shuffle_partitions = 200;            // spark.sql.shuffle.partitions, before adaptive coalescing
  double task_spread = 0;                  // sigma of a log-normal multiplier (mean 1) of each task's compute: skew
  double straggler_fraction = 0;           // share of tasks whose compute is `straggler_slowdown` times longer
  double straggler_slowdown = 1;
  SpeculationSpec speculation;
  int task_max_failures = 4;  // spark.task.maxFailures: attempts of one task before the stage fails
  // Prefixes the input files spread over (a partitioned table: a prefix per partition value),
  // each with S3's request rate of its own.
  int input_prefixes = 1;

  // Whether tasks differ or are watched one by one (else a wave of identical tasks runs together).
  bool per_task() const { return task_spread > 0 || straggler_fraction > 0 || speculation.enabled; }
};

}  // namespace lakesim::sim
