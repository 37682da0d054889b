#pragma once
// Small descriptive statistics over samples.
#include <cstddef>
#include <vector>

namespace lakesim::analysis {

// Nearest-rank percentile (p in [0, 100]) of `values`, which it sorts; 0 for no values.
double percentile(std::vector<double>& values, double p);
double mean(const std::vector<double>& values);

// Mean, sample standard deviation and a two-sided Student t confidence interval of the mean
// (level 0.95 by default), for replications of a run. With one value the interval is the value.
struct SampleSummary {
  std::size_t n = 0;
  double mean = 0;
  double stddev = 0;  // sample (n - 1) standard deviation; 0 below two values
  double ci_low = 0;
  double ci_high = 0;
  double half_width = 0;
};
SampleSummary summarize(const std::vector<double>& values, double level = 0.95);

// Two-sided quantile t such that P(|T| <= t) = level for Student's t with `df` degrees of freedom.
double student_t_critical(double df, double level);

// Paired t-test of b - a over common seeds: the mean difference, its confidence interval and
// the two-sided p-value. Zero spread in the differences gives p = 0 for a non-zero mean
// difference and p = 1 for none; fewer than two pairs gives no test (`tested` false).
struct PairedTest {
  std::size_t n = 0;
  double mean_difference = 0;
  double ci_low = 0;
  double ci_high = 0;
  double p_value = 1;
  bool tested = false;
  bool significant = false;  // p < 1 - level
};
PairedTest paired_t_test(const std::vector<double>& a, const std::vector<double>& b, double level = 0.95);

}  // namespace lakesim::analysis
