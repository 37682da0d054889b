#pragma once
// A counting semaphore with a first-come-first-served queue whose uncontended acquire and
// release cost the engine nothing. SimGrid's semaphore makes both a simcall (a pair of context
// switches), which was a fifth of the engine's work on control-plane calls that almost never
// wait; here only a caller that has to wait blocks, on a semaphore of its own.
#include <deque>

#include <simgrid/s4u.hpp>

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

class SlotQueue {
 public:
  explicit SlotQueue(int slots);

  // Takes a slot, waiting behind earlier callers for at most `timeout` seconds; false when the
  // wait timed out. A caller killed while waiting leaves the queue (or hands a slot it was
  // granted to the next caller).
  bool acquire(double timeout);
  // Gives a slot back: to the first waiting caller if any.
  void release();

  int free_slots() const { return free_; }
  int waiting() const { return static_cast<int>(waiters_.size()); }

 private:
  struct Waiter {
    sg4::SemaphorePtr wake;
    bool granted = false;
    bool taken = false;
  };

  int free_;
  std::deque<Waiter*> waiters_;
};

}  // namespace lakesim::sim
