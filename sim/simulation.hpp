#pragma once
// One simulation run: the SimGrid engine configured for the scenario, its platform, and the
// count of simulated activities. SimGrid allows one engine per process, so one Simulation per
// process too.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "sim/platform.hpp"
#include "sim/run_state.hpp"

namespace lakesim::sim {

class Simulation {
 public:
  // `engine_flags` are extra SimGrid options ("--cfg=contexts/factory:ucontext"); the
  // environment variable LAKESIM_ENGINE_FLAGS adds more (space separated).
  explicit Simulation(const Scenario& scenario, const std::vector<std::string>& engine_flags = {});
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  const Scenario& scenario() const { return scenario_; }
  Platform& platform() { return *platform_; }
  sg4::Engine& engine() { return *engine_; }

  // Runs until the scenario's duration has passed in simulated time (or nothing is left to do
  // after it). Returns the simulated clock at the end. With `max_wall` > 0 seconds, the run stops
  // early, between two slices of simulated time, once that much wall time has passed.
  // `progress(clock, horizon)`, when given, is called after every slice of simulated time.
  double run(double max_wall = 0, const std::function<void(double, double)>& progress = {});
  bool stopped_early() const { return stopped_early_; }

  // Completed executions, communications and disk I/O; messages carried without a flow
  // (sim/network_transfers.hpp) are communications too, and requests computed on a shared CPU
  // (sim/shared_cpu.hpp) executions.
  std::uint64_t activities() const;

 private:
  // The run's own state (sim/run_state.hpp), made current for the Simulation's whole life,
  // its engine's teardown included.
  struct CurrentRun {
    CurrentRun();
    ~CurrentRun();
    std::unique_ptr<RunState> state;
  };

  CurrentRun run_;  // first member: destroyed last
  const Scenario& scenario_;
  std::vector<std::string> argv_storage_;
  std::unique_ptr<sg4::Engine> engine_;
  std::unique_ptr<Platform> platform_;
  bool stopped_early_ = false;
};

}  // namespace lakesim::sim
