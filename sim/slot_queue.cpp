#include "sim/slot_queue.hpp"

#include <algorithm>
#include <stdexcept>

namespace lakesim::sim {

SlotQueue::SlotQueue(int slots) : free_(slots) {
  if (slots < 1) throw std::invalid_argument("a slot queue needs at least one slot");
}

bool SlotQueue::acquire(double timeout) {
  if (free_ > 0 && waiters_.empty()) {
    --free_;
    return true;
  }
  Waiter w;
  w.wake = sg4::Semaphore::create(0);
  waiters_.push_back(&w);
  // However the wait ends, the waiter leaves the queue; a slot granted to a caller that did not
  // live to take it goes on to the next one.
  struct Leave {
    SlotQueue& queue;
    Waiter& waiter;
    ~Leave() {
      if (!waiter.granted) {
        queue.waiters_.erase(std::find(queue.waiters_.begin(), queue.waiters_.end(), &waiter));
      } else if (!waiter.taken) {
        queue.release();
      }
    }
  } leave{*this, w};
  const bool timed_out = w.wake->acquire_timeout(timeout);
  // A slot granted in the same instant as the timeout is still the caller's.
  w.taken = w.granted;
  return !timed_out || w.granted;
}

void SlotQueue::release() {
  if (waiters_.empty()) {
    ++free_;
    return;
  }
  Waiter* next = waiters_.front();
  waiters_.pop_front();
  next->granted = true;
  next->wake->release();
}

}  // namespace lakesim::sim
