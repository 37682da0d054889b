#pragma once
// Watches the simulated clock of the process's engine without touching the simulation: the
// engine's time-advance signal only observes. (Asking the run to report progress between slices
// of simulated time would stop the engine at extra dates, and those extra stops change the
// floating-point sums of the models: results would then depend on whether a terminal was
// watching.)
#include <functional>

namespace lakesim::cli {

// Calls `report(clock, horizon)` whenever the clock has moved by at least 1/1000 of `horizon`.
// Connect before the run starts; at most one watch per process.
void watch_simulated_clock(double horizon, std::function<void(double clock, double horizon)> report);

}  // namespace lakesim::cli
