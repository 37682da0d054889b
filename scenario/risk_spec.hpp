#pragma once
// The typed form of a scenario's `risk` section: for each outage that matters (a fault of the
// scenario used as the template), how often a year it happens and how long it lasts; and where in
// the run a sampled outage starts. What `lakesim risk` samples outages from.
#include <string>
#include <vector>

#include "scenario/workload_spec.hpp"

namespace lakesim::sim {

// Defaults for a region outage: four region-scale events of us-east-1 in 2017-2025 (4h17m, about
// 7 h, about 3 h, about 14.5 h; docs/scenario-format.md cites the post-event summaries) give
// 4 / 9 years = 0.44 a year and a log-normal duration with median 6 h (the geometric mean) and
// sigma 0.68 (their spread). Estimates from four events: replace them with your own record.
inline constexpr double kRegionOutagesPerYear = 0.44;
inline constexpr double kRegionOutageMedianSeconds = 6 * 3600.0;
inline constexpr double kRegionOutageSigma = 0.68;
// The run goes on this long after the sampled outage ends, so that recovery and failback are seen.
inline constexpr double kRiskSettleSeconds = 2 * 3600.0;

struct RiskOutage {
  std::string fault;       // the scenario fault it moves and stretches
  double per_year = 0;     // expected occurrences a year
  Distribution duration;   // seconds
  bool estimated = false;  // frequency or duration from the defaults above
};

struct RiskSpec {
  std::vector<RiskOutage> outages;
  // A sampled outage starts uniformly in [window_from, window_to) of the run; by default from half
  // to one and a half times its template fault's start.
  bool window_given = false;
  double window_from = 0;
  double window_to = 0;
  double settle = kRiskSettleSeconds;
};

}  // namespace lakesim::sim
