#include "analysis/risk_estimate.hpp"

#include <cmath>

#include <algorithm>
#include <stdexcept>

#include "analysis/statistics.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::analysis {

namespace {

// Index of the smallest value; ties share the win equally (added to `wins`).
void count_cheapest(const std::vector<double>& costs, std::vector<double>& wins) {
  double best = costs.front();
  for (double c : costs) best = std::min(best, c);
  std::size_t tied = 0;
  for (double c : costs) tied += c == best;
  for (std::size_t d = 0; d < costs.size(); ++d)
    if (costs[d] == best) wins[d] += 1.0 / static_cast<double>(tied);
}

}  // namespace

RiskEstimate estimate_risk(const std::vector<DesignCosts>& designs, double outages_per_year, std::uint64_t seed,
                           std::size_t years, std::size_t resamples, double level) {
  if (designs.empty() || designs.front().outage_costs.empty())
    throw std::invalid_argument("a risk estimate needs designs with at least one sampled outage");
  const std::size_t samples = designs.front().outage_costs.size();
  for (const DesignCosts& d : designs)
    if (d.outage_costs.size() != samples)
      throw std::invalid_argument("design " + d.label + " has a different number of sampled outages");
  RiskEstimate out;
  out.outages_per_year = outages_per_year;
  out.samples = samples;
  out.years = years;
  for (const DesignCosts& d : designs) {
    const SampleSummary s = summarize(d.outage_costs, level);
    DesignRisk r;
    r.label = d.label;
    r.infrastructure_per_year = d.infrastructure_per_year;
    r.outage_cost_per_year = outages_per_year * s.mean;
    r.expected_per_year = d.infrastructure_per_year + r.outage_cost_per_year;
    // Outages cost nothing or more: a t interval reaching below that is cut at it.
    r.ci_low = d.infrastructure_per_year + outages_per_year * std::max(0.0, s.ci_low);
    r.ci_high = d.infrastructure_per_year + outages_per_year * s.ci_high;
    out.designs.push_back(r);
  }
  // Simulated years: the same outage count and the same sampled outages for every design.
  sim::RandomStream year_rng(seed, "risk/years");
  std::vector<std::vector<double>> year_costs(designs.size(), std::vector<double>(years));
  std::vector<double> year_wins(designs.size(), 0.0);
  std::vector<double> costs(designs.size());
  for (std::size_t y = 0; y < years; ++y) {
    for (std::size_t d = 0; d < designs.size(); ++d) costs[d] = designs[d].infrastructure_per_year;
    const std::uint64_t n = year_rng.poisson(outages_per_year);
    for (std::uint64_t k = 0; k < n; ++k) {
      const std::size_t pick = static_cast<std::size_t>(year_rng.below(samples));
      for (std::size_t d = 0; d < designs.size(); ++d) costs[d] += designs[d].outage_costs[pick];
    }
    for (std::size_t d = 0; d < designs.size(); ++d) year_costs[d][y] = costs[d];
    count_cheapest(costs, year_wins);
  }
  // Bootstrap over the sampled outages: which design has the lowest expected cost.
  sim::RandomStream boot_rng(seed, "risk/bootstrap");
  std::vector<double> boot_wins(designs.size(), 0.0);
  for (std::size_t b = 0; b < resamples; ++b) {
    std::vector<double> sums(designs.size(), 0.0);
    for (std::size_t i = 0; i < samples; ++i) {
      const std::size_t pick = static_cast<std::size_t>(boot_rng.below(samples));
      for (std::size_t d = 0; d < designs.size(); ++d) sums[d] += designs[d].outage_costs[pick];
    }
    for (std::size_t d = 0; d < designs.size(); ++d)
      sums[d] = designs[d].infrastructure_per_year + outages_per_year * sums[d] / static_cast<double>(samples);
    count_cheapest(sums, boot_wins);
  }
  for (std::size_t d = 0; d < designs.size(); ++d) {
    out.designs[d].p95_year = percentile(year_costs[d], 95);
    out.designs[d].cheapest_years = year_wins[d] / static_cast<double>(years);
    out.designs[d].lowest_expected = boot_wins[d] / static_cast<double>(resamples);
    if (out.designs[d].expected_per_year < out.designs[out.cheapest].expected_per_year) out.cheapest = d;
  }
  return out;
}

double yearly_policy_miss_probability(double outages_per_year, std::size_t missed, std::size_t samples) {
  if (samples == 0 || missed == 0 || !(outages_per_year > 0)) return 0;
  const double rate = outages_per_year * static_cast<double>(missed) / static_cast<double>(samples);
  return -std::expm1(-rate);
}

}  // namespace lakesim::analysis
