#pragma once
// report.html for one run directory: a self-contained page (charts inline as data URIs) with the
// architecture, throughput over time with the outages shaded, each failover's recovery steps,
// RTO and RPO tables, utilisation by region and component, cost, and the run's narration.
#include <string>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

// What a run directory holds; only `results` is required.
struct RunFiles {
  nlohmann::json results;    // results.json
  std::string timeline_csv;  // timeline.csv
  std::string topology_dot;  // topology.dot, written by `lakesim run`: the full graph
  std::string overview_dot;  // overview.dot: the layered picture, with the first fault marked
  std::string narration;     // narration.txt
};

// Reads DIR's files. Throws std::runtime_error naming the file when results.json is missing or
// not a lakesim results file.
RunFiles read_run_files(const std::string& dir);

std::string run_report_html(const RunFiles& run);

// Builds DIR/report.html (written atomically), and DIR/walkthrough.html when the run had a fault. Returns the notes
// about charts left out (a tool missing or failing); throws like read_run_files.
std::vector<std::string> write_run_report(const std::string& dir);

}  // namespace lakesim::presentation::report
