#include "models/workload/arrival_process.hpp"

#include <cmath>

#include "scenario/arrival_calendar.hpp"

namespace lakesim::models {

namespace {
constexpr double kDay = 86400.0;
constexpr double kPi = 3.14159265358979323846;
}  // namespace

ArrivalProcess::ArrivalProcess(const sim::ArrivalSpec& spec, sim::RandomStream& rng)
    : spec_(spec), rng_(rng), peak_day_factor_(sim::peak_day_factor(spec)) {}

double ArrivalProcess::rate_at(double t) const {
  const double cycle = spec_.kind == sim::ArrivalSpec::Kind::Diurnal
                           ? 1.0 + spec_.amplitude * std::cos(2.0 * kPi * (t - spec_.peak) / kDay)
                           : 1.0;
  return spec_.rate * cycle * sim::day_factor(spec_, t);
}

std::optional<double> ArrivalProcess::next(double now) {
  using Kind = sim::ArrivalSpec::Kind;
  switch (spec_.kind) {
    case Kind::Poisson:
      if (spec_.rate <= 0) return std::nullopt;
      if (spec_.day_factors.empty()) return now + rng_.exponential(1.0 / spec_.rate);
      [[fallthrough]];  // a weekly pattern: thinning, as a daily cycle
    case Kind::Diurnal: {
      // Thinning (Lewis and Shedler): candidates at the peak rate, each kept with probability
      // rate(t) / peak rate, give a non-homogeneous Poisson process with rate(t).
      const double cycle_peak = spec_.kind == Kind::Diurnal ? 1.0 + spec_.amplitude : 1.0;
      const double peak_rate = spec_.rate * cycle_peak * peak_day_factor_;
      if (peak_rate <= 0) return std::nullopt;
      double t = now;
      while (true) {
        t += rng_.exponential(1.0 / peak_rate);
        if (rng_.uniform() * peak_rate < rate_at(t)) return t;
      }
    }
    case Kind::Cron: {
      if (spec_.every <= 0) return std::nullopt;
      // Runs missed before `now` are skipped, not delivered late.
      if (now > spec_.offset) {
        const double k = std::ceil((now - spec_.offset) / spec_.every);
        if (k > static_cast<double>(next_run_)) next_run_ = static_cast<std::uint64_t>(k);
      }
      double t = spec_.offset + static_cast<double>(next_run_) * spec_.every;
      if (t < now) t = spec_.offset + static_cast<double>(++next_run_) * spec_.every;  // rounding in ceil
      ++next_run_;
      return t;
    }
    case Kind::Continuous:
      if (started_) return std::nullopt;
      started_ = true;
      return 0.0;
    case Kind::Trace: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace lakesim::models
