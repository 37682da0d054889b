#pragma once
// When a workload's jobs, queries or batches arrive: the times an ArrivalSpec describes, drawn
// from the workload's own random stream. Simulated time 0 is midnight, so a diurnal peak at
// "14h" is at 2 pm of every simulated day; with day_factors, day 0 is a Monday.
#include <cstdint>
#include <optional>

#include "scenario/workload_spec.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::models {

class ArrivalProcess {
 public:
  // `rng` must outlive the process; it is the only source of randomness.
  ArrivalProcess(const sim::ArrivalSpec& spec, sim::RandomStream& rng);

  // The next arrival at or after `now` (strictly after, for the random kinds), or nullopt when
  // there are no more: Poisson and Diurnal draw exponential gaps from `now`, so pass the previous
  // arrival to get the next one. Cron gives offset + k x every, each k once. Continuous gives 0
  // once. Trace gives nothing: traces are replayed from their rows.
  std::optional<double> next(double now);

 private:
  double rate_at(double t) const;  // Diurnal, or with a weekly pattern: the instantaneous rate

  sim::ArrivalSpec spec_;
  sim::RandomStream& rng_;
  std::uint64_t next_run_ = 0;  // Cron: index of the next run not yet returned
  bool started_ = false;        // Continuous: the one instance has been returned
  double peak_day_factor_ = 1;  // the largest factor of the weekly pattern (1 without one)
};

}  // namespace lakesim::models
