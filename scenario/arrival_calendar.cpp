#include "scenario/arrival_calendar.hpp"

#include <algorithm>
#include <cmath>

namespace lakesim::sim {

namespace {
// Day of the week of simulated time t (0 = Monday); times before 0 count as day 0.
std::size_t day_of_week(double t) {
  if (!(t > 0)) return 0;
  return static_cast<std::size_t>(std::fmod(std::floor(t / kSecondsPerDay), static_cast<double>(kDaysPerWeek)));
}
}  // namespace

double day_factor(const ArrivalSpec& arrival, double t) {
  if (arrival.day_factors.size() != kDaysPerWeek) return 1.0;
  return arrival.day_factors[day_of_week(t)];
}

double peak_day_factor(const ArrivalSpec& arrival) {
  if (arrival.day_factors.size() != kDaysPerWeek) return 1.0;
  return *std::max_element(arrival.day_factors.begin(), arrival.day_factors.end());
}

double mean_day_factor(const ArrivalSpec& arrival, double duration) {
  if (arrival.day_factors.size() != kDaysPerWeek || !(duration > 0)) return 1.0;
  // Whole weeks at the weekly mean, then the days of the last partial week one by one.
  const double week = kSecondsPerDay * static_cast<double>(kDaysPerWeek);
  const double whole_weeks = std::floor(duration / week);
  double sum = 0;
  for (double f : arrival.day_factors) sum += f;
  double weighted = whole_weeks * week * sum / static_cast<double>(kDaysPerWeek);
  double left = duration - whole_weeks * week;
  for (std::size_t d = 0; d < kDaysPerWeek && left > 0; ++d) {
    const double part = std::min(left, kSecondsPerDay);
    weighted += part * arrival.day_factors[d];
    left -= part;
  }
  return weighted / duration;
}

std::vector<double> read_day_factors(const nlohmann::json& arrival, const std::string& pointer, FieldReader& in) {
  if (!arrival.is_object() || !arrival.contains("day_factors")) return {};
  const std::string at = pointer + "/day_factors";
  const char* expected = "seven numbers from 0, Monday to Sunday, not all zero, e.g. [1, 1, 1, 1, 1, 0.3, 0.3]";
  const nlohmann::json& list = arrival["day_factors"];
  if (!list.is_array()) {
    in.error(at, std::string("a ") + list.type_name() + " where a list of seven day factors belongs", expected);
    return {};
  }
  if (list.size() != kDaysPerWeek) {
    in.error(at, "a week has seven days; found " + std::to_string(list.size()) + " factors", expected);
    return {};
  }
  std::vector<double> factors;
  bool valid = true;
  for (std::size_t d = 0; d < list.size(); ++d) {
    const std::string item_at = at + "/" + std::to_string(d);
    if (!list[d].is_number()) {
      in.error(item_at, std::string("a ") + list[d].type_name() + " where a day factor belongs", expected);
      valid = false;
      continue;
    }
    const double f = list[d].get<double>();
    if (!(f >= 0) || !std::isfinite(f)) {
      in.error(item_at, list[d].dump() + " is out of range: a day factor is a number from 0", expected);
      valid = false;
      continue;
    }
    factors.push_back(f);
  }
  if (!valid) return {};
  if (std::all_of(factors.begin(), factors.end(), [](double f) { return f == 0; })) {
    in.error(at, "every day factor is zero: nothing would ever arrive", expected);
    return {};
  }
  return factors;
}

}  // namespace lakesim::sim
