#include "models/flows/spark_execution.hpp"

#include <memory>
#include <optional>

#include "sim/activity_start.hpp"
#include "sim/worker_pool.hpp"

namespace lakesim::models {

namespace {
// Local-disk I/O is computed (sim/local_disk), so tasks leave nothing in their worker's activity
// list and workers live as long as request workers (sim/worker_pool.hpp).
constexpr int kTasksPerWorker = 1000;
}  // namespace

SparkExecution::SparkExecution(std::vector<sg4::Host*> instances, Scratch* shuffle)
    : instances_(std::move(instances)), shuffle_(shuffle), held_(instances_.size(), 0.0) {}

SparkExecution::~SparkExecution() {
  if (!shuffle_) return;
  for (std::size_t i = 0; i < instances_.size(); ++i) shuffle_->discard(instances_[i], held_[i]);
}

void SparkExecution::run_stage(const StageWork& work, const StorageAccess& read, const StorageAccess& write) {
  const std::size_t n = instances_.size();
  const double share = 1.0 / static_cast<double>(n);
  // Per task: nullopt while running or when killed with its host, else its failure (if any).
  struct TaskState {
    bool done = false;
    std::optional<FailureCause> failure;
  };
  auto states = std::make_shared<std::vector<TaskState>>(n);
  auto tasks = std::make_shared<sim::TaskGroup>(n);
  for (std::size_t i = 0; i < n; ++i) {
    sg4::Host* host = instances_[i];
    sg4::Host* neighbour = instances_[(i + 1) % n];
    const double fetch = held_[(i + 1) % n];
    // An instance that is already down runs nothing (SimGrid refuses actors on failed hosts).
    if (!host->is_on()) {
      tasks->arrive(i, false);
      continue;
    }
    sim::run_on_worker(
        host, kTasksPerWorker,
        [=] {
          try {
            translate_failures("Serverless Spark Compute", [&] {
              const int cores = host->get_core_count();
              const double flops_per_core = work.core_seconds * 1e9 * share / cores;
              sg4::ExecPtr compute;
              if (flops_per_core > 0) compute = sim::start_exec({host, flops_per_core, -1, cores});
              if (shuffle_ && fetch > 0) shuffle_->read(neighbour, host, fetch);
              if (read && work.read_bytes > 0) read(host, work.read_bytes * share);
              if (compute) compute->wait();
              if (shuffle_ && work.shuffle_bytes > 0) shuffle_->write(host, work.shuffle_bytes * share);
              if (write && work.write_bytes > 0) write(host, work.write_bytes * share);
            });
            (*states)[i].done = true;
          } catch (const RequestFailed& failure) {
            (*states)[i].done = true;
            (*states)[i].failure = failure.cause();
          }
        },
        tasks, i);
  }
  tasks->wait();
  // The previous stage's shuffle has been consumed; this stage's output replaces it.
  for (std::size_t i = 0; i < n; ++i) {
    if (shuffle_) shuffle_->discard(instances_[i], held_[i]);
    held_[i] = work.shuffle_bytes * share;
  }
  for (const TaskState& s : *states) {
    if (!s.done) throw RequestFailed(FailureCause::HostDown, "Serverless Spark Compute");
    if (s.failure) throw RequestFailed(*s.failure, "Serverless Spark Compute");
  }
}

}  // namespace lakesim::models
