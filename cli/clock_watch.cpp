#include "cli/clock_watch.hpp"

#include <simgrid/s4u/Engine.hpp>

namespace lakesim::cli {

void watch_simulated_clock(double horizon, std::function<void(double, double)> report) {
  if (horizon <= 0 || !report) return;
  double next = 0;
  simgrid::s4u::Engine::on_time_advance_cb([horizon, report = std::move(report), next](double) mutable {
    const double clock = simgrid::s4u::Engine::get_clock();
    if (clock < next) return;
    next = clock + horizon / 1000;
    report(clock, horizon);
  });
}

}  // namespace lakesim::cli
