// `lakesim report DIR...` and the report written after every `lakesim run`.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "analysis/atomic_file.hpp"
#include "cli/commands.hpp"
#include "models/architecture_graph.hpp"
#include "presentation/architecture_picture.hpp"
#include "presentation/report/comparison.hpp"
#include "presentation/report/results_file.hpp"
#include "presentation/report/run_report.hpp"
#include "presentation/report/slide_deck.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

void finish_run_directory(const sim::Scenario& scenario, const std::string& out, bool quiet) {
  // The architecture picture's source, kept with the run so that `lakesim report` can rebuild
  // the report from the directory alone.
  const models::Graph graph = models::build_architecture_graph(scenario);
  sim::write_file_atomically((fs::path(out) / "topology.dot").string(), presentation::to_dot(graph));
  // The overview a reader sees first, during the first fault when there is one.
  std::optional<models::FaultView> faults;
  if (!scenario.faults.empty()) {
    const auto first = std::min_element(scenario.faults.begin(), scenario.faults.end(),
                                        [](const auto& a, const auto& b) { return a.start < b.start; });
    faults = models::faults_at(graph, scenario, first->start);
  }
  sim::write_file_atomically((fs::path(out) / "overview.dot").string(),
                             presentation::to_overview_dot(graph, faults ? &*faults : nullptr));
  const std::vector<std::string> notes = presentation::report::write_run_report(out);
  if (!quiet) {
    for (const std::string& note : notes) std::cout << "report: left out " << note << "\n";
  }
  std::cout << "report: " << (fs::path(out) / "report.html").string() << "\n";
}

int report_command(const std::vector<std::string>& dirs, const std::string& comparison_out, const std::string& style) {
  // Read everything first: a bad directory is reported before anything is written.
  std::vector<std::pair<std::string, nlohmann::json>> runs;
  for (const std::string& dir : dirs) {
    try {
      runs.emplace_back(dir, presentation::report::read_results_file((fs::path(dir) / "results.json").string()));
    } catch (const std::exception& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    }
  }
  for (const std::string& dir : dirs) {
    for (const std::string& note : presentation::report::write_run_report(dir))
      std::cout << "report: left out " << note << "\n";
    std::cout << "report: " << (fs::path(dir) / "report.html").string() << "\n";
    if (style == "slides") {
      for (const std::string& note : presentation::report::write_slide_deck(dir))
        std::cout << "slides: left out " << note << "\n";
      std::cout << "slides: " << (fs::path(dir) / "slides.html").string() << "\n";
    }
  }
  if (dirs.size() < 2) return kExitOk;
  presentation::report::Comparison comparison;
  std::vector<std::pair<std::string, nlohmann::json>> labelled;
  for (const auto& [dir, results] : runs) {
    const nlohmann::json& scenario = results["scenario"];
    std::string label = fs::path(dir).filename().string();
    if (label.empty()) label = fs::path(dir).parent_path().filename().string();
    presentation::report::Design design{label, presentation::report::MetricSamples(1)};
    design.samples.set(0, presentation::report::headline_metrics(results));
    comparison.designs.push_back(std::move(design));
    comparison.seeds.push_back(results.value("seed", std::uint64_t{0}));
    comparison.common_seeds = false;
    labelled.emplace_back(label + " (" + scenario.value("name", std::string()) + ")", results);
  }
  // Runs with different seeds are not paired replications: the table shows their values and
  // plain differences; significance needs `lakesim compare`.
  const std::string html = presentation::report::comparison_html(comparison, "lakesim: comparison of runs", labelled);
  sim::write_file_atomically(comparison_out, html);
  std::cout << presentation::report::comparison_text(comparison) << "comparison report: " << comparison_out << "\n";
  return kExitOk;
}

}  // namespace lakesim::cli
