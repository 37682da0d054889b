#include "models/flows/spark_execution.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <numeric>
#include <optional>

#include "models/flows/spark_tasks.hpp"
#include "sim/activity_start.hpp"
#include "sim/dedicated_downlink.hpp"
#include "sim/host_losses.hpp"
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
// spark.stage.maxConsecutiveAttempts: attempts of a stage (after losses) before the job fails.
constexpr int kMaxStageAttempts = 4;

std::size_t total(const std::vector<std::size_t>& counts) { return std::accumulate(counts.begin(), counts.end(), 0UL); }

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
  std::optional<RequestFailed> failure;
  bool stopped = false;              // shuffle input was lost: no new task starts
  std::vector<std::size_t> done_on;  // tasks finished on each instance
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
      removed_(instances_.size(), 0),
      running_(instances_.size(), 0),
      idle_since_(instances_.size(), sg4::Engine::get_clock()) {
  sim::watch_host_losses();
}

SparkExecution::~SparkExecution() {
  if (!shuffle_ || lineage_.empty()) return;
  for (std::size_t i = 0; i < instances_.size(); ++i) shuffle_->discard(instances_[i], lineage_.back().held[i]);
}

bool SparkExecution::lost(std::size_t instance, std::uint64_t written) const {
  return removed_[instance] || !instances_[instance]->is_on() || sim::host_losses(instances_[instance]) != written;
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

void SparkExecution::recompute_lost(std::size_t stage) {
  StageRecord& r = lineage_[stage];
  const bool on_disk = stage + 1 == lineage_.size();  // the earlier stages' files are off the books
  std::size_t missing = 0;                            // partitions to recompute
  for (int attempt = 0;; ++attempt) {
    for (std::size_t i = 0; i < r.held.size(); ++i) {
      if (r.held[i] > 0 && lost(i, r.written[i])) {
        missing += static_cast<std::size_t>(std::llround(r.held[i] / r.per_task.shuffle));
        if (shuffle_ && on_disk) shuffle_->discard(instances_[i], r.held[i]);
        r.held[i] = 0;
      }
      if (r.held[i] == 0) r.written[i] = sim::host_losses(instances_[i]);
    }
    if (missing == 0) return;
    if (attempt >= kMaxStageAttempts) throw RequestFailed(FailureCause::HostDown, where_);
    // The lost partitions' own input: the shuffle they read, where it was lost too.
    if (r.per_task.fetch > 0 && stage > 0) recompute_lost(stage - 1);
    TaskBytes per = r.per_task;
    per.write = 0;  // their storage output, if any, was written the first time
    const Attempt a = run_identical(missing, per, r.read, {});
    if (a.failure) throw *a.failure;
    for (std::size_t i = 0; i < a.done_on.size(); ++i) {
      const double bytes = static_cast<double>(a.done_on[i]) * r.per_task.shuffle;
      r.held[i] += bytes;
      if (shuffle_ && !on_disk) shuffle_->discard(instances_[i], bytes);
    }
    missing -= total(a.done_on);
    last_lineage_ += total(a.done_on);
  }
}

void SparkExecution::run_stage(const StageWork& work, const StorageAccess& read, const StorageAccess& write) {
  int slots = 0;
  for (std::size_t i = 0; i < instances_.size(); ++i) slots += usable(i) ? instances_[i]->get_core_count() : 0;
  const double held_total =
      lineage_.empty() ? 0.0 : std::accumulate(lineage_.back().held.begin(), lineage_.back().held.end(), 0.0);
  const std::size_t tasks = stage_task_count(work.read_bytes, shuffle_ ? held_total : 0.0, slots, spark_);
  const double count = static_cast<double>(tasks);
  const TaskBytes per_task{work.core_seconds * 1e9 / count, work.read_bytes / count, held_total / count,
                           work.shuffle_bytes / count, work.write_bytes / count};
  last_tasks_ = tasks;
  last_speculative_ = last_retries_ = last_lost_ = last_lineage_ = 0;
  last_attempts_ = 0;
  const bool one_by_one = spark_.per_task() || !work.task_factors.empty();
  StageRecord next{per_task, read, {}, {}};
  // Instances added while the stage runs get a place in its record too.
  const auto cover_instances = [&] {
    for (std::size_t i = next.held.size(); i < instances_.size(); ++i) {
      next.held.push_back(0.0);
      next.written.push_back(sim::host_losses(instances_[i]));
    }
  };
  cover_instances();
  std::vector<char> finished(one_by_one ? tasks : 0, 0);
  std::size_t remaining = tasks;
  std::optional<RequestFailed> failure;
  try {
    for (;;) {
      ++last_attempts_;
      if (!lineage_.empty() && held_total > 0) recompute_lost(lineage_.size() - 1);
      cover_instances();
      for (std::size_t i = 0; i < next.held.size(); ++i)
        if (next.held[i] == 0) next.written[i] = sim::host_losses(instances_[i]);
      const Attempt a = one_by_one ? run_one_by_one(finished, per_task, work, read, write,
                                                    lineage_.empty() || held_total == 0 ? nullptr : &lineage_.back())
                                   : run_identical(remaining, per_task, read, write);
      cover_instances();
      for (std::size_t i = 0; i < a.done_on.size(); ++i)
        next.held[i] += static_cast<double>(a.done_on[i]) * per_task.shuffle;
      remaining -= std::min(remaining, total(a.done_on));
      if (a.failure) {
        failure = a.failure;
        break;
      }
      if (remaining == 0) break;
      // Tasks lost with their instance, or not run for want of lost shuffle input, run again.
      bool any_usable = false;
      for (std::size_t i = 0; i < instances_.size(); ++i) any_usable |= usable(i);
      if (last_attempts_ >= kMaxStageAttempts || !any_usable) {
        failure = RequestFailed(FailureCause::HostDown, where_);
        break;
      }
      last_lost_ += remaining;
    }
  } catch (const RequestFailed& f) {
    failure = f;
  }
  // The previous stage's shuffle has been consumed; this stage's output replaces it. A stage
  // that reads no shuffle needs none of the earlier ones to be recomputed.
  if (!lineage_.empty() && shuffle_)
    for (std::size_t i = 0; i < lineage_.back().held.size(); ++i)
      shuffle_->discard(instances_[i], lineage_.back().held[i]);
  if (per_task.fetch == 0) lineage_.clear();
  cover_instances();
  lineage_.push_back(std::move(next));
  if (failure) throw *failure;
}

SparkExecution::Attempt SparkExecution::run_waves(std::size_t tasks, const TaskBytes& per, const StorageAccess& read,
                                                  const StorageAccess& write) {
  const std::size_t n = instances_.size();
  Attempt result;
  result.done_on.assign(n, 0);
  // Instances that are down run nothing (SimGrid refuses actors on failed hosts).
  std::vector<std::size_t> up;
  for (std::size_t i = 0; i < n; ++i)
    if (usable(i)) up.push_back(i);
  if (tasks == 0 || up.empty()) return result;
  std::vector<int> cores(up.size());
  for (std::size_t k = 0; k < up.size(); ++k) cores[k] = instances_[up[k]]->get_core_count();
  const WavePlan plan = plan_waves(tasks, cores);
  // Per instance: done when its waves ended (failed or not), and its failure if any.
  struct InstanceState {
    bool done = false;
    std::optional<RequestFailed> failure;
  };
  auto states = std::make_shared<std::vector<InstanceState>>(up.size());
  auto group = std::make_shared<sim::TaskGroup>(up.size());
  Scratch* shuffle = shuffle_;
  const std::string where = where_;
  const std::uint64_t losses_before = sim::all_host_losses();
  std::vector<std::size_t> planned(up.size());
  for (std::size_t k = 0; k < up.size(); ++k) {
    sg4::Host* host = instances_[up[k]];
    sg4::Host* neighbour = instances_[up[(k + 1) % up.size()]];
    const double full = static_cast<double>(plan.full_waves) * cores[k];
    const int last = plan.last_wave[k];
    planned[k] = static_cast<std::size_t>(full) + static_cast<std::size_t>(last);
    if (planned[k] == 0) {
      (*states)[k].done = true;
      group->arrive(k, true);
      continue;
    }
    const int threads = cores[k];
    sim::run_on_worker(
        host, kTasksPerWorker,
        [=] {
          // The instance's one worker: what enters it, it fetches or reads itself, one after
          // the other, so its S3 reads can be computed (sim/dedicated_downlink).
          const sim::DownlinkHold hold(host);
          // `count` identical tasks on `width` cores: the cores run count / width tasks each
          // while the instance reads their input over one connection per core.
          auto wave = [&](double count, int width) {
            const double flops = per.flops * count / width;
            sg4::ExecPtr compute;
            if (flops > 0) compute = sim::start_exec({host, flops, -1, width});
            if (shuffle && per.fetch > 0) shuffle->read(neighbour, host, per.fetch * count);
            if (read && per.read > 0) read(host, per.read * count, width);
            if (compute) sim::wait_exec(compute);
            if (shuffle && per.shuffle > 0) shuffle->write(host, per.shuffle * count);
            if (write && per.write > 0) write(host, per.write * count, width);
          };
          try {
            translate_failures(where, [&] {
              if (full > 0) wave(full, threads);
              if (last > 0) wave(last, last);
            });
            (*states)[k].done = true;
          } catch (const RequestFailed& f) {
            (*states)[k].done = true;
            (*states)[k].failure = f;
          }
        },
        group, k);
  }
  group->wait();
  // A wave killed with its instance, or cut short by the loss of the instance it fetched from,
  // lost its tasks: they run again. Any other failure stops the stage.
  const bool losses = sim::all_host_losses() != losses_before;
  for (std::size_t k = 0; k < up.size(); ++k) {
    const InstanceState& s = (*states)[k];
    if (s.done && !s.failure)
      result.done_on[up[k]] = planned[k];
    else if (s.done && !(losses && s.failure->cause() == FailureCause::HostDown) && !result.failure)
      result.failure = s.failure;
  }
  return result;
}

SparkExecution::Attempt SparkExecution::run_one_by_one(std::vector<char>& finished, const TaskBytes& per,
                                                       const StageWork& work, const StorageAccess& read,
                                                       const StorageAccess& write, const StageRecord* input) {
  const std::size_t n = instances_.size();
  const std::size_t tasks = finished.size();
  auto board = std::make_shared<TaskBoard>();
  board->finished = finished;
  for (std::size_t t = 0; t < tasks; ++t) {
    if (finished[t])
      ++board->done;
    else
      board->pending.push_back(t);
  }
  board->failures.assign(tasks, 0);
  board->copies_of.resize(tasks);
  board->done_on.assign(n, 0);
  const TaskFactors factors = task_factors(tasks, work);
  std::size_t slots = 0;
  for (sg4::Host* h : instances_) slots += static_cast<std::size_t>(h->get_core_count());
  auto group = std::make_shared<sim::TaskGroup>(slots);
  Scratch* shuffle = shuffle_;
  const std::string where = where_;
  const sim::SparkSpec spark = spark_;
  board->instances = instances_;

  // Whether shuffle partitions this stage reads were lost since the attempt started (Spark's
  // fetch failure): the stage then stops taking tasks until they are recomputed.
  auto input_lost = [this, input, since = sim::all_host_losses()]() {
    if (!input || sim::all_host_losses() == since) return false;
    for (std::size_t i = 0; i < input->held.size(); ++i)
      if (input->held[i] > 0 && lost(i, input->written[i])) return true;
    return false;
  };
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

  // One core of instance `i`: takes the next task as it frees up.
  const auto core_loop = [=](std::size_t i, sg4::Host* host) {
    TaskBoard& b = *board;
    while (!b.failure && !b.stopped && b.done < tasks) {
      const double now = sg4::Engine::get_clock();
      if (input_lost()) {
        b.stopped = true;
        b.changed->notify_all();
        break;
      }
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
            if (shuffle && per.fetch > 0) shuffle->read(this->neighbour_of(i), host, per.fetch);
            if (read && per.read > 0 && !b.finished[t]) read(host, per.read, 1);
            if (compute) sim::wait_exec(compute);
            if (b.finished[t]) return;
            if (shuffle && per.shuffle > 0) shuffle->write(host, per.shuffle);
            if (write && per.write > 0) write(host, per.write, 1);
            won = !b.finished[t];
          });
          if (won) {
            b.finished[t] = 1;
            ++b.done;
            b.durations.push_back(sg4::Engine::get_clock() - now);
            ++b.done_on[i];
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
              b.failure = f;
            } else {
              b.pending.push_back(t);
              ++b.retries;
            }
          }
        }
      }
      b.changed->notify_all();
    }
  };
  std::size_t slot = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sg4::Host* host = instances_[i];
    for (int core = 0; core < host->get_core_count(); ++core, ++slot) {
      if (!usable(i)) {
        group->arrive(slot, false);
        continue;
      }
      sim::run_on_worker(
          host, kTasksPerWorker, [core_loop, i, host] { core_loop(i, host); }, group, slot);
    }
  }
  // Autoscaling: the cores of instances added while the stage runs take tasks too.
  std::vector<std::shared_ptr<sim::TaskGroup>> joined;
  if (elastic_)
    join_board_ = [this, board, core_loop, &joined](std::size_t i) {
      sg4::Host* host = instances_[i];
      board->instances.push_back(host);
      board->done_on.resize(board->instances.size(), 0);
      if (!usable(i)) return;
      auto cores = std::make_shared<sim::TaskGroup>(static_cast<std::size_t>(host->get_core_count()));
      joined.push_back(cores);
      for (int core = 0; core < host->get_core_count(); ++core)
        sim::run_on_worker(
            host, kTasksPerWorker, [core_loop, i, host] { core_loop(i, host); }, cores, static_cast<std::size_t>(core));
    };
  board_pending_ = [board] { return board->pending.size(); };
  group->wait();
  for (std::size_t k = 0; k < joined.size(); ++k) {
    const std::shared_ptr<sim::TaskGroup> cores = joined[k];
    cores->wait();
  }
  join_board_ = nullptr;
  board_pending_ = nullptr;
  std::fill(idle_since_.begin(), idle_since_.end(), sg4::Engine::get_clock());
  last_speculative_ += board->speculative;
  last_retries_ += board->retries;
  finished = board->finished;
  Attempt result;
  result.done_on = board->done_on;
  result.failure = board->failure;
  return result;
}

struct SparkExecution::ElasticWaves {
  std::size_t remaining = 0;  // tasks no instance has taken yet
  TaskBytes per;
  StorageAccess read;
  StorageAccess write;
  std::vector<std::size_t> done_on;  // tasks finished on each instance
  std::optional<RequestFailed> failure;
  std::uint64_t losses_before = 0;
  std::vector<std::shared_ptr<sim::TaskGroup>> joined;  // one per instance taking tasks
};

SparkExecution::Attempt SparkExecution::run_elastic_waves(std::size_t tasks, const TaskBytes& per,
                                                          const StorageAccess& read, const StorageAccess& write) {
  auto waves = std::make_shared<ElasticWaves>();
  waves->remaining = tasks;
  waves->per = per;
  waves->read = read;
  waves->write = write;
  waves->done_on.assign(instances_.size(), 0);
  waves->losses_before = sim::all_host_losses();
  waves_ = waves;
  if (tasks > 0)
    for (std::size_t i = 0; i < instances_.size(); ++i) join_waves(i);
  // Instances that join meanwhile add to the list.
  for (std::size_t k = 0; k < waves->joined.size(); ++k) {
    const std::shared_ptr<sim::TaskGroup> joined = waves->joined[k];
    joined->wait();
  }
  waves_.reset();
  Attempt result;
  result.done_on = waves->done_on;
  result.done_on.resize(instances_.size(), 0);
  result.failure = waves->failure;
  return result;
}

void SparkExecution::join_waves(std::size_t i) {
  if (!usable(i) || waves_->remaining == 0) return;
  std::shared_ptr<ElasticWaves> waves = waves_;
  auto joined = std::make_shared<sim::TaskGroup>(1);
  waves->joined.push_back(joined);
  sg4::Host* host = instances_[i];
  const std::size_t cores = static_cast<std::size_t>(host->get_core_count());
  Scratch* shuffle = shuffle_;
  const std::string where = where_;
  sim::run_on_worker(
      host, kTasksPerWorker,
      [this, waves, i, host, cores, shuffle, where] {
        const sim::DownlinkHold hold(host);  // the instance's one worker, as in run_waves
        const TaskBytes& per = waves->per;
        while (!waves->failure && waves->remaining > 0 && !removed_[i]) {
          // The next wave: as many pending tasks as the instance has cores.
          const std::size_t count = std::min(cores, waves->remaining);
          waves->remaining -= count;
          running_[i] = count;
          const double n = static_cast<double>(count);
          try {
            translate_failures(where, [&] {
              sg4::ExecPtr compute;
              if (per.flops > 0) compute = sim::start_exec({host, per.flops, -1, static_cast<int>(count)});
              if (shuffle && per.fetch > 0) shuffle->read(neighbour_of(i), host, per.fetch * n);
              if (waves->read && per.read > 0) waves->read(host, per.read * n, static_cast<int>(count));
              if (compute) sim::wait_exec(compute);
              if (shuffle && per.shuffle > 0) shuffle->write(host, per.shuffle * n);
              if (waves->write && per.write > 0) waves->write(host, per.write * n, static_cast<int>(count));
            });
            waves->done_on[i] += count;
          } catch (const RequestFailed& f) {
            // A wave cut short by a lost instance lost its tasks: they run in the next attempt.
            // Any other failure stops the stage.
            const bool loss = sim::all_host_losses() != waves->losses_before && f.cause() == FailureCause::HostDown;
            if (!loss && !waves->failure) waves->failure = f;
            running_[i] = 0;
            idle_since_[i] = sg4::Engine::get_clock();
            break;
          }
          running_[i] = 0;
          idle_since_[i] = sg4::Engine::get_clock();
        }
      },
      joined, 0);
}

sg4::Host* SparkExecution::neighbour_of(std::size_t i) const {
  for (std::size_t k = 1; k < instances_.size(); ++k)
    if (usable((i + k) % instances_.size())) return instances_[(i + k) % instances_.size()];
  return instances_[i];
}

void SparkExecution::add_instances(const std::vector<sg4::Host*>& hosts) {
  const double now = sg4::Engine::get_clock();
  for (sg4::Host* h : hosts) {
    instances_.push_back(h);
    removed_.push_back(0);
    running_.push_back(0);
    idle_since_.push_back(now);
    for (StageRecord& r : lineage_) {
      r.held.push_back(0.0);
      r.written.push_back(sim::host_losses(h));
    }
    if (waves_) {
      waves_->done_on.resize(instances_.size(), 0);
      join_waves(instances_.size() - 1);
    } else if (join_board_) {
      join_board_(instances_.size() - 1);
    }
  }
}

void SparkExecution::remove_instance(sg4::Host* host) {
  for (std::size_t i = 1; i < instances_.size(); ++i)
    if (instances_[i] == host && !removed_[i]) removed_[i] = 1;
}

std::size_t SparkExecution::pending_tasks() const {
  if (waves_) return waves_->remaining;
  return board_pending_ ? board_pending_() : 0;
}

std::vector<std::pair<sg4::Host*, double>> SparkExecution::idle_instances() const {
  std::vector<std::pair<sg4::Host*, double>> idle;
  if (board_pending_) return idle;
  for (std::size_t i = 1; i < instances_.size(); ++i) {
    if (!usable(i) || running_[i] > 0) continue;
    // Shuffle files the next stage (or the running one) reads, and those the running stage has
    // written so far, stay with their instance.
    if (!lineage_.empty() && i < lineage_.back().held.size() && lineage_.back().held[i] > 0) continue;
    if (waves_ && waves_->per.shuffle > 0 && waves_->done_on[i] > 0) continue;
    idle.emplace_back(instances_[i], idle_since_[i]);
  }
  return idle;
}

}  // namespace lakesim::models
