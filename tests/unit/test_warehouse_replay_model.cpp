// SQL warehouse sizes as Databricks names them, the calibration fit, and the replay error figures.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "analysis/replay_error.hpp"
#include "analysis/warehouse_fit.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/warehouse_sizes.hpp"

using namespace lakesim;

namespace {

std::string with_compute(const std::string& compute) {
  return R"({"format": "lakesim/1", "name": "sizes",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a"]}],
  "control_plane": [{"region": "us-east-1"}],
  "compute": [)" +
         compute + "]}";
}

sim::Diagnostic first_error(const std::string& compute) {
  try {
    sim::load_scenario_text(with_compute(compute), "sizes.json");
  } catch (const sim::ScenarioError& e) {
    REQUIRE(!e.diagnostics().empty());
    return e.diagnostics().front();
  }
  FAIL("accepted");
  return {};
}

}  // namespace

TEST_CASE("warehouse sizes double their workers from 2X-Small to 4X-Large") {
  const auto& sizes = sim::warehouse_sizes();
  REQUIRE(sizes.size() == 9);
  CHECK(std::string(sizes.front().name) == "2X-Small");
  CHECK(sizes.front().workers == 1);
  for (std::size_t i = 1; i < sizes.size(); ++i) CHECK(sizes[i].workers == 2 * sizes[i - 1].workers);
  CHECK(sim::warehouse_workers("Medium") == 8);
  CHECK_FALSE(sim::warehouse_workers("medium").has_value());
  CHECK(sim::warehouse_size_above("Medium") == "Large");
  CHECK(sim::warehouse_size_above("4X-Large").empty());
}

TEST_CASE("a warehouse given by size gets its workers per cluster and enough instances") {
  const sim::Scenario s = sim::load_scenario_text(
      with_compute(R"({"name": "w", "kind": "sql_warehouse", "region": "us-east-1", "size": "Large",
                      "max_clusters": 3})"),
      "sizes.json");
  REQUIRE(s.compute.size() == 1);
  CHECK(s.compute[0].cluster_size == 16);
  CHECK(s.compute[0].instances == 48);
  CHECK(s.compute[0].instance_type == "i3.2xlarge");
  CHECK(s.compute[0].size == "Large");
  CHECK(s.compute[0].min_clusters == 1);
}

TEST_CASE("size with cluster_size or an unknown size or a size on Spark is a located error") {
  const sim::Diagnostic both = first_error(
      R"({"name": "w", "kind": "sql_warehouse", "region": "us-east-1", "size": "Small", "cluster_size": 2})");
  CHECK(both.pointer == "/compute/0/cluster_size");
  CHECK_THAT(both.message, Catch::Contains("both \"size\" and \"cluster_size\""));
  const sim::Diagnostic unknown =
      first_error(R"({"name": "w", "kind": "sql_warehouse", "region": "us-east-1", "size": "Meduim"})");
  CHECK(unknown.pointer == "/compute/0/size");
  CHECK_THAT(unknown.message, Catch::Contains("Medium"));
  const sim::Diagnostic spark =
      first_error(R"({"name": "w", "kind": "classic_spark", "region": "us-east-1", "instances": 2, "size": "Small"})");
  CHECK(spark.pointer == "/compute/0/size");
  const sim::Diagnostic neither = first_error(R"({"name": "w", "kind": "sql_warehouse", "region": "us-east-1"})");
  CHECK(neither.pointer == "/compute/0");
  CHECK_THAT(neither.message, Catch::Contains("neither \"size\" nor \"instances\""));
}

TEST_CASE("calibration fit recovers the scale and overhead that produced the durations") {
  // Recorded = 0.7 s + 2.5 x execution; the run they are fitted from had scale 1, no overhead,
  // and 0.1 s of control-plane hops around each execution.
  std::vector<analysis::FitStatement> statements;
  for (int i = 0; i < 200; ++i) {
    const double execution = 0.05 * std::pow(1.05, i);  // 0.05 s to ~800 s
    statements.push_back({0.7 + 0.1 + 2.5 * execution, 0.1 + execution, execution});
  }
  const analysis::WarehouseFit fit = analysis::fit_warehouse(statements, 1.0, 0.0);
  CHECK(fit.core_time_scale == Approx(2.5).epsilon(0.01));
  CHECK(fit.query_overhead == Approx(0.7).margin(0.01));
  CHECK(fit.mean_abs_log_error < 0.01);
  // The same durations seen from a run at scale 2 with an overhead of 0.3 s give the same answer.
  std::vector<analysis::FitStatement> from_elsewhere;
  for (const auto& s : statements) from_elsewhere.push_back({s.recorded, 0.3 + 0.1 + 2 * s.execution, 2 * s.execution});
  const analysis::WarehouseFit again = analysis::fit_warehouse(from_elsewhere, 2.0, 0.3);
  CHECK(again.core_time_scale == Approx(2.5).epsilon(0.01));
  CHECK(again.query_overhead == Approx(0.7).margin(0.01));
}

TEST_CASE("replay error figures split the trace's FINISHED statements in halves") {
  std::vector<analysis::ReplayedStatement> statements;
  // First half: all exact. Held-out half: half exact, half twice too long.
  for (std::size_t i = 0; i < 10; ++i) statements.push_back({i, "a", 2.0, 2.0, false});
  for (std::size_t i = 10; i < 20; ++i) statements.push_back({i, i % 2 ? "a" : "b", i % 2 ? 4.0 : 2.0, 2.0, true});
  const nlohmann::json e = analysis::replay_error_json(statements);
  CHECK(e["whole"]["compared"] == 20);
  CHECK(e["first_half"]["within_25_percent"].get<double>() == Approx(1.0));
  CHECK(e["held_out_half"]["within_25_percent"].get<double>() == Approx(0.5));
  CHECK(e["held_out_half"]["p95"].get<double>() == Approx(2.0));
  CHECK(e["whole"]["p50"].get<double>() == Approx(1.0));
  CHECK(e["by_warehouse"]["b"]["compared"] == 5);
  CHECK(e["by_warehouse"]["a"]["within_25_percent"].get<double>() == Approx(10.0 / 15.0));
}
