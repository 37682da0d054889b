#include "analysis/warehouse_fit.hpp"

#include <algorithm>
#include <cmath>

namespace lakesim::analysis {
namespace {

// Durations below this are treated as this (a log ratio needs a positive duration).
constexpr double kShortest = 1e-3;
constexpr double kSmallestScale = 1e-4, kLargestScale = 1e4;

struct Part {
  double recorded, rest, execution;
};

double objective(const std::vector<Part>& parts, double ratio, double overhead) {
  double sum = 0;
  for (const Part& p : parts) {
    const double predicted = std::max(kShortest, p.rest + overhead + p.execution * ratio);
    sum += std::abs(std::log(predicted / std::max(kShortest, p.recorded)));
  }
  return sum;
}

}  // namespace

WarehouseFit fit_warehouse(const std::vector<FitStatement>& statements, double scale, double overhead) {
  WarehouseFit fit;
  fit.core_time_scale = scale;
  fit.query_overhead = overhead;
  fit.statements = statements.size();
  if (statements.empty()) return fit;
  std::vector<Part> parts;
  double longest = 0;
  for (const FitStatement& s : statements) {
    parts.push_back({s.recorded, std::max(0.0, s.simulated - overhead - s.execution), s.execution});
    longest = std::max(longest, s.recorded);
  }
  // ratio: the new scale over the run's; searched on a log grid, the overhead on a linear one.
  double log_low = std::log(kSmallestScale / scale), log_high = std::log(kLargestScale / scale);
  double o_low = 0, o_high = longest;
  double best_ratio = 1, best_overhead = overhead, best = objective(parts, 1, overhead);
  constexpr int kSteps = 60;
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i <= kSteps; ++i) {
      const double ratio = std::exp(log_low + (log_high - log_low) * i / kSteps);
      for (int j = 0; j <= kSteps; ++j) {
        const double o = o_low + (o_high - o_low) * j / kSteps;
        const double value = objective(parts, ratio, o);
        if (value < best) {
          best = value;
          best_ratio = ratio;
          best_overhead = o;
        }
      }
    }
    // Narrow both ranges around the best point to four grid steps.
    const double log_step = (log_high - log_low) / kSteps * 4, o_step = (o_high - o_low) / kSteps * 4;
    log_low = std::log(best_ratio) - log_step;
    log_high = std::log(best_ratio) + log_step;
    o_low = std::max(0.0, best_overhead - o_step);
    o_high = best_overhead + o_step;
  }
  fit.core_time_scale = std::clamp(scale * best_ratio, kSmallestScale, kLargestScale);
  fit.query_overhead = best_overhead;
  fit.mean_abs_log_error = best / static_cast<double>(parts.size());
  return fit;
}

}  // namespace lakesim::analysis
