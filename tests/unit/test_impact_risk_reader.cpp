// The `impact` and `risk` sections: rates with their units, names checked against the scenario,
// the default risk model, and located errors for everything wrong.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "scenario/diagnostics.hpp"
#include "scenario/impact_reader.hpp"
#include "scenario/risk_reader.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/scenario_problems.hpp"

using namespace lakesim::sim;
using lakesim::test::mentions;

namespace {

nlohmann::json base() {
  return nlohmann::json::parse(R"({
    "format": "lakesim/1", "name": "impact-test", "seed": 7, "duration": "6h",
    "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]}],
    "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}],
    "compute": [{"name": "sql", "kind": "sql_warehouse", "region": "us-east-1", "instances": 2}],
    "tables": [{"name": "sales", "region": "us-east-1", "dataset": "delta_table_data", "size": "1TB", "files": 100}],
    "workloads": [{"name": "bi", "class": "sql", "region": "us-east-1", "compute": "sql",
                   "arrival": {"kind": "poisson", "rate": "60/h"}, "stages": [{"core_seconds": "5s"}]}],
    "faults": [{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "2h", "duration": "1h"},
               {"name": "az", "kind": "az_outage", "az": "us-east-1a", "start": "4h", "duration": "30m"}]
  })");
}

std::vector<Diagnostic> problems(const nlohmann::json& doc) { return lakesim::test::problems(doc, "impact-test.json"); }

Scenario load(const nlohmann::json& doc) { return load_scenario_text(doc.dump(), "impact-test.json"); }

}  // namespace

TEST_CASE("impact: rates convert to USD per request, second, commit and byte, workloads over classes") {
  nlohmann::json doc = base();
  doc["impact"] = nlohmann::json::parse(R"({
    "classes": {"sql": {"failed_request": "0.5 USD/request", "unavailable": "3600 USD/h"}},
    "workloads": {"bi": {"unavailable": "120 USD/min"}},
    "lost_data": {"commit": "500 USD/commit", "data": "2 USD/GB"},
    "tables": {"sales": {"commit": "9000 USD/commit"}}
  })");
  const Scenario s = load(doc);
  REQUIRE(s.impact);
  const RequestImpact bi = s.impact->for_workload("bi", "sql");
  CHECK(*bi.usd_per_failed_request == Approx(0.5));      // from the class
  CHECK(*bi.usd_per_unavailable_second == Approx(2.0));  // its own, 120 a minute
  CHECK(*s.impact->for_workload("other", "sql").usd_per_unavailable_second == Approx(1.0));
  CHECK_FALSE(s.impact->for_workload("job", "job").usd_per_failed_request);
  CHECK(*s.impact->for_table("sales").usd_per_lost_commit == Approx(9000));
  CHECK(*s.impact->for_table("sales").usd_per_lost_byte == Approx(2e-9));
  CHECK(*s.impact->for_table("Audit Logs@us-east-1").usd_per_lost_commit == Approx(500));
}

TEST_CASE("impact: wrong units, unknown names and malformed rates are located errors") {
  nlohmann::json doc = base();
  doc["impact"] = nlohmann::json::parse(R"({
    "classes": {"sql": {"failed_request": "0.5 USD/h", "unavailable": "10 USD/request"}, "batch": {}},
    "workloads": {"bj": {"unavailable": "10 EUR/h"}},
    "lost_data": {"commit": "5 USD/GB", "data": "USD/GB"},
    "tables": {"sales": {"data": 3}},
    "extra": 1
  })");
  const auto ds = problems(doc);
  CHECK(mentions(ds, "/impact/classes/sql/failed_request", "where a cost per failed request belongs"));
  CHECK(mentions(ds, "/impact/classes/sql/unavailable", "where a cost per unit of time belongs"));
  CHECK(mentions(ds, "/impact/classes/batch", "undefined workload class"));
  CHECK(mentions(ds, "/impact/workloads/bj", "undefined workload"));
  CHECK(mentions(ds, "/impact/lost_data/commit", "where a cost per lost commit belongs"));
  CHECK(mentions(ds, "/impact/lost_data/data", "does not start with an amount"));
  CHECK(mentions(ds, "/impact/tables/sales/data", "where a cost rate belongs"));
  CHECK(mentions(ds, "/impact/extra", ""));
}

TEST_CASE("impact: the cost-rate parser reads amounts, USD and units") {
  const auto ok = parse_cost_rate(" 12.5 USD / h ");
  REQUIRE(std::holds_alternative<CostRate>(ok));
  CHECK(std::get<CostRate>(ok).usd == Approx(12.5));
  CHECK(std::get<CostRate>(ok).unit == "h");
  CHECK(std::holds_alternative<UnitError>(parse_cost_rate("12 USD")));
  CHECK(std::holds_alternative<UnitError>(parse_cost_rate("-1 USD/h")));
  CHECK(std::holds_alternative<UnitError>(parse_cost_rate("12 EUR/h")));
}

TEST_CASE("risk: without a section, every region outage at the default frequency and duration") {
  const Scenario s = load(base());
  const RiskSpec r = risk_model(s);
  REQUIRE(r.outages.size() == 1);
  CHECK(r.outages[0].fault == "east");
  CHECK(r.outages[0].per_year == Approx(kRegionOutagesPerYear));
  CHECK(r.outages[0].estimated);
  CHECK(r.outages[0].duration.kind == Distribution::Kind::LogNormal);
  // The median of the log-normal is the default median.
  CHECK(r.outages[0].duration.mean * std::exp(-r.outages[0].duration.sigma * r.outages[0].duration.sigma / 2) ==
        Approx(kRegionOutageMedianSeconds));
}

TEST_CASE("risk: a section's outages, window and settle, and other kinds need their own figures") {
  nlohmann::json doc = base();
  doc["risk"] = nlohmann::json::parse(R"({
    "outages": [{"fault": "east", "per_year": 2, "duration": "1h"},
                {"fault": "az", "per_year": 0.5, "duration": {"dist": "exponential", "mean": "20m"}}],
    "window": {"from": "1h", "to": "3h"}, "settle": "30m"
  })");
  const Scenario s = load(doc);
  REQUIRE(s.risk);
  REQUIRE(s.risk->outages.size() == 2);
  CHECK(s.risk->outages[0].per_year == 2);
  CHECK(s.risk->outages[0].duration.mean == 3600);
  CHECK_FALSE(s.risk->outages[0].estimated);
  CHECK(s.risk->outages[1].duration.kind == Distribution::Kind::Exponential);
  CHECK(s.risk->window_from == 3600);
  CHECK(s.risk->window_to == 10800);
  CHECK(s.risk->settle == 1800);
}

TEST_CASE("risk: unknown faults, missing figures and bad windows are located errors") {
  nlohmann::json doc = base();
  doc["risk"] = nlohmann::json::parse(R"({
    "outages": [{"fault": "eats"}, {"fault": "az"}, {"fault": "east", "per_year": 0}, {"fault": "east"}],
    "window": {"from": "3h", "to": "1h"}
  })");
  const auto ds = problems(doc);
  CHECK(mentions(ds, "/risk/outages/0/fault", "undefined fault"));
  CHECK(mentions(ds, "/risk/outages/1", "no duration"));
  CHECK(mentions(ds, "/risk/outages/2/per_year", "no outages a year"));
  CHECK(mentions(ds, "/risk/outages/3/fault", "listed twice"));
  CHECK(mentions(ds, "/risk/window/to", "an empty window"));
}
