#pragma once
// The engine-side state of the run in progress: shared CPUs, dedicated downlinks, local disks,
// worker pools, routes and counters keep theirs here, one slot per kind, rather than in
// namespace-level variables that each run would have to reset by hand. The Simulation creates it
// and retires it when it ends.
//
// SimGrid's signals are process-wide and its engine, like this state, one per process: the
// callbacks that modules connect to those signals find the run through `RunState::current()`.
#include <cstddef>
#include <memory>
#include <vector>

namespace lakesim::sim {

class RunState {
 public:
  RunState() = default;
  RunState(const RunState&) = delete;
  RunState& operator=(const RunState&) = delete;

  // The run in progress; throws std::logic_error outside a Simulation's lifetime.
  static RunState& current();
  // Whether a run is in progress (a callback of an ended run's engine finds none).
  static bool active();

  // For the Simulation only: makes `state` the run in progress (null: none is).
  static void set_current(RunState* state);
  // For the Simulation only, once its engine is gone: ends the run's use of `state`. Its content
  // is kept until the process ends: idle workers and callers of the ended engine may still wait on
  // wake-ups and semaphores in it, and SimGrid 3.32 asserts when a semaphore that an actor waits
  // on is destroyed (the engine going away does not release them).
  static void retire(std::unique_ptr<RunState> state);

  // The state of kind `T` in this run, value-initialised on first use.
  template <class T>
  T& get() {
    static const std::size_t index = next_index();
    if (index >= slots_.size()) slots_.resize(index + 1);
    Slot& slot = slots_[index];
    if (!slot) slot = Slot(new T(), Deleter{[](void* p) { delete static_cast<T*>(p); }});
    return *static_cast<T*>(slot.get());
  }

 private:
  static std::size_t next_index();

  struct Deleter {
    void (*destroy)(void*) = nullptr;
    void operator()(void* p) const { destroy(p); }
  };
  using Slot = std::unique_ptr<void, Deleter>;
  std::vector<Slot> slots_;
};

}  // namespace lakesim::sim
