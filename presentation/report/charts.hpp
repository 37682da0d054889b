#pragma once
// The report's charts, drawn by gnuplot (SVG terminal) and Graphviz dot as child processes from
// data in results.json; each returns the SVG or a note saying why there is none.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "presentation/report/external_tool.hpp"

namespace lakesim::presentation::report {

// Completions per hour of every workload over simulated time, one small panel each, with the
// outage windows shaded.
ToolResult throughput_chart(const nlohmann::json& results);

// Total completions per hour of several runs on one chart (a comparison report).
ToolResult throughput_overlay_chart(const std::vector<std::pair<std::string, nlohmann::json>>& runs);

// One failover's recovery steps (detection, decision, infrastructure, compute start, catch-up,
// redirection) as bars over time from the outage's start, and the users' observed recovery.
ToolResult recovery_gantt_chart(const nlohmann::json& failover);

// The architecture picture from `lakesim topology` DOT text.
ToolResult topology_chart(const std::string& dot);

}  // namespace lakesim::presentation::report
