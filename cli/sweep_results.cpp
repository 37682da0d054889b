#include "cli/sweep_results.hpp"

#include <algorithm>
#include <optional>

#include "presentation/report/headline_metrics.hpp"
#include "presentation/report/results_file.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string value_of(const std::string& assignment) { return assignment.substr(assignment.find('=') + 1); }

}  // namespace

fs::path sweep_run_dir(const fs::path& dir, const std::string& point, std::size_t replication) {
  return dir / "points" / point / ("rep-" + std::to_string(replication));
}

GatheredSweep gather_sweep(const SweepPlan& plan, const std::vector<fs::path>& dirs) {
  GatheredSweep out;
  const std::size_t reps = plan.seeds.size();
  // Every point's metrics first, so that the CSV's columns are the union over all runs.
  std::vector<presentation::report::MetricSamples> samples;
  std::vector<std::string> columns;
  for (const SweepPoint& point : plan.points) {
    samples.emplace_back(reps);
    for (std::size_t i = 0; i < reps; ++i) {
      std::optional<nlohmann::json> results;
      for (const fs::path& dir : dirs) {
        results = presentation::report::finished_results((sweep_run_dir(dir, point.name, i) / "results.json").string(),
                                                         plan.seeds[i]);
        if (results) break;
      }
      if (!results) {
        out.missing.push_back(point.name + "/rep-" + std::to_string(i));
        continue;
      }
      samples.back().set(i, presentation::report::headline_metrics(*results));
    }
    for (const std::string& m : samples.back().names()) {
      if (std::find(columns.begin(), columns.end(), m) == columns.end()) columns.push_back(m);
    }
  }
  out.csv = "point";
  for (const SweepAxis& a : plan.axes) out.csv += "," + csv_field(a.path);
  out.csv += ",replication,seed";
  for (const std::string& c : columns) out.csv += "," + csv_field(c);
  out.csv += "\n";
  nlohmann::json points = nlohmann::json::array();
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const SweepPoint& point = plan.points[p];
    std::size_t found = 0;
    for (std::size_t i = 0; i < reps; ++i) {
      if (std::find(out.missing.begin(), out.missing.end(), point.name + "/rep-" + std::to_string(i)) !=
          out.missing.end()) {
        continue;
      }
      ++found;
      out.csv += csv_field(point.name);
      for (const std::string& a : point.assignments) out.csv += "," + csv_field(value_of(a));
      out.csv += "," + std::to_string(i) + "," + std::to_string(plan.seeds[i]);
      for (const std::string& c : columns) {
        const auto v = samples[p].values(c)[i];
        out.csv += "," + (v ? nlohmann::json(*v).dump() : std::string());
      }
      out.csv += "\n";
    }
    nlohmann::json assignments = nlohmann::json::object();
    for (std::size_t a = 0; a < plan.axes.size() && a < point.assignments.size(); ++a) {
      assignments[plan.axes[a].path] = value_of(point.assignments[a]);
    }
    points.push_back({{"name", point.name},
                      {"assignments", assignments},
                      {"runs", found},
                      {"metrics", presentation::report::summary_entries(samples[p])}});
  }
  nlohmann::json axes = nlohmann::json::array();
  for (const SweepAxis& a : plan.axes) axes.push_back({{"path", a.path}, {"values", a.values}});
  out.json = {{"format", "lakesim-sweep/1"},
              {"scenario", plan.scenario_file},
              {"variant", plan.variant},
              {"sets", plan.sets},
              {"axes", axes},
              {"replications", reps},
              {"seeds", plan.seeds},
              {"confidence", 0.95},
              {"points", points},
              {"missing_runs", out.missing}};
  return out;
}

}  // namespace lakesim::cli
