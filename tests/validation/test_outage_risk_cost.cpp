// The expected yearly cost of outages that `lakesim risk` reports, against the analytic answer:
// with outages f times a year, each D long, and a cost c per hour a workload is down, the
// expected yearly outage cost is f x D x c. First with fixed durations through the simulation
// (each sampled outage a run in a child process, its unavailability measured by the run), then
// with log-normal durations through the sampling and the estimate alone (f x E[D] x c), the
// estimate inside its 95 % confidence interval.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "analysis/risk_estimate.hpp"
#include "analysis/risk_sampling.hpp"
#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

// One region; a SQL workload asking every 3 s on average for 1 s of work; the region lost at 2 h.
std::string scenario_text(double per_year, const std::string& duration, double usd_per_hour) {
  std::ostringstream s;
  s << R"({
  "format": "lakesim/1", "name": "risk-small", "seed": 5, "duration": "5h",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]}],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}],
  "compute": [{"name": "sql", "kind": "sql_warehouse", "region": "us-east-1", "instances": 2}],
  "workloads": [{"name": "bi", "class": "sql", "region": "us-east-1", "compute": "sql",
                 "arrival": {"kind": "poisson", "rate": "1200/h"}, "stages": [{"core_seconds": "1s"}]}],
  "faults": [{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "2h", "duration": "1h"}],
  "impact": {"classes": {"sql": {"unavailable": ")"
    << usd_per_hour << R"( USD/h"}}},
  "risk": {"outages": [{"fault": "east", "per_year": )"
    << per_year << R"(, "duration": )" << duration << R"(}],
           "window": {"from": "1h", "to": "2h"}, "settle": "1h"}
})";
  return s.str();
}

}  // namespace

TEST_CASE("risk: fixed outages through the simulation cost f x D x c a year") {
  struct Case {
    double per_year, hours, usd_per_hour;
  };
  // The measured unavailability runs from the outage's start to the first query served normally
  // after the region returns: D, plus the warehouse answering again and the wait for the next
  // query (3 s on average). Stated tolerance: 2 minutes of unavailability per outage.
  constexpr double kToleranceSeconds = 120;
  for (const Case c : {Case{0.5, 1.0, 1000}, Case{2.0, 0.5, 4000}, Case{1.0, 2.0, 1000}}) {
    const std::string text =
        scenario_text(c.per_year, "\"" + std::to_string(static_cast<int>(c.hours * 60)) + "m\"", c.usd_per_hour);
    const sim::Scenario scenario = sim::load_scenario_text(text, "risk-small.json");
    REQUIRE(scenario.risk);
    analysis::DesignCosts costs{"none", 0, {}};
    for (std::size_t i = 0; i < 4; ++i) {
      const analysis::OutageSample sample = analysis::sample_outage(*scenario.risk, scenario, scenario.seed, i);
      CHECK(sample.duration == Approx(c.hours * 3600));
      CHECK(sample.start >= 3600);
      CHECK(sample.start < 7200);
      const sim::Scenario run = analysis::with_outage(scenario, *scenario.risk, sample);
      CHECK(run.duration >= sample.start + sample.duration + 3600);
      const std::string out = test::in_child([&] { return assembly::run_scenario(run).results["impact"].dump(); });
      costs.outage_costs.push_back(nlohmann::json::parse(out)["outage_cost_usd"].get<double>());
    }
    const analysis::RiskEstimate e = analysis::estimate_risk({costs}, c.per_year, 1);
    const double analytic = c.per_year * c.hours * c.usd_per_hour;
    INFO("f " << c.per_year << ", D " << c.hours << " h, c " << c.usd_per_hour << " USD/h: expected "
              << e.designs[0].outage_cost_per_year << " USD a year, analytic " << analytic);
    CHECK(e.designs[0].outage_cost_per_year >= analytic);
    CHECK(e.designs[0].outage_cost_per_year <= analytic + c.per_year * kToleranceSeconds / 3600 * c.usd_per_hour);
  }
}

TEST_CASE("risk: log-normal outage durations converge to f x E[D] x c within the stated interval") {
  for (const double per_year : {0.44, 3.0}) {
    for (const double usd_per_hour : {1000.0, 25000.0}) {
      const std::string text =
          scenario_text(per_year, R"({"dist": "lognormal", "mean": "7h", "sigma": 0.68})", usd_per_hour);
      const sim::Scenario scenario = sim::load_scenario_text(text, "risk-small.json");
      analysis::DesignCosts costs{"none", 0, {}};
      for (std::size_t i = 0; i < 4000; ++i) {
        const analysis::OutageSample s = analysis::sample_outage(*scenario.risk, scenario, scenario.seed, i);
        costs.outage_costs.push_back(s.duration / 3600 * usd_per_hour);
      }
      const analysis::RiskEstimate e = analysis::estimate_risk({costs}, per_year, 3, 20000, 10);
      const analysis::DesignRisk& d = e.designs[0];
      const double analytic = per_year * 7 * usd_per_hour;
      INFO("f " << per_year << ", c " << usd_per_hour << ": " << d.expected_per_year << " [" << d.ci_low << ", "
                << d.ci_high << "], analytic " << analytic);
      CHECK(d.ci_low <= analytic);
      CHECK(analytic <= d.ci_high);
      // The interval is a few percent wide at 4000 samples: the estimate moves with f and c.
      CHECK(d.ci_high - d.ci_low < 0.1 * analytic);
      // A year with an outage in it costs more than the average year when outages are rare.
      if (per_year < 1) CHECK(d.p95_year > d.expected_per_year);
    }
  }
}

TEST_CASE("risk: the cheapest design, with the share of years and resamples it wins") {
  // Design b pays 100 a year more and saves 1000 per outage; at 0.5 outages a year it wins on
  // average (400 a year), but loses every year without an outage (e^-0.5 = 61 % of years).
  analysis::DesignCosts a{"a", 1000, std::vector<double>(50, 1500.0)};
  analysis::DesignCosts b{"b", 1100, std::vector<double>(50, 500.0)};
  const analysis::RiskEstimate e = analysis::estimate_risk({a, b}, 0.5, 9, 40000, 200);
  CHECK(e.cheapest == 1);
  CHECK(e.designs[1].expected_per_year == Approx(1350));
  CHECK(e.designs[0].expected_per_year == Approx(1750));
  CHECK(e.designs[0].cheapest_years == Approx(std::exp(-0.5)).margin(0.01));
  CHECK(e.designs[1].lowest_expected == 1.0);
}
