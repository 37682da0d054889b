#pragma once
// Outages drawn from a scenario's risk model for `lakesim risk`: which outage (in proportion to
// its yearly frequency), when in the run it starts (uniform in the model's window) and how long
// it lasts (its duration distribution). Sample i comes from the named stream "risk/<i>" of the
// seed, so it is the same for every design (common random numbers) and however many are drawn.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace lakesim::analysis {

struct OutageSample {
  std::size_t outage = 0;  // index into RiskSpec::outages
  double start = 0;        // seconds into the run
  double duration = 0;     // seconds
};

// Where an outage of `risk.outages[outage]` may start: the model's window, else from half to one
// and a half times its template fault's start.
std::pair<double, double> start_window(const sim::RiskSpec& risk, const sim::Scenario& scenario, std::size_t outage);

OutageSample sample_outage(const sim::RiskSpec& risk, const sim::Scenario& scenario, std::uint64_t seed,
                           std::size_t index);

// `scenario` with the sampled outage as its only fault (the template fault moved and stretched),
// running at least `settle` past the outage's end.
sim::Scenario with_outage(const sim::Scenario& scenario, const sim::RiskSpec& risk, const OutageSample& sample);

// `scenario` without faults: what the design costs on a day without outages.
sim::Scenario without_outages(const sim::Scenario& scenario);

}  // namespace lakesim::analysis
