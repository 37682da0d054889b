#pragma once
// The report's charts, drawn by gnuplot (SVG terminal) and Graphviz dot as child processes from
// data in results.json; each returns the SVG or a note saying why there is none.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "presentation/report/external_tool.hpp"

namespace lakesim::presentation::report {

// A chart's size (SVG px; 0: the report's own) and text size (pt): the report's page, or a slide.
struct ChartLook {
  int width = 0;
  int height = 0;
  int font = 11;
};

// For a 1920 x 1080 slide under a title: text of 24, that is 18 pt at that size or more.
inline constexpr ChartLook kSlideLook{1800, 860, 24};

// Completions per hour of every workload over simulated time, one small panel each, with the
// outage windows shaded.
ToolResult throughput_chart(const nlohmann::json& results, const ChartLook& look = {});

// Total completions per hour of several runs on one chart (a comparison report).
ToolResult throughput_overlay_chart(const std::vector<std::pair<std::string, nlohmann::json>>& runs);

// One failover's recovery steps (detection, decision, infrastructure, compute start, catch-up,
// redirection) as bars over time from the outage's start, and the users' observed recovery.
ToolResult recovery_gantt_chart(const nlohmann::json& failover, const ChartLook& look = {});

// The architecture picture from `lakesim topology` DOT text.
ToolResult topology_chart(const std::string& dot);

}  // namespace lakesim::presentation::report
