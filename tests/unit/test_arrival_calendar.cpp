// The weekly arrival pattern (day_factors): which factor a time gets, the mean factor over a run,
// the number of arrivals per day of the week against rate x day x factor, and the located errors
// of bad factors.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "models/workload/arrival_process.hpp"
#include "scenario/arrival_calendar.hpp"
#include "scenario/field_reader.hpp"
#include "scenario/json_source.hpp"
#include "scenario/workload_reader.hpp"

using lakesim::models::ArrivalProcess;
using namespace lakesim::sim;

namespace {

constexpr double kDay = 86400;
constexpr double kWeek = 7 * kDay;
const std::vector<double> kOfficeWeek = {1, 1, 1, 1, 1, 0.3, 0.3};  // Monday to Sunday

ArrivalSpec weekly(ArrivalSpec::Kind kind, double per_hour, std::vector<double> factors) {
  ArrivalSpec a;
  a.kind = kind;
  a.rate = per_hour / 3600;
  a.amplitude = kind == ArrivalSpec::Kind::Diurnal ? 0.6 : 0;
  a.day_factors = std::move(factors);
  return a;
}

// Arrivals per day of the week over `weeks` weeks.
std::array<double, 7> arrivals_per_weekday(const ArrivalSpec& spec, int weeks, std::uint64_t seed) {
  RandomStream rng(seed, "workload/week");
  ArrivalProcess process(spec, rng);
  std::array<double, 7> per_day{};
  for (auto t = process.next(0); t && *t < weeks * kWeek; t = process.next(*t))
    per_day[static_cast<std::size_t>(std::fmod(std::floor(*t / kDay), 7.0))] += 1;
  return per_day;
}

// Each day's count against its expectation rate x day x factor x weeks, within `sigmas` standard
// deviations of a Poisson count (its variance is its mean).
void expect_days_follow_factors(const ArrivalSpec& spec, const std::array<double, 7>& per_day, int weeks,
                                double sigmas) {
  for (std::size_t d = 0; d < 7; ++d) {
    const double expected = spec.rate * kDay * spec.day_factors[d] * weeks;
    INFO("day " << d << ": " << per_day[d] << " arrivals, expected " << expected);
    CHECK(std::fabs(per_day[d] - expected) <= sigmas * std::sqrt(expected) + 1e-9);
  }
}

}  // namespace

TEST_CASE("day factors: day 0 is a Monday, the week repeats, no pattern is a factor of 1") {
  const ArrivalSpec a = weekly(ArrivalSpec::Kind::Poisson, 60, {1, 2, 3, 4, 5, 6, 7});
  CHECK(day_factor(a, 0) == 1);
  CHECK(day_factor(a, kDay - 1) == 1);
  CHECK(day_factor(a, kDay) == 2);
  CHECK(day_factor(a, 6 * kDay + 3600) == 7);  // Sunday
  CHECK(day_factor(a, kWeek) == 1);            // the next Monday
  CHECK(day_factor(a, 2 * kWeek + 4 * kDay) == 5);
  CHECK(peak_day_factor(a) == 7);
  const ArrivalSpec plain = weekly(ArrivalSpec::Kind::Poisson, 60, {});
  CHECK(day_factor(plain, 5 * kDay) == 1);
  CHECK(peak_day_factor(plain) == 1);
  CHECK(mean_day_factor(plain, kWeek) == 1);
}

TEST_CASE("day factors: the mean factor over a run weighs each day by the time the run spends in it") {
  const ArrivalSpec a = weekly(ArrivalSpec::Kind::Poisson, 60, {1, 2, 3, 4, 5, 6, 7});
  CHECK(mean_day_factor(a, kWeek) == Approx(4.0));
  CHECK(mean_day_factor(a, 3 * kWeek) == Approx(4.0));
  CHECK(mean_day_factor(a, kDay) == Approx(1.0));
  CHECK(mean_day_factor(a, 1.5 * kDay) == Approx((1.0 + 0.5 * 2.0) / 1.5));
  CHECK(mean_day_factor(a, kWeek + 2 * kDay) == Approx((28.0 + 1 + 2) / 9));
  CHECK(mean_day_factor(a, 3600) == Approx(1.0));
  const ArrivalSpec office = weekly(ArrivalSpec::Kind::Poisson, 60, kOfficeWeek);
  CHECK(mean_day_factor(office, kWeek) == Approx(5.6 / 7));
}

TEST_CASE("weekly poisson arrivals: each day of the week gets rate x day x its factor") {
  // 600/h over 8 weeks: a weekday expects 115,200 arrivals (sd 339, 0.3%), a weekend day 34,560
  // (sd 186, 0.5%); 4 standard deviations is the tolerance.
  constexpr int kWeeks = 8;
  const ArrivalSpec office = weekly(ArrivalSpec::Kind::Poisson, 600, kOfficeWeek);
  const auto per_day = arrivals_per_weekday(office, kWeeks, 3);
  expect_days_follow_factors(office, per_day, kWeeks, 4);
  CHECK(per_day[5] / per_day[0] == Approx(0.3).epsilon(0.02));

  // The counts move with the factors: Wednesday doubled, Sunday off.
  const ArrivalSpec shifted = weekly(ArrivalSpec::Kind::Poisson, 600, {1, 1, 2, 1, 1, 0.3, 0});
  const auto moved = arrivals_per_weekday(shifted, kWeeks, 3);
  expect_days_follow_factors(shifted, moved, kWeeks, 4);
  CHECK(moved[6] == 0);
  CHECK(moved[2] / moved[1] == Approx(2.0).epsilon(0.02));

  // Over whole weeks the total is rate x week x the mean factor.
  double total = 0;
  for (double n : per_day) total += n;
  CHECK(total == Approx(office.rate * kWeeks * kWeek * mean_day_factor(office, kWeeks * kWeek)).epsilon(0.005));
}

TEST_CASE("weekly diurnal arrivals: the day's total follows its factor and the daily cycle stays") {
  constexpr int kWeeks = 8;
  const ArrivalSpec office = weekly(ArrivalSpec::Kind::Diurnal, 600, kOfficeWeek);
  RandomStream rng(5, "workload/week-diurnal");
  ArrivalProcess process(office, rng);
  std::array<double, 7> per_day{};
  double peak_hour = 0, trough_hour = 0;  // weekdays only: 14:00 and 02:00, one hour each
  for (auto t = process.next(0); t && *t < kWeeks * kWeek; t = process.next(*t)) {
    const auto day = static_cast<std::size_t>(std::fmod(std::floor(*t / kDay), 7.0));
    per_day[day] += 1;
    const double of_day = std::fmod(*t, kDay);
    if (day < 5 && std::fabs(of_day - office.peak) < 1800) peak_hour += 1;
    if (day < 5 && std::fabs(of_day - (office.peak - kDay / 2)) < 1800) trough_hour += 1;
  }
  // A diurnal rate's mean over a whole day is its rate, so each day expects rate x day x factor.
  expect_days_follow_factors(office, per_day, kWeeks, 4);
  REQUIRE(trough_hour > 0);
  CHECK(peak_hour / trough_hour == Approx((1 + 0.6) / (1 - 0.6)).epsilon(0.10));
}

TEST_CASE("weekly arrivals are deterministic for a seed, and without factors poisson draws plain exponential gaps") {
  const ArrivalSpec office = weekly(ArrivalSpec::Kind::Poisson, 60, kOfficeWeek);
  CHECK(arrivals_per_weekday(office, 1, 42) == arrivals_per_weekday(office, 1, 42));
  // No pattern: the same sequence as exponential gaps drawn straight from the stream, so that
  // scenarios without day_factors run exactly as before.
  const ArrivalSpec plain = weekly(ArrivalSpec::Kind::Poisson, 60, {});
  RandomStream a(9, "workload/plain");
  RandomStream b(9, "workload/plain");
  ArrivalProcess process(plain, a);
  double t = 0;
  for (int i = 0; i < 100; ++i) {
    const double expected = t + b.exponential(1.0 / plain.rate);
    t = *process.next(t);
    REQUIRE(t == expected);
  }
}

namespace {

Scenario base() {
  Scenario s;
  s.file = std::string(LAKESIM_SCENARIO_DIR) + "/workload-test.json";
  s.regions = {{"us-east-1", {"us-east-1a"}, {}}};
  ComputeSpec spark;
  spark.name = "spark";
  spark.kind = ComputeKind::ServerlessSpark;
  spark.region = "us-east-1";
  spark.instances = 8;
  s.compute = {spark};
  return s;
}

struct Read {
  Scenario scenario;
  std::vector<Diagnostic> diagnostics;
};

Read read_arrival(const std::string& arrival) {
  const std::string text = R"({"workloads": [{"name": "a", "class": "job", "compute": "spark",
      "stages": [{"core_seconds": "1s"}], "arrival": )" +
                           arrival + "}]}";
  JsonDocument doc = parse_json_document(text, "test.json");
  Read r{base(), {}};
  FieldReader in(doc.source, r.diagnostics);
  read_workloads(doc.root, in, r.scenario);
  return r;
}

void expect_arrival_error(const std::string& arrival, const std::string& pointer, const std::string& text) {
  const Read r = read_arrival(arrival);
  INFO(arrival);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics.front().pointer == pointer);
  CHECK_THAT(r.diagnostics.front().message, Catch::Contains(text));
  CHECK(r.diagnostics.front().where.line > 0);  // located in the file
}

}  // namespace

TEST_CASE("day_factors: read for poisson and diurnal arrivals") {
  const Read poisson = read_arrival(R"({"kind": "poisson", "rate": "60/h", "day_factors": [1, 1, 1, 1, 1, 0.3, 0.3]})");
  REQUIRE(poisson.diagnostics.empty());
  CHECK(poisson.scenario.workloads.at(0).arrival.day_factors == kOfficeWeek);
  const Read diurnal =
      read_arrival(R"({"kind": "diurnal", "rate": "60/h", "amplitude": 0.5, "day_factors": [0, 1, 1, 1, 1, 2, 0]})");
  REQUIRE(diurnal.diagnostics.empty());
  CHECK(diurnal.scenario.workloads.at(0).arrival.day_factors == std::vector<double>{0, 1, 1, 1, 1, 2, 0});
  const Read none = read_arrival(R"({"kind": "poisson", "rate": "60/h"})");
  REQUIRE(none.diagnostics.empty());
  CHECK(none.scenario.workloads.at(0).arrival.day_factors.empty());
}

TEST_CASE("day_factors: each bad week is refused at its JSON path") {
  const std::string head = R"({"kind": "poisson", "rate": "60/h", "day_factors": )";
  expect_arrival_error(head + "[1, 1, 1, 1, 1, 0.3]}", "/workloads/0/arrival/day_factors",
                       "a week has seven days; found 6");
  expect_arrival_error(head + "[1, 1, 1, 1, 1, 0.3, 0.3, 1]}", "/workloads/0/arrival/day_factors",
                       "a week has seven days; found 8");
  expect_arrival_error(head + "0.3}", "/workloads/0/arrival/day_factors", "where a list of seven day factors");
  expect_arrival_error(head + "[1, 1, -0.5, 1, 1, 1, 1]}", "/workloads/0/arrival/day_factors/2", "out of range");
  expect_arrival_error(head + R"([1, 1, 1, 1, "low", 1, 1]})", "/workloads/0/arrival/day_factors/4",
                       "a string where a day factor belongs");
  expect_arrival_error(head + "[0, 0, 0, 0, 0, 0, 0]}", "/workloads/0/arrival/day_factors", "every day factor is zero");
  expect_arrival_error(R"({"kind": "cron", "every": "1h", "day_factors": [1, 1, 1, 1, 1, 0.3, 0.3]})",
                       "/workloads/0/arrival/day_factors", "applies to poisson and diurnal arrivals, not \"cron\"");
}
