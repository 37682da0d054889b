#pragma once
// The expected yearly cost of designs under an outage-risk model, from one simulated cost per
// sampled outage per design (common samples for all designs):
//   expected = infrastructure a year + (outages a year) x (mean cost of an outage),
// with a Student t confidence interval from the spread of the sampled outage costs. Years are
// simulated too (a Poisson number of outages, each one of the sampled outages drawn at random, the
// same draws for every design) for the p95 year and the share of years each design is cheapest in;
// resampling the outages (bootstrap) gives how often each design has the lowest expected cost.
#include <cstdint>
#include <string>
#include <vector>

namespace lakesim::analysis {

struct DesignCosts {
  std::string label;
  double infrastructure_per_year = 0;  // USD: the design's cost a day without outages x 365
  std::vector<double> outage_costs;    // USD per sampled outage (outage and data loss), one per sample
};

struct DesignRisk {
  std::string label;
  double infrastructure_per_year = 0;
  double outage_cost_per_year = 0;  // expected
  double expected_per_year = 0;
  double ci_low = 0;
  double ci_high = 0;
  double p95_year = 0;
  double cheapest_years = 0;   // share of simulated years in which it cost least
  double lowest_expected = 0;  // share of bootstrap resamples in which its expected cost was lowest
};

struct RiskEstimate {
  double outages_per_year = 0;
  std::size_t samples = 0;
  std::size_t years = 0;
  std::vector<DesignRisk> designs;
  std::size_t cheapest = 0;  // index of the design with the lowest expected yearly cost
};

// The probability that a year brings at least one outage that misses a resilience policy, when
// `missed` of `samples` sampled outages missed it: outages a year are Poisson with mean
// `outages_per_year`, so the missing ones are Poisson with mean outages_per_year x missed / samples.
double yearly_policy_miss_probability(double outages_per_year, std::size_t missed, std::size_t samples);

// `designs` all hold the same number of outage costs (at least one).
RiskEstimate estimate_risk(const std::vector<DesignCosts>& designs, double outages_per_year, std::uint64_t seed,
                           std::size_t years = 20000, std::size_t resamples = 2000, double level = 0.95);

}  // namespace lakesim::analysis
