#include <iostream>

#include "cli/commands.hpp"
#include "scenario/diagnostics.hpp"

namespace lakesim::cli {

std::optional<sim::Scenario> load_or_report(const ScenarioOptions& options) {
  try {
    return sim::load_scenario(options.file, options.load);
  } catch (const sim::ScenarioError& e) {
    for (const sim::Diagnostic& d : e.diagnostics()) std::cerr << d.to_string() << "\n";
    std::cerr << e.diagnostics().size() << (e.diagnostics().size() == 1 ? " error" : " errors") << " in "
              << options.file << "\n";
    return std::nullopt;
  }
}

}  // namespace lakesim::cli
