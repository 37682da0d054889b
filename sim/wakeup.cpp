#include "sim/wakeup.hpp"

#include <simgrid/kernel/Timer.hpp>

namespace lakesim::sim {
namespace {

// Per actor, in a slot of its extension vector; absent while it never started an execution.
struct OwnExecutions {
  int in_flight = 0;
};

std::size_t own_executions_slot() {
  static const std::size_t id = sg4::Actor::extension_create([](void* p) { delete static_cast<OwnExecutions*>(p); });
  return id;
}

bool has_executions_in_flight(const sg4::Actor* actor) {
  const auto* own = static_cast<const OwnExecutions*>(actor->extension(own_executions_slot()));
  return own != nullptr && own->in_flight > 0;
}

}  // namespace

void count_own_execution(int change) {
  sg4::Actor* self = sg4::Actor::self();
  auto* own = static_cast<OwnExecutions*>(self->extension(own_executions_slot()));
  if (own == nullptr) {
    own = new OwnExecutions;
    self->extension_set(own_executions_slot(), own);
  }
  own->in_flight += change;
}

void sleep_for(double seconds) {
  if (seconds <= 0) return;
  const sg4::Actor* self = sg4::Actor::self();
  if (has_executions_in_flight(self) || !self->get_host()->is_on()) {
    sg4::this_actor::sleep_for(seconds);
    return;
  }
  Wakeup alone;  // nobody else knows it: only its timer ends the wait
  alone.wait_for(seconds);
}

void sleep_until(double instant) {
  const double now = sg4::Engine::get_clock();
  if (instant > now) sleep_for(instant - now);
}

Wakeup::~Wakeup() {
  if (timer_ != nullptr) timer_->remove();
}

void Wakeup::wait_for(double seconds) {
  sg4::Actor* self = sg4::Actor::self();
  if (semaphore_ == nullptr && has_executions_in_flight(self)) semaphore_ = sg4::Semaphore::create(pending_);
  if (semaphore_ != nullptr) {
    pending_ = 0;
    if (seconds > 0)
      semaphore_->acquire_timeout(seconds);
    else
      semaphore_->acquire();
    return;
  }
  if (pending_ > 0) {
    // A semaphore with a token left passes its caller through its two simcalls: the caller
    // goes on after the actors already due at this instant, in the same turn as before.
    --pending_;
    sg4::this_actor::yield();
    sg4::this_actor::yield();
    return;
  }
  // However the wait ends (a kill unwinds the actor's stack), the timer cannot outlive it.
  struct Waiting {
    Wakeup& w;
    ~Waiting() {
      if (w.timer_ != nullptr) w.timer_->remove();
      w.timer_ = nullptr;
      w.waiter_ = nullptr;
    }
  } waiting{*this};
  waiter_ = self;
  if (seconds > 0)
    timer_ = simgrid::kernel::timer::Timer::set(sg4::Engine::get_clock() + seconds, [this] {
      timer_ = nullptr;
      resume_waiter();
    });
  sg4::this_actor::suspend();
}

void Wakeup::signal() {
  if (semaphore_ != nullptr) {
    // From an actor, the engine carries the release out after the actor yields, when the waiter
    // may already have dropped this wake-up: the release holds the semaphore until then.
    const sg4::SemaphorePtr semaphore = semaphore_;
    semaphore->release();
  } else if (waiter_ != nullptr) {
    if (timer_ != nullptr) timer_->remove();
    timer_ = nullptr;
    resume_waiter();
  } else {
    ++pending_;
  }
}

void Wakeup::resume_waiter() {
  sg4::Actor* waiter = waiter_;
  waiter_ = nullptr;
  // A signal from the engine (a host's failure reported while it carries out another actor's
  // request) can come after the waiter asked to be suspended in this turn and before the engine
  // did it: resumed now, it would be suspended afterwards for good. A timer at this instant runs
  // once every request of the turn is carried out. An actor's signal is carried out after the
  // waiter's request, which it follows in the turn.
  if (sg4::Actor::is_maestro() && !waiter->is_suspended()) {
    simgrid::kernel::timer::Timer::set(sg4::Engine::get_clock(), [keep = sg4::ActorPtr(waiter)] { keep->resume(); });
    return;
  }
  waiter->resume();
}

}  // namespace lakesim::sim
