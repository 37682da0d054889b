#include "sim/worker_pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include <simgrid/kernel/Timer.hpp>

#include "sim/run_state.hpp"

namespace lakesim::sim {
namespace {

struct Worker {
  sg4::Host* host = nullptr;
  WakeupPtr go = Wakeup::create();
  std::function<void()> work;
  std::shared_ptr<TaskGroup> group;
  std::size_t index = 0;
  bool busy = false;
  int lifetime = 1;  // tasks it runs before it ends
};

// Workers by their actor (to notice their end) and idle workers by host. Workers are owned
// here; a worker whose actor ended is dropped from both.
struct Pools {
  std::unordered_map<const sg4::Actor*, std::unique_ptr<Worker>> workers;
  std::unordered_map<const sg4::Host*, std::vector<Worker*>> idle;
  bool closed = false;
};
// The run's pools (sim/run_state.hpp, which also says why they outlive the engine: idle workers
// wait on their wake-ups until the process ends).
Pools& pools() { return RunState::current().get<Pools>(); }

// An actor ended: if it was a worker, its task (if any) ended unfinished. SimGrid reports the
// end while it clears its list of actors to run, so a waiter woken here would never run: the
// group learns of it from a timer at the same instant, which the engine runs in its main loop.
void on_actor_end(const sg4::Actor& actor) {
  if (!RunState::active()) return;
  Pools& all = pools();
  if (all.closed) return;
  auto it = all.workers.find(&actor);
  if (it == all.workers.end()) return;
  Worker* w = it->second.get();
  if (w->busy && w->group)
    simgrid::kernel::timer::Timer::set(sg4::Engine::get_clock(),
                                       [group = w->group, index = w->index] { group->arrive(index, false); });
  auto& idle = all.idle[w->host];
  idle.erase(std::remove(idle.begin(), idle.end(), w), idle.end());
  all.workers.erase(it);
}

void worker_loop(Worker* w) {
  for (int done = 1;; ++done) {
    w->go->wait();
    w->work();
    w->work = nullptr;
    w->busy = false;
    std::shared_ptr<TaskGroup> group = std::move(w->group);
    const bool retire = done == w->lifetime;
    if (!retire) pools().idle[w->host].push_back(w);
    if (group) group->arrive(w->index, true);
    if (retire) return;
  }
}

}  // namespace

TaskGroup::TaskGroup(std::size_t tasks) : finished_(tasks, false), pending_(tasks), all_done_(Wakeup::create()) {}

void TaskGroup::wait() {
  if (pending_ > 0) all_done_->wait();
}

void TaskGroup::arrive(std::size_t index, bool finished) {
  finished_[index] = finished;
  if (pending_ > 0 && --pending_ == 0) all_done_->signal();
}

void run_on_worker(sg4::Host* host, int lifetime, std::function<void()> work, std::shared_ptr<TaskGroup> group,
                   std::size_t index) {
  if (lifetime < 1) throw std::invalid_argument("a worker's lifetime is at least one task");
  // Connected to SimGrid's process-wide signal once, at first use.
  static const bool connected = [] {
    sg4::Actor::on_termination_cb(on_actor_end);
    return true;
  }();
  (void)connected;
  Pools& all = pools();
  Worker* w = nullptr;
  auto& idle = all.idle[host];
  if (!idle.empty()) {
    w = idle.back();
    idle.pop_back();
  } else {
    auto owned = std::make_unique<Worker>();
    w = owned.get();
    w->host = host;
    w->lifetime = lifetime;
    // Not a daemon: SimGrid kills daemons when the last other actor ends, and a worker killed
    // that way could still be handed work in the same instant. Idle workers block nothing: the
    // run ends at the scenario's horizon.
    const sg4::ActorPtr actor = sg4::Actor::create("worker", host, [w] { worker_loop(w); });
    all.workers.emplace(actor.get(), std::move(owned));
  }
  w->work = std::move(work);
  w->group = std::move(group);
  w->index = index;
  w->busy = true;
  w->go->signal();
}

void close_worker_pools() { pools().closed = true; }

}  // namespace lakesim::sim
