#include "analysis/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>

namespace lakesim::analysis {

double percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const std::size_t index = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
  return values[std::min(index, values.size() - 1)];
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

SampleSummary summarize(const std::vector<double>& values, double level) {
  SampleSummary s;
  s.n = values.size();
  if (s.n == 0) return s;
  const Eigen::Map<const Eigen::ArrayXd> x(values.data(), static_cast<Eigen::Index>(values.size()));
  s.mean = x.mean();
  s.ci_low = s.ci_high = s.mean;
  if (s.n < 2) return s;
  s.stddev = std::sqrt((x - s.mean).square().sum() / static_cast<double>(s.n - 1));
  s.half_width =
      student_t_critical(static_cast<double>(s.n - 1), level) * s.stddev / std::sqrt(static_cast<double>(s.n));
  s.ci_low = s.mean - s.half_width;
  s.ci_high = s.mean + s.half_width;
  return s;
}

double student_t_critical(double df, double level) {
  const boost::math::students_t dist(df);
  return boost::math::quantile(dist, 0.5 + level / 2);
}

PairedTest paired_t_test(const std::vector<double>& a, const std::vector<double>& b, double level) {
  PairedTest t;
  t.n = std::min(a.size(), b.size());
  std::vector<double> d(t.n);
  for (std::size_t i = 0; i < t.n; ++i) d[i] = b[i] - a[i];
  const SampleSummary s = summarize(d, level);
  t.mean_difference = s.mean;
  t.ci_low = s.ci_low;
  t.ci_high = s.ci_high;
  if (t.n < 2) return t;
  t.tested = true;
  if (s.stddev == 0) {
    t.p_value = s.mean == 0 ? 1.0 : 0.0;
  } else {
    const double statistic = s.mean / (s.stddev / std::sqrt(static_cast<double>(t.n)));
    const boost::math::students_t dist(static_cast<double>(t.n - 1));
    t.p_value = 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(statistic)));
  }
  t.significant = t.p_value < 1 - level;
  return t;
}

}  // namespace lakesim::analysis
