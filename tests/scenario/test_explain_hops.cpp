// `lakesim explain` observes the flows a run uses: one job and one SQL query, watched hop by hop
// in a normal run, take the same components the same simulated time as in the explanation.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "assembly/explanation.hpp"
#include "assembly/scenario_run.hpp"
#include "models/flows/hop_recorder.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

// The shipped single-region scenario with its ETL job and its BI queries only, each arriving
// once a day: the job at midnight, a query at noon (the test moves it to explain's instant).
sim::Scenario two_requests() {
  const std::string path = std::string(LAKESIM_SCENARIO_DIR) + "/single-region.json";
  std::ifstream in(path);
  nlohmann::json doc = nlohmann::json::parse(in);
  nlohmann::json kept = nlohmann::json::array();
  for (nlohmann::json w : doc["workloads"]) {
    if (w["name"] == "etl")
      w["arrival"] = {{"kind", "cron"}, {"every", "1d"}, {"offset", "0s"}};
    else if (w["name"] == "bi")
      w["arrival"] = {{"kind", "cron"}, {"every", "1d"}, {"offset", "12h"}};
    else
      continue;
    kept.push_back(w);
  }
  REQUIRE(kept.size() == 2);
  doc["workloads"] = kept;
  doc["duration"] = "1d";
  doc.erase("variants");
  return sim::load_scenario_text(doc.dump(), path);
}

// One hop as compared: the component(s), then its start (from the request's first hop) and its
// duration, at full precision.
struct ComparedHop {
  std::string component;
  double start = 0;
  double seconds = 0;
};

std::string line(const std::string& path, const std::string& component, double start, double seconds) {
  char numbers[64];
  std::snprintf(numbers, sizeof numbers, " %.17g %.17g\n", start, seconds);
  return path + " " + component + numbers;
}

// "job" and "query" hops, in the order they were recorded.
std::vector<std::vector<ComparedHop>> parse(const std::string& text) {
  std::vector<std::vector<ComparedHop>> paths(2);
  std::istringstream in(text);
  for (std::string row; std::getline(in, row);) {
    std::istringstream fields(row);
    std::string path;
    ComparedHop hop;
    if (!(fields >> path >> hop.component >> hop.start >> hop.seconds)) continue;
    if (path == "job" || path == "query") paths[path == "job" ? 0 : 1].push_back(hop);
  }
  return paths;
}

}  // namespace

TEST_CASE("explain's hop times equal those of the same requests in a run") {
  sim::Scenario scenario = two_requests();

  // Explain runs the job at 0 and the query when the job is over.
  double query_began = -1;
  const std::string in_explanation = test::in_child([&] {
    const assembly::Explanation measured = assembly::measure_explanation(scenario);
    std::string out;
    for (const auto& [name, path] : {std::pair{"job", &measured.job}, std::pair{"query", &measured.query}}) {
      if (!path->failure.empty()) out += "error " + path->failure + "\n";
      for (const assembly::Hop& h : path->hops)
        out += line(name, h.component_id, h.start - path->hops.front().start, h.seconds);
    }
    char began[64];
    std::snprintf(began, sizeof began, "began %.17g\n", measured.query.began);
    return out + began;
  });
  REQUIRE(in_explanation.find("error") == std::string::npos);
  std::istringstream(in_explanation.substr(in_explanation.rfind("began ") + 6)) >> query_began;
  REQUIRE(query_began > 0);

  // The run: the same job at 0 and the query at the same instant, each the first of its
  // workload; both report their hops, every other request would run unwatched.
  for (sim::WorkloadSpec& w : scenario.workloads)
    if (w.cls == sim::WorkloadClass::Sql) w.arrival.offset = query_began;
  const std::string in_run = test::in_child([&] {
    models::HopList job, query;
    analysis::RunHooks hooks;
    hooks.hop_recorders = [&](const sim::WorkloadSpec& spec, std::uint64_t request) -> models::HopRecorder* {
      if (request != 0) return nullptr;
      return spec.cls == sim::WorkloadClass::Job ? &job : &query;
    };
    const analysis::RunOutput run = assembly::run_scenario(scenario, {}, 0, hooks);
    std::string out;
    for (const auto& [name, hops] : {std::pair{"job", &job}, std::pair{"query", &query}}) {
      if (hops->hops().empty()) out += std::string("error no ") + name + " hops\n";
      for (const models::RecordedHop& h : hops->hops())
        out += line(name, h.component, h.start - hops->hops().front().start, h.end - h.start);
    }
    // Both requests completed, so they are the ones explain tells in full.
    for (const auto& w : run.results["workloads"])
      if (w["completed"].get<std::uint64_t>() != 1) out += "error " + w["name"].get<std::string>() + " incomplete\n";
    return out;
  });
  REQUIRE(in_run.find("error") == std::string::npos);

  const auto run = parse(in_run);
  const auto explained = parse(in_explanation);
  for (std::size_t path = 0; path < 2; ++path) {
    INFO((path == 0 ? "job" : "query"));
    // Each crosses the workspace edge, its control-plane services and its compute.
    CHECK(run[path].size() >= 10);
    REQUIRE(explained[path].size() == run[path].size());
    for (std::size_t i = 0; i < run[path].size(); ++i) {
      INFO("hop " << i + 1 << ": " << run[path][i].component);
      CHECK(explained[path][i].component == run[path][i].component);
      CHECK(explained[path][i].seconds == Approx(run[path][i].seconds).margin(1e-9).epsilon(0));
      CHECK(explained[path][i].start == Approx(run[path][i].start).margin(1e-9).epsilon(0));
    }
  }
}
