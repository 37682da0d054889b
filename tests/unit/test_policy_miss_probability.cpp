// The yearly probability of missing a resilience policy, from the share of sampled outages that
// missed it, checked against years simulated outage by outage.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "analysis/risk_estimate.hpp"

using lakesim::analysis::yearly_policy_miss_probability;

TEST_CASE("risk: the yearly chance of missing the policy matches years simulated outage by outage") {
  std::mt19937_64 rng(20261206);
  for (const double per_year : {0.44, 2.0, 6.0}) {
    for (const std::size_t missed : {1u, 5u, 10u}) {
      const std::size_t samples = 10;
      const double p_miss = static_cast<double>(missed) / samples;
      // Years: a Poisson number of outages, each missing the policy with the sampled share.
      std::poisson_distribution<int> outages(per_year);
      std::bernoulli_distribution misses(p_miss);
      const int years = 200000;
      int bad_years = 0;
      for (int y = 0; y < years; ++y) {
        bool bad = false;
        for (int k = outages(rng); k > 0; --k) bad = misses(rng) || bad;
        bad_years += bad;
      }
      const double simulated = static_cast<double>(bad_years) / years;
      const double half_width = 4 * std::sqrt(simulated * (1 - simulated) / years) + 1e-9;
      INFO("outages a year " << per_year << ", missed " << missed << " of " << samples);
      CHECK(yearly_policy_miss_probability(per_year, missed, samples) == Approx(simulated).margin(half_width));
    }
  }
  CHECK(yearly_policy_miss_probability(0.44, 0, 10) == 0);  // never missed
  CHECK(yearly_policy_miss_probability(0.44, 3, 0) == 0);   // nothing sampled: nothing known
  // More outages a year, or a larger missed share, can only make a bad year likelier.
  CHECK(yearly_policy_miss_probability(2, 5, 10) > yearly_policy_miss_probability(1, 5, 10));
  CHECK(yearly_policy_miss_probability(1, 6, 10) > yearly_policy_miss_probability(1, 5, 10));
}
