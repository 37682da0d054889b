#pragma once
// One actor's wait for an instant or for a signal from someone else, whichever comes first: what
// a SimGrid semaphore with a timeout gives, for one engine context switch instead of two.
//
// Why: most of lakesim's waits are computed (a request knows when its call, read or query will
// be over and waits until then, unless something changes that instant). In SimGrid 3.32 a
// semaphore's timed acquisition is two simcalls, one to queue and one to wait, each a switch to
// the engine and back, plus a timeout action in the CPU model; those switches were the largest
// part of the engine's work. Here the actor suspends itself once and a kernel timer, or the
// waker, resumes it.
//
// A suspended actor's own executions are suspended with it, so an actor that may have one in
// flight (started by sim::start_exec and not yet waited for with sim::wait_exec) waits on a
// semaphore instead, exactly as before. The count of such executions only ever errs high (an
// execution whose wait was skipped by an exception keeps it), so the fast path is never taken
// when it would be wrong.
//
// The semantics are a semaphore's with value 0: a signal that finds nobody waiting is kept for the
// next wait, and a wait of 0 seconds or less waits for a signal only.
#include <memory>

#include <simgrid/s4u.hpp>

namespace simgrid::kernel::timer {
class Timer;
}

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

class Wakeup;
using WakeupPtr = std::shared_ptr<Wakeup>;

class Wakeup {
 public:
  static WakeupPtr create() { return std::make_shared<Wakeup>(); }
  Wakeup() = default;
  Wakeup(const Wakeup&) = delete;
  Wakeup& operator=(const Wakeup&) = delete;
  ~Wakeup();

  // Blocks the calling actor until a signal or until `seconds` have passed (no limit when
  // `seconds` <= 0). Only one actor waits on a wake-up at a time.
  void wait_for(double seconds);
  void wait() { wait_for(-1); }
  // Ends the current wait, or the next one if nobody waits. From an actor or from the engine; the
  // waiter may drop the wake-up as soon as it runs again.
  void signal();

 private:
  void resume_waiter();

  sg4::Actor* waiter_ = nullptr;  // the suspended actor, while one is
  simgrid::kernel::timer::Timer* timer_ = nullptr;
  sg4::SemaphorePtr semaphore_;  // once an actor with executions in flight has waited here
  int pending_ = 0;              // signals that found nobody waiting
};

// The calling actor's executions in flight: sim::start_exec counts one up, sim::wait_exec down.
void count_own_execution(int change);

// SimGrid's this_actor::sleep_for and sleep_until (nothing for a span of 0 or less; SimGrid's
// HostFailureException on a host that is off), as one suspension and a kernel timer rather than a
// sleep activity, for the waits that every request makes (messages, S3 reads, arrivals).
void sleep_for(double seconds);
void sleep_until(double instant);

}  // namespace lakesim::sim
