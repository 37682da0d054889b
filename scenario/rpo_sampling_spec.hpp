#pragma once
// The typed form of a scenario's `rpo_sampling` section: the RPO a loss of one region would
// cost at many instants of one run, as a distribution.
#include <string>

namespace lakesim::sim {

// `instants` evenly spaced instants in [from, to): instant i is from + i (to - from) / instants.
struct RpoSamplingSpec {
  std::string region;
  double from = 0;  // seconds
  double to = 0;    // seconds
  int instants = 50;
};

}  // namespace lakesim::sim
