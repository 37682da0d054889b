// Arrival processes and distributions: statistics over many draws, exact cron times, and the
// same sequence for the same seed.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "models/workload/arrival_process.hpp"
#include "models/workload/distribution_sampler.hpp"

using lakesim::models::ArrivalProcess;
using lakesim::models::sample;
using lakesim::sim::ArrivalSpec;
using lakesim::sim::Distribution;
using lakesim::sim::RandomStream;

namespace {

std::vector<double> arrivals(const ArrivalSpec& spec, std::uint64_t seed, std::size_t count) {
  RandomStream rng(seed, "workload/test");
  ArrivalProcess process(spec, rng);
  std::vector<double> out;
  double t = 0;
  while (out.size() < count) {
    const auto next = process.next(t);
    if (!next) break;
    out.push_back(*next);
    t = *next;
  }
  return out;
}

}  // namespace

TEST_CASE("Poisson arrivals: mean gap 1/rate within 2% over 100k arrivals") {
  ArrivalSpec spec;
  spec.kind = ArrivalSpec::Kind::Poisson;
  spec.rate = 600.0 / 3600;  // 600/h
  const auto times = arrivals(spec, 7, 100000);
  REQUIRE(times.size() == 100000);
  for (std::size_t i = 1; i < times.size(); ++i) REQUIRE(times[i] > times[i - 1]);
  const double mean_gap = times.back() / static_cast<double>(times.size());
  CHECK(mean_gap == Approx(6.0).epsilon(0.02));
}

TEST_CASE("diurnal arrivals: the peak hour over the trough hour is about (1 + a) / (1 - a)") {
  ArrivalSpec spec;
  spec.kind = ArrivalSpec::Kind::Diurnal;
  spec.rate = 1000.0 / 3600;
  spec.amplitude = 0.6;
  spec.peak = 14 * 3600.0;
  RandomStream rng(11, "workload/diurnal");
  ArrivalProcess process(spec, rng);
  constexpr double kDay = 86400;
  constexpr int kDays = 30;
  double peak_hour = 0;
  double trough_hour = 0;
  double total = 0;
  for (double t = *process.next(0); t < kDays * kDay; t = *process.next(t)) {
    const double of_day = std::fmod(t, kDay);
    if (std::fabs(of_day - spec.peak) < 1800) peak_hour += 1;
    if (std::fabs(of_day - (spec.peak - kDay / 2)) < 1800) trough_hour += 1;  // 2 am
    total += 1;
  }
  CHECK(trough_hour > 0);
  CHECK(peak_hour / trough_hour == Approx((1 + 0.6) / (1 - 0.6)).epsilon(0.10));
  CHECK(total / (kDays * kDay) == Approx(spec.rate).epsilon(0.02));  // the daily mean is `rate`
}

TEST_CASE("cron arrivals are exact: offset, offset + every, ...") {
  ArrivalSpec spec;
  spec.kind = ArrivalSpec::Kind::Cron;
  spec.every = 3600;
  spec.offset = 300;
  const auto times = arrivals(spec, 1, 5);
  CHECK(times == std::vector<double>{300, 3900, 7500, 11100, 14700});

  RandomStream rng(1, "cron");
  ArrivalProcess late(spec, rng);
  CHECK(*late.next(4000) == 7500);   // runs missed before `now` are skipped
  CHECK(*late.next(7500) == 11100);  // each run once, even when asked again at its own time
  spec.offset = 0;
  ArrivalProcess from_zero(spec, rng);
  CHECK(*from_zero.next(0) == 0);
  CHECK(*from_zero.next(0) == 3600);
}

TEST_CASE("continuous arrives once at 0, trace arrivals come from elsewhere") {
  RandomStream rng(1, "x");
  ArrivalSpec spec;
  spec.kind = ArrivalSpec::Kind::Continuous;
  ArrivalProcess continuous(spec, rng);
  CHECK(continuous.next(0) == 0.0);
  CHECK_FALSE(continuous.next(0));
  spec.kind = ArrivalSpec::Kind::Trace;
  ArrivalProcess trace(spec, rng);
  CHECK_FALSE(trace.next(0));
}

TEST_CASE("arrivals are deterministic for a seed and differ between seeds") {
  ArrivalSpec spec;
  spec.kind = ArrivalSpec::Kind::Diurnal;
  spec.rate = 0.1;
  spec.amplitude = 0.5;
  CHECK(arrivals(spec, 42, 1000) == arrivals(spec, 42, 1000));
  CHECK(arrivals(spec, 42, 1000) != arrivals(spec, 43, 1000));
  spec.kind = ArrivalSpec::Kind::Poisson;
  CHECK(arrivals(spec, 42, 1000) == arrivals(spec, 42, 1000));
}

TEST_CASE("distributions: fixed, exponential, uniform and log-normal means") {
  RandomStream rng(5, "sizes");
  Distribution fixed;
  fixed.mean = 12.5;
  CHECK(sample(fixed, rng) == 12.5);

  auto mean_of = [&](const Distribution& d) {
    double sum = 0;
    for (int i = 0; i < 200000; ++i) {
      const double v = sample(d, rng);
      REQUIRE(v >= 0);
      sum += v;
    }
    return sum / 200000;
  };
  Distribution exponential;
  exponential.kind = Distribution::Kind::Exponential;
  exponential.mean = 20;
  CHECK(mean_of(exponential) == Approx(20).epsilon(0.02));

  Distribution uniform;
  uniform.kind = Distribution::Kind::Uniform;
  uniform.min = 10;
  uniform.max = 30;
  for (int i = 0; i < 1000; ++i) {
    const double v = sample(uniform, rng);
    REQUIRE(v >= 10);
    REQUIRE(v < 30);
  }
  CHECK(mean_of(uniform) == Approx(20).epsilon(0.01));

  Distribution lognormal;
  lognormal.kind = Distribution::Kind::LogNormal;
  lognormal.mean = 500e6;
  lognormal.sigma = 0.5;
  CHECK(mean_of(lognormal) == Approx(500e6).epsilon(0.02));
}
