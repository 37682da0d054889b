#pragma once
// `lakesim run --trace`: SimGrid's Paje trace of the run (hosts, links, their use over time) in
// DIR/trace.paje, for ViTE. The engine writes to a temporary name; it is renamed once the run is
// over, so a trace.paje is always a whole one.
#include <string>
#include <vector>

namespace lakesim::cli {

// The engine options that turn tracing on, writing to the temporary name in `dir`.
std::vector<std::string> paje_trace_flags(const std::string& dir);
// Renames the finished trace into place; returns its path.
std::string finish_paje_trace(const std::string& dir);

}  // namespace lakesim::cli
