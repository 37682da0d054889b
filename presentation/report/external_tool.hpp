#pragma once
// Runs a helper program (gnuplot, dot) as a child process: feeds it `input` on its standard
// input and returns what it wrote on its standard output. The report degrades to a note instead
// of a chart when the tool is missing, fails or takes too long, so nothing here throws.
#include <string>
#include <vector>

namespace lakesim::presentation::report {

struct ToolResult {
  bool ok = false;
  std::string output;  // the tool's standard output when ok
  std::string note;    // why not, for the reader of the report, when !ok
};

// True when `program` is an executable found on PATH.
bool tool_available(const std::string& program);

// `argv[0]` is looked up on PATH. The child gets `timeout_seconds` of wall time, then is killed.
ToolResult run_tool(const std::vector<std::string>& argv, const std::string& input, double timeout_seconds = 60);

}  // namespace lakesim::presentation::report
