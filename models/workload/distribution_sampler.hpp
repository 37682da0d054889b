#pragma once
// Draws one value of a workload quantity (core-seconds, bytes) from its distribution.
#include "scenario/workload_spec.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::models {

// Fixed: the mean. Exponential: that mean. Uniform: [min, max). LogNormal: a log-normal with
// that mean and `sigma` for the underlying normal. Never negative.
double sample(const sim::Distribution& d, sim::RandomStream& rng);

}  // namespace lakesim::models
