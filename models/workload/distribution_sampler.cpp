#include "models/workload/distribution_sampler.hpp"

namespace lakesim::models {

double sample(const sim::Distribution& d, sim::RandomStream& rng) {
  using Kind = sim::Distribution::Kind;
  switch (d.kind) {
    case Kind::Fixed: return d.mean;
    case Kind::Exponential: return d.mean > 0 ? rng.exponential(d.mean) : 0.0;
    case Kind::Uniform: return rng.uniform(d.min, d.max);
    case Kind::LogNormal:
      // The scenario gives the mean, not the median: lognormal_with_mean keeps totals right.
      return d.mean > 0 ? rng.lognormal_with_mean(d.mean, d.sigma) : 0.0;
  }
  return d.mean;
}

}  // namespace lakesim::models
