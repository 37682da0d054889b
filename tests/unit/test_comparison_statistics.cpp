#include <catch2/catch.hpp>

#include "analysis/statistics.hpp"
#include "presentation/report/comparison.hpp"
#include "presentation/report/headline_metrics.hpp"
#include "presentation/report/html.hpp"

using namespace lakesim::analysis;
namespace report = lakesim::presentation::report;

TEST_CASE("Student t critical values match the tables") {
  CHECK(student_t_critical(1, 0.95) == Approx(12.706).epsilon(1e-4));
  CHECK(student_t_critical(4, 0.95) == Approx(2.7764).epsilon(1e-4));
  CHECK(student_t_critical(30, 0.95) == Approx(2.0423).epsilon(1e-4));
}

TEST_CASE("a sample summary gives the mean, the sample deviation and the t interval") {
  const SampleSummary s = summarize({1, 2, 3, 4, 5});
  CHECK(s.n == 5);
  CHECK(s.mean == Approx(3));
  CHECK(s.stddev == Approx(1.5811388));
  CHECK(s.half_width == Approx(2.7764451 * 1.5811388 / std::sqrt(5.0)));
  CHECK(s.ci_low == Approx(3 - s.half_width));
  const SampleSummary one = summarize({7});
  CHECK(one.stddev == 0);
  CHECK(one.ci_low == 7);
  CHECK(one.ci_high == 7);
}

TEST_CASE("the paired t-test uses the differences on common seeds") {
  // Differences 1, 2, 3: mean 2, sd 1, t = 2 sqrt(3), two-sided p with 2 degrees of freedom.
  const PairedTest t = paired_t_test({10, 20, 30}, {11, 22, 33});
  CHECK(t.tested);
  CHECK(t.mean_difference == Approx(2));
  CHECK(t.p_value == Approx(0.0741799).epsilon(1e-4));
  CHECK_FALSE(t.significant);
  // A large shift with the same noise in both designs is significant: that is what common seeds buy.
  const PairedTest shifted = paired_t_test({10, 25, 17, 40}, {12.1, 27.0, 19.2, 41.9});
  CHECK(shifted.significant);
  CHECK(shifted.ci_low > 0);
  // Constant differences: p 0 for a shift, 1 for none; one pair is no test.
  CHECK(paired_t_test({1, 2}, {2, 3}).p_value == 0);
  CHECK(paired_t_test({1, 2}, {1, 2}).p_value == 1);
  CHECK_FALSE(paired_t_test({1}, {2}).tested);
}

TEST_CASE("headline metrics come from results.json under stable names") {
  const nlohmann::json results = nlohmann::json::parse(R"({
    "simulated_seconds": 43200,
    "workloads": [{"name": "bi", "completed": 10, "failed": 2, "throughput_per_hour": 100,
                   "latency_seconds": {"p95": 4.5}},
                  {"name": "idle", "completed": 0, "failed": 0, "throughput_per_hour": 0,
                   "latency_seconds": {"p95": 0}}],
    "dr": {"failovers": [{"outage": "o", "rto_seconds": 600}]},
    "recovery": {"services": [
      {"component": "ui", "region": "r1", "outages": [{"outage": "o", "affected": true, "rto_seconds": 620}]},
      {"component": "api", "region": "r1", "outages": [{"outage": "o", "affected": true, "rto_seconds": null}]},
      {"component": "ui", "region": "r2", "outages": [{"outage": "o", "affected": false, "rto_seconds": 0}]}]},
    "data_loss": {"region_outages": [{"name": "o", "worst_protected_rpo_seconds": 30, "unprotected_lost_writes": 4,
                  "components": [{"lost_writes": 3}, {"lost_writes": 4}]}]},
    "cost": {"total_usd": 50}})");
  report::MetricSamples samples(1);
  samples.set(0, report::headline_metrics(results));
  CHECK(samples.values("workloads/bi/latency_p95_seconds")[0] == 4.5);
  CHECK_FALSE(samples.values("workloads/idle/latency_p95_seconds")[0].has_value());  // nothing completed
  CHECK(samples.values("dr/o/rto_seconds")[0] == 600);
  CHECK(samples.values("recovery/o/ui@r1/rto_seconds")[0] == 620);
  CHECK_FALSE(samples.values("recovery/o/api@r1/rto_seconds")[0].has_value());
  CHECK_FALSE(samples.values("recovery/o/worst_rto_seconds")[0].has_value());  // one never recovered
  CHECK(samples.values("recovery/o/ui@r2/rto_seconds").size() == 1);
  CHECK_FALSE(samples.values("recovery/o/ui@r2/rto_seconds")[0].has_value());  // unaffected: not a metric
  CHECK(samples.values("data_loss/o/lost_writes")[0] == 7);
  CHECK(samples.values("cost/usd_per_day")[0] == Approx(100));
  CHECK(report::is_table_metric("cost/usd_per_day"));
  CHECK_FALSE(report::is_table_metric("recovery/o/ui@r1/rto_seconds"));
}

TEST_CASE("a comparison marks significant differences and their direction") {
  report::Comparison c;
  c.seeds = {1, 2, 3};
  report::Design base{"a", report::MetricSamples(3)}, other{"b", report::MetricSamples(3)};
  for (std::size_t i = 0; i < 3; ++i) {
    base.samples.set(i, {{"dr/o/rto_seconds", 1000.0 + 10.0 * static_cast<double>(i)}});
    other.samples.set(i, {{"dr/o/rto_seconds", 400.0 + 11.0 * static_cast<double>(i)}});
  }
  c.designs = {base, other};
  const nlohmann::json json = report::comparison_json(c);
  REQUIRE(json["differences"].size() == 1);
  CHECK(json["differences"][0]["significant"] == true);
  CHECK(json["differences"][0]["better"] == true);  // a shorter RTO
  const std::string text = report::comparison_text(c);
  CHECK(text.find("a (baseline)") != std::string::npos);
  CHECK(text.find(" * p=") != std::string::npos);
}

TEST_CASE("durations read as a clock, numbers without noise") {
  using lakesim::presentation::report::format_number;
  using lakesim::presentation::report::format_seconds;
  CHECK(format_seconds(0.0) == "0 s");
  CHECK(format_seconds(1e-7) == "0 s");
  CHECK(format_seconds(23.94) == "23.9 s");
  CHECK(format_seconds(420.0) == "7m00s");
  CHECK(format_seconds(425.4) == "7m05s");
  CHECK(format_seconds(3900.0) == "1h05m");
  CHECK(format_seconds(-1230.0) == "-20m30s");
  CHECK(format_seconds(std::nullopt) == "-");
  CHECK(format_number(8.4e-17) == "0");
  CHECK(format_number(0.00214) == "0.0021");
}

TEST_CASE("a design without the outage shows '-' and one that never recovered says so and failures get rows") {
  report::Comparison c;
  c.seeds = {1, 2};
  report::Design outage{"outage", report::MetricSamples(2)}, calm{"calm", report::MetricSamples(2)};
  for (std::size_t i = 0; i < 2; ++i) {
    outage.samples.set(i, {{"recovery/o/worst_rto_seconds", std::nullopt}, {"workloads/bi/failed", 40.0}});
    calm.samples.set(i, {{"workloads/bi/failed", 0.0}});
  }
  c.designs = {outage, calm};
  const std::string text = report::comparison_text(c);
  INFO(text);
  const auto row = text.find("observed RTO, worst service (o)");
  REQUIRE(row != std::string::npos);
  const std::string line = text.substr(row, text.find('\n', row) - row);
  CHECK(line.find("not recovered") != std::string::npos);
  CHECK(line.find("not recovered", line.find("not recovered") + 1) == std::string::npos);
  CHECK(line.substr(line.size() - 1) == "-");
  CHECK(text.find("bi: failed requests") != std::string::npos);
}
