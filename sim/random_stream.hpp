#pragma once
// Named random streams: each stream's sequence depends only on the scenario seed and the
// stream's name, so adding a stream never shifts another, and the distributions are our own
// code, so results do not depend on the standard library's implementation.
#include <cstdint>
#include <string_view>

namespace lakesim::sim {

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::string_view name);

  std::uint64_t next_u64();              // xoshiro256**
  double uniform();                      // [0, 1)
  double uniform(double lo, double hi);  // [lo, hi)
  double exponential(double mean);
  double normal(double mean, double stddev);
  double lognormal_with_mean(double mean, double sigma);  // log-normal with this mean
  std::uint64_t poisson(double mean);
  std::uint64_t below(std::uint64_t n);  // uniform in [0, n), unbiased

 private:
  std::uint64_t s_[4];
};

// 64-bit FNV-1a, used to derive stream keys and run fingerprints.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL);

}  // namespace lakesim::sim
