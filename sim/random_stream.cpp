#include "sim/random_stream.hpp"

#include <cmath>

namespace lakesim::sim {
namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
constexpr double kPi = 3.14159265358979323846;
}  // namespace

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

RandomStream::RandomStream(std::uint64_t seed, std::string_view name) {
  std::uint64_t x = seed ^ fnv1a(name);
  for (std::uint64_t& word : s_) word = splitmix64(x);
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double RandomStream::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double RandomStream::exponential(double mean) { return -mean * std::log1p(-uniform()); }

double RandomStream::normal(double mean, double stddev) {
  // Box-Muller; one draw per call keeps the stream's consumption simple to reason about.
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
}

double RandomStream::lognormal_with_mean(double mean, double sigma) {
  const double mu = std::log(mean) - sigma * sigma / 2.0;
  return std::exp(normal(mu, sigma));
}

std::uint64_t RandomStream::poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean > 60) {
    const double x = std::floor(normal(mean, std::sqrt(mean)) + 0.5);
    return x < 0 ? 0 : static_cast<std::uint64_t>(x);
  }
  // Knuth's product method, exact for small means.
  const double limit = std::exp(-mean);
  std::uint64_t k = 0;
  double p = uniform();
  while (p > limit) {
    ++k;
    p *= uniform();
  }
  return k;
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  if (n == 0) return 0;
  const std::uint64_t threshold = (0 - n) % n;  // rejection zone for an unbiased modulo
  while (true) {
    const std::uint64_t r = next_u64();
    if (r >= threshold) return r % n;
  }
}

}  // namespace lakesim::sim
