#include "models/flows/spark_execution.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <numeric>
#include <optional>

#include "models/flows/spark_tasks.hpp"
#include "sim/activity_start.hpp"
#include "sim/random_stream.hpp"
#include "sim/worker_pool.hpp"

namespace lakesim::models {

namespace {
// Local-disk I/O is computed (sim/local_disk), so tasks leave nothing in their worker's activity
// list and workers live as long as request workers (sim/worker_pool.hpp).
constexpr int kTasksPerWorker = 1000;
// spark.speculation.minTaskRuntime: no task is speculated before it has run this long.
constexpr double kMinSpeculationRuntime = 0.1;
// How soon an idle core notices a task lost with its instance: the executor heartbeat interval
// (spark.executor.heartbeatInterval, 10 s).
constexpr double kLossDetection = 10;

// What the cores of a stage run one by one share: the pending tasks, every copy started, the
// tasks finished. Actors run one at a time between engine calls, so no lock guards the data; the
// mutex serves the condition variable that wakes idle cores.
struct TaskBoard {
  struct Copy {
    std::size_t task;
    std::size_t instance;
    double start;
    sg4::ActorPtr actor;  // the worker running it
    bool active = true;
  };
  std::vector<sg4::Host*> instances;
  std::deque<std::size_t> pending;
  std::vector<char> finished;
  std::vector<int> failures;
  std::vector<Copy> copies;
  std::vector<std::vector<std::size_t>> copies_of;
  std::vector<double> durations;  // of the copies that finished first
  std::size_t done = 0;
  std::optional<FailureCause> failure;
  std::vector<double> next_held;
  std::size_t speculative = 0;
  std::size_t retries = 0;
  sg4::MutexPtr mutex = sg4::Mutex::create();
  sg4::ConditionVariablePtr changed = sg4::ConditionVariable::create();

  int active_copies(std::size_t task) const {
    int n = 0;
    for (std::size_t c : copies_of[task]) n += copies[c].active ? 1 : 0;
    return n;
  }
  // A copy that ended (lost, failed, or killed with its instance): an unfinished task left with
  // no copy running goes back to the queue. Plain data only: it also runs while a killed
  // worker unwinds.
  void end_copy(std::size_t copy, bool requeue) {
    copies[copy].active = false;
    copies[copy].actor = nullptr;
    const std::size_t task = copies[copy].task;
    if (requeue && !finished[task] && active_copies(task) == 0 &&
        std::find(pending.begin(), pending.end(), task) == pending.end())
      pending.push_front(task);
  }
  // Copies still marked running on an instance that went down were lost with it: their tasks go
  // back to the queue. Returns whether any did.
  bool reclaim_lost() {
    bool any = false;
    for (std::size_t c = 0; c < copies.size(); ++c)
      if (copies[c].active && !instances[copies[c].instance]->is_on()) {
        end_copy(c, true);
        any = true;
      }
    return any;
  }
};

// Ends a copy however its actor leaves: a worker killed with its instance unwinds through here.
class CopyGuard {
 public:
  CopyGuard(std::shared_ptr<TaskBoard> board, std::size_t copy) : board_(std::move(board)), copy_(copy) {}
  CopyGuard(const CopyGuard&) = delete;
  CopyGuard& operator=(const CopyGuard&) = delete;
  ~CopyGuard() {
    if (board_->copies[copy_].active) board_->end_copy(copy_, true);
  }

 private:
  std::shared_ptr<TaskBoard> board_;
  std::size_t copy_;
};
}  // namespace

SparkExecution::SparkExecution(std::vector<sg4::Host*> instances, Scratch* shuffle, sim::SparkSpec spark,
                               std::string where)
    : instances_(std::move(instances)),
      shuffle_(shuffle),
      spark_(spark),
      where_(std::move(where)),
      held_(instances_.size(), 0.0) {}

SparkExecution::~SparkExecution() {
  if (!shuffle_) return;
  for (std::size_t i = 0; i < instances_.size(); ++i) shuffle_->discard(instances_[i], held_[i]);
}

SparkExecution::TaskFactors SparkExecution::task_factors(std::size_t tasks, const StageWork& work) const {
  TaskFactors f{{1.0}, {1.0}};
  if (spark_.task_spread > 0 || (spark_.straggler_fraction > 0 && work.task_factors.empty())) {
    sim::RandomStream rng(work.task_seed, "spark-tasks");
    f.skew.assign(tasks, 1.0);
    f.first_attempt.assign(tasks, 1.0);
    for (std::size_t t = 0; t < tasks; ++t) {
      if (spark_.task_spread > 0) f.skew[t] = rng.lognormal_with_mean(1.0, spark_.task_spread);
      if (spark_.straggler_fraction > 0 && rng.uniform() < spark_.straggler_fraction)
        f.first_attempt[t] = spark_.straggler_slowdown;
    }
  }
  if (!work.task_factors.empty()) f.first_attempt = work.task_factors;
  return f;
}

void SparkExecution::run_stage(const StageWork& work, const StorageAccess& read, const StorageAccess& write) {
  int slots = 0;
  for (sg4::Host* h : instances_) slots += h->get_core_count();
  const double held_total = std::accumulate(held_.begin(), held_.end(), 0.0);
  const std::size_t tasks = stage_task_count(work.read_bytes, shuffle_ ? held_total : 0.0, slots, spark_);
  const double n = static_cast<double>(tasks);
  const TaskBytes per_task{work.core_seconds * 1e9 / n, work.read_bytes / n, held_total / n, work.shuffle_bytes / n,
                           work.write_bytes / n};
  last_tasks_ = tasks;
  last_speculative_ = last_retries_ = 0;
  std::optional<FailureCause> failure;
  const std::vector<double> next_held = (spark_.per_task() || !work.task_factors.empty())
                                            ? run_one_by_one(tasks, per_task, work, read, write, failure)
                                            : run_waves(tasks, per_task, read, write, failure);
  // The previous stage's shuffle has been consumed; this stage's output replaces it.
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    if (shuffle_) shuffle_->discard(instances_[i], held_[i]);
    held_[i] = next_held[i];
  }
  if (failure) throw RequestFailed(*failure, where_);
}

std::vector<double> SparkExecution::run_waves(std::size_t tasks, const TaskBytes& per, const StorageAccess& read,
                                              const StorageAccess& write, std::optional<FailureCause>& failure) {
  const std::size_t n = instances_.size();
  std::vector<int> cores(n);
  for (std::size_t i = 0; i < n; ++i) cores[i] = instances_[i]->get_core_count();
  const WavePlan plan = plan_waves(tasks, cores);
  // Per instance: done when its waves ended (failed or not), and its failure if any.
  struct InstanceState {
    bool done = false;
    std::optional<FailureCause> failure;
  };
  auto states = std::make_shared<std::vector<InstanceState>>(n);
  auto group = std::make_shared<sim::TaskGroup>(n);
  std::vector<double> next_held(n, 0.0);
  Scratch* shuffle = shuffle_;
  const std::string where = where_;
  for (std::size_t i = 0; i < n; ++i) {
    sg4::Host* host = instances_[i];
    sg4::Host* neighbour = instances_[(i + 1) % n];
    const double full = static_cast<double>(plan.full_waves) * cores[i];
    const int last = plan.last_wave[i];
    next_held[i] = (full + last) * per.shuffle;
    // An instance that is already down runs nothing (SimGrid refuses actors on failed hosts).
    if (!host->is_on()) {
      group->arrive(i, false);
      continue;
    }
    if (full + last == 0) {
      (*states)[i].done = true;
      group->arrive(i, true);
      continue;
    }
    const int threads = cores[i];
    sim::run_on_worker(
        host, kTasksPerWorker,
        [=] {
          // `count` identical tasks on `width` cores: the cores run count / width tasks each
          // while the instance reads their input over one connection per core.
          auto wave = [&](double count, int width) {
            const double flops = per.flops * count / width;
            sg4::ExecPtr compute;
            if (flops > 0) compute = sim::start_exec({host, flops, -1, width});
            if (shuffle && per.fetch > 0) shuffle->read(neighbour, host, per.fetch * count);
            if (read && per.read > 0) read(host, per.read * count, width);
            if (compute) compute->wait();
            if (shuffle && per.shuffle > 0) shuffle->write(host, per.shuffle * count);
            if (write && per.write > 0) write(host, per.write * count, width);
          };
          try {
            translate_failures(where, [&] {
              if (full > 0) wave(full, threads);
              if (last > 0) wave(last, last);
            });
            (*states)[i].done = true;
          } catch (const RequestFailed& f) {
            (*states)[i].done = true;
            (*states)[i].failure = f.cause();
          }
        },
        group, i);
  }
  group->wait();
  for (const InstanceState& s : *states) {
    if (!s.done) {
      failure = FailureCause::HostDown;
      break;
    }
    if (s.failure) {
      failure = s.failure;
      break;
    }
  }
  return next_held;
}

std::vector<double> SparkExecution::run_one_by_one(std::size_t tasks, const TaskBytes& per, const StageWork& work,
                                                   const StorageAccess& read, const StorageAccess& write,
                                                   std::optional<FailureCause>& failure) {
  const std::size_t n = instances_.size();
  auto board = std::make_shared<TaskBoard>();
  for (std::size_t t = 0; t < tasks; ++t) board->pending.push_back(t);
  board->finished.assign(tasks, 0);
  board->failures.assign(tasks, 0);
  board->copies_of.resize(tasks);
  board->next_held.assign(n, 0.0);
  const TaskFactors factors = task_factors(tasks, work);
  std::size_t slots = 0;
  for (sg4::Host* h : instances_) slots += static_cast<std::size_t>(h->get_core_count());
  auto group = std::make_shared<sim::TaskGroup>(slots);
  Scratch* shuffle = shuffle_;
  const std::string where = where_;
  const sim::SparkSpec spark = spark_;
  board->instances = instances_;

  // The task a free core of instance `i` should copy now, if any, and otherwise when to look
  // again (Spark's checkSpeculatableTasks).
  auto speculation = [board, spark, tasks](std::size_t i, double now, double& next) -> std::optional<std::size_t> {
    TaskBoard& b = *board;
    const auto min_finished =
        std::max<std::size_t>(1, static_cast<std::size_t>(spark.speculation.quantile * static_cast<double>(tasks)));
    if (!spark.speculation.enabled || b.done < min_finished || b.durations.empty()) return std::nullopt;
    std::vector<double> d = b.durations;
    std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
    const double threshold = std::max(kMinSpeculationRuntime, spark.speculation.multiplier * d[d.size() / 2]);
    for (std::size_t t = 0; t < tasks; ++t) {
      if (b.finished[t] || b.copies_of[t].empty() || b.active_copies(t) != 1) continue;
      const TaskBoard::Copy* running = nullptr;
      for (std::size_t c : b.copies_of[t])
        if (b.copies[c].active) running = &b.copies[c];
      if (running->instance == i) continue;  // a copy runs on another executor than the original
      const double eligible = running->start + threshold;
      if (now >= eligible) return t;
      next = std::min(next, eligible);
    }
    return std::nullopt;
  };

  std::size_t slot = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sg4::Host* host = instances_[i];
    sg4::Host* neighbour = instances_[(i + 1) % n];
    for (int core = 0; core < host->get_core_count(); ++core, ++slot) {
      if (!host->is_on()) {
        group->arrive(slot, false);
        continue;
      }
      sim::run_on_worker(
          host, kTasksPerWorker,
          [=] {
            TaskBoard& b = *board;
            while (!b.failure && b.done < tasks) {
              const double now = sg4::Engine::get_clock();
              std::optional<std::size_t> task;
              bool speculative = false;
              double next = now + kLossDetection;
              if (!b.pending.empty()) {
                task = b.pending.front();
                b.pending.pop_front();
              } else {
                task = speculation(i, now, next);
                speculative = task.has_value();
              }
              if (!task && b.reclaim_lost()) continue;
              if (!task) {
                std::unique_lock<sg4::Mutex> lock(*b.mutex);
                b.changed->wait_until(lock, next);
                continue;
              }
              const std::size_t t = *task;
              const std::size_t copy = b.copies.size();
              b.copies.push_back(TaskBoard::Copy{t, i, now, sg4::Actor::self(), true});
              b.copies_of[t].push_back(copy);
              if (speculative) ++b.speculative;
              bool won = false;
              {
                CopyGuard guard(board, copy);
                try {
                  translate_failures(where, [&] {
                    // Skew slows every attempt of a task; a straggler only its first.
                    const double flops =
                        per.flops * factors.skew[t % factors.skew.size()] *
                        (b.copies_of[t].size() == 1 ? factors.first_attempt[t % factors.first_attempt.size()] : 1.0);
                    sg4::ExecPtr compute;
                    if (flops > 0) compute = sim::start_exec({host, flops, -1, 1});
                    if (shuffle && per.fetch > 0) shuffle->read(neighbour, host, per.fetch);
                    if (read && per.read > 0 && !b.finished[t]) read(host, per.read, 1);
                    if (compute) compute->wait();
                    if (b.finished[t]) return;
                    if (shuffle && per.shuffle > 0) shuffle->write(host, per.shuffle);
                    if (write && per.write > 0) write(host, per.write, 1);
                    won = !b.finished[t];
                  });
                  if (won) {
                    b.finished[t] = 1;
                    ++b.done;
                    b.durations.push_back(sg4::Engine::get_clock() - now);
                    b.next_held[i] += per.shuffle;
                    b.end_copy(copy, false);
                    // Spark kills the other copies of a task that finished: their workers end
                    // (the pool starts others when needed).
                    for (std::size_t other : b.copies_of[t])
                      if (b.copies[other].active) {
                        sg4::ActorPtr loser = b.copies[other].actor;
                        b.end_copy(other, false);
                        if (loser) loser->kill();
                      }
                  } else {
                    b.end_copy(copy, false);
                  }
                } catch (const RequestFailed& f) {
                  b.end_copy(copy, false);
                  if (!b.finished[t] && b.active_copies(t) == 0) {
                    if (++b.failures[t] >= spark.task_max_failures) {
                      b.failure = f.cause();
                    } else {
                      b.pending.push_back(t);
                      ++b.retries;
                    }
                  }
                }
              }
              b.changed->notify_all();
            }
          },
          group, slot);
    }
  }
  group->wait();
  last_speculative_ = board->speculative;
  last_retries_ = board->retries;
  if (board->failure)
    failure = board->failure;
  else if (board->done < tasks)
    failure = FailureCause::HostDown;
  return board->next_held;
}

}  // namespace lakesim::models
