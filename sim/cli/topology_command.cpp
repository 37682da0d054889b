#include <iostream>

#include "models/architecture_graph.hpp"
#include "sim/atomic_file.hpp"
#include "sim/cli/commands.hpp"

namespace lakesim::cli {

int topology_command(const ScenarioOptions& options, const std::string& format, const std::string& out_file) {
  const auto scenario = load_or_report(options);
  if (!scenario) return kExitBadInput;
  const models::Graph graph = models::build_architecture_graph(*scenario);
  const std::string text = format == "json" ? models::to_json(graph).dump(2) + "\n" : models::to_dot(graph);
  if (out_file.empty() || out_file == "-") {
    std::cout << text;
  } else {
    sim::write_file_atomically(out_file, text);
  }
  return kExitOk;
}

}  // namespace lakesim::cli
