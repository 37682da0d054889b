#pragma once
// Small descriptive statistics over samples.
#include <vector>

namespace lakesim::analysis {

// Nearest-rank percentile (p in [0, 100]) of `values`, which it sorts; 0 for no values.
double percentile(std::vector<double>& values, double p);
double mean(const std::vector<double>& values);

}  // namespace lakesim::analysis
