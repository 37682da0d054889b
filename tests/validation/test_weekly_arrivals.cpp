// A simulated week with a weekly arrival pattern (day_factors), run through the whole simulator:
// the queries completed on each day of the week match rate x 24 h x that day's factor within four
// standard deviations of a Poisson count (its variance is its mean), a cron job without factors
// runs the same every day, and changing the factors moves the days' counts with them. The run's
// `requests` are the workloads' ended requests plus the control plane's answered calls, as
// results.json lists them per workload and component.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/result_lookup.hpp"

using namespace lakesim;

namespace {

constexpr double kDay = 86400;
constexpr double kBiPerHour = 200;

// One region, one small warehouse that never queues at these rates, BI queries at 200/h with the
// weekly pattern `factors`, and an hourly job on a small Spark pool without one.
nlohmann::json run_week(const std::string& factors) {
  const std::string text = R"({
    "format": "lakesim/1", "name": "week", "seed": 7, "duration": "168h",
    "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]}],
    "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}],
    "compute": [
      {"name": "sql", "kind": "sql_warehouse", "region": "us-east-1", "instances": 4, "cluster_size": 2,
       "min_clusters": 2, "max_clusters": 2},
      {"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 4}],
    "workloads": [
      {"name": "bi", "class": "sql", "region": "us-east-1", "compute": "sql",
       "arrival": {"kind": "poisson", "rate": "200/h", "day_factors": )" +
                           factors + R"(},
       "stages": [{"core_seconds": "2s", "read": "10MB"}], "result": "10KB"},
      {"name": "hourly", "class": "job", "region": "us-east-1", "compute": "spark", "instances": 1,
       "arrival": {"kind": "cron", "every": "1h", "offset": "10m"},
       "stages": [{"core_seconds": "60s", "read": "100MB"}]}]})";
  return assembly::run_scenario(sim::load_scenario_text(text, "week.json")).results;
}

// Completions of `name` per simulated day, from the throughput series.
std::array<double, 7> per_day(const nlohmann::json& results, const std::string& name) {
  const auto& series = results["throughput_series"];
  const double bin = series["bin_seconds"].get<double>();
  std::size_t index = 0;
  while (results["workloads"][index]["name"] != name) ++index;
  std::array<double, 7> days{};
  const auto& completed = series["workloads"][index]["completed"];
  for (std::size_t i = 0; i < completed.size(); ++i) {
    const auto day = static_cast<std::size_t>(std::floor((static_cast<double>(i) + 0.5) * bin / kDay));
    if (day < 7) days[day] += completed[i].get<double>();
  }
  return days;
}

void check_days(const std::array<double, 7>& days, const std::array<double, 7>& factors) {
  for (std::size_t d = 0; d < 7; ++d) {
    const double expected = kBiPerHour * 24 * factors[d];
    INFO("day " << d << ": " << days[d] << " queries completed, expected " << expected);
    CHECK(std::fabs(days[d] - expected) <= 4 * std::sqrt(expected) + 1e-9);
  }
}

}  // namespace

TEST_CASE("a simulated week: each day's queries follow its day factor, and the run counts its requests") {
  const auto office = run_week("[1, 1, 1, 1, 1, 0.3, 0.3]");
  REQUIRE(office["throughput_series"]["bin_seconds"].get<double>() <= 3600);  // days split cleanly in bins
  CHECK(test::workload(office, "bi")["failed"].get<std::uint64_t>() == 0);
  const auto days = per_day(office, "bi");
  check_days(days, {1, 1, 1, 1, 1, 0.3, 0.3});
  CHECK(days[6] / days[2] == Approx(0.3).epsilon(0.15));
  // Scheduled work runs the same every day: 24 hourly runs a day, the week's last one may still be running.
  const auto hourly = per_day(office, "hourly");
  for (std::size_t d = 0; d < 6; ++d) CHECK(hourly[d] == 24);
  CHECK(hourly[6] >= 23);

  // The requests simulated: every workload request that ended, plus the calls the control
  // plane's services (metadata stores are services) answered.
  std::uint64_t ended = 0;
  for (const auto& w : office["workloads"])
    ended += w["completed"].get<std::uint64_t>() + w["failed"].get<std::uint64_t>();
  std::uint64_t calls = 0;
  for (const auto& c : office["components"])
    if (c["plane"] == "control" && (c["archetype"] == "service" || c["archetype"] == "metadata_store"))
      calls += c["requests_served"].get<std::uint64_t>();
  const auto& requests = office["requests"];
  CHECK(requests["workload_requests"].get<std::uint64_t>() == ended);
  CHECK(requests["control_plane_calls"].get<std::uint64_t>() == calls);
  CHECK(calls > ended);  // every query and job makes several control-plane calls
  CHECK(requests["total"].get<std::uint64_t>() == ended + calls);
}

// A second engine cannot run in the same process: the other factors are a test case of their own.
TEST_CASE("a simulated week: other day factors move the days' queries with them") {
  // Wednesday doubled, Saturday a weekday, Sunday off.
  const auto shifted = per_day(run_week("[1, 1, 2, 1, 1, 1, 0]"), "bi");
  check_days(shifted, {1, 1, 2, 1, 1, 1, 0});
  CHECK(shifted[6] == 0);
  CHECK(shifted[2] / shifted[1] == Approx(2.0).epsilon(0.1));
}
