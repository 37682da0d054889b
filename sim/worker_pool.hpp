#pragma once
// Actors kept between uses: a request or a Spark task runs on an idle worker actor of its host
// instead of on a new actor.
//
// Why: creating an actor and destroying it (its stack mapped, touched and unmapped, its context
// built and unwound) cost about 20 us of engine time, and a busy run created one per request and
// one per task: a fifth of the wall time. Handing work to a waiting worker is one signal.
// Workers wait on their own wake-up (sim/wakeup.hpp) between tasks; a worker killed with its host
// ends its task (TaskGroup counts it as ended, unfinished) and is never used again.
//
// SimGrid allows one engine per process, so the pools are process-wide and reset with each
// simulation, like the network's routes.
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include <simgrid/s4u.hpp>

#include "sim/wakeup.hpp"

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

// Tasks that a caller waits for together (a Spark stage's tasks on its instances).
class TaskGroup {
 public:
  explicit TaskGroup(std::size_t tasks);
  // Blocks the calling actor until every task has finished or was killed with its host.
  void wait();
  // Whether task `index` ran to its end (false if it never started or was killed).
  bool finished(std::size_t index) const { return finished_[index]; }

  // Called by the pool: task `index` ran to its end, or ended without finishing.
  void arrive(std::size_t index, bool finished);

 private:
  std::vector<bool> finished_;
  std::size_t pending_;
  WakeupPtr all_done_;
};

// Runs `work` on an idle worker of `host` (a new one when none is idle; it ends after
// `lifetime` tasks). With a group, the group learns when the task ends, as task `index`. `host`
// must be on.
//
// The lifetime matters for work that starts SimGrid disk I/O: SimGrid 3.32 keeps every disk I/O
// an actor started in that actor's list of activities until the actor ends, and scans the list
// each time one of its executions or transfers ends, so a long-lived worker doing such I/O slows
// down with every task. lakesim computes local-disk I/O instead (sim/local_disk), which leaves
// nothing in the list.
void run_on_worker(sg4::Host* host, int lifetime, std::function<void()> work,
                   std::shared_ptr<TaskGroup> group = nullptr, std::size_t index = 0);

// Stops following workers' ends (the Simulation calls it before its engine goes away, which
// unwinds them).
void close_worker_pools();

}  // namespace lakesim::sim
