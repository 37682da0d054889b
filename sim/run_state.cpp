#include "sim/run_state.hpp"

#include <stdexcept>

namespace lakesim::sim {
namespace {
RunState* g_current = nullptr;  // the one run in progress: SimGrid allows one engine per process
}  // namespace

RunState& RunState::current() {
  if (!g_current) throw std::logic_error("no simulation is running");
  return *g_current;
}

bool RunState::active() { return g_current != nullptr; }

void RunState::set_current(RunState* state) { g_current = state; }

void RunState::retire(std::unique_ptr<RunState> state) {
  if (g_current == state.get()) g_current = nullptr;
  static auto* retired = new std::vector<std::unique_ptr<RunState>>;  // reachable, never freed (see header)
  retired->push_back(std::move(state));
}

std::size_t RunState::next_index() {
  static std::size_t next = 0;
  return next++;
}

}  // namespace lakesim::sim
