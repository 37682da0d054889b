#include <iostream>

#include "assembly/explanation.hpp"
#include "cli/commands.hpp"
#include "models/failure.hpp"

namespace lakesim::cli {

int explain_command(const ScenarioOptions& options) {
  if (options.file.empty()) {
    std::cerr << "explain: a scenario FILE is required (or --glossary)\n";
    return kExitBadInput;
  }
  const auto scenario = load_or_report(options);
  if (!scenario) return kExitBadInput;
  // Measured first, printed whole: a failure never leaves half an explanation on the screen.
  const assembly::Explanation measured = assembly::measure_explanation(*scenario);
  std::cout << assembly::explanation_text(*scenario, measured);
  return kExitOk;
}

int glossary_command() {
  std::cout << "Failure causes (results.json failed_by_cause, component failures, timeline, narration):\n\n";
  for (const models::FailureCause cause : models::kAllFailureCauses)
    std::cout << "  " << models::to_string(cause) << "\n      " << models::meaning(cause) << "\n";
  return kExitOk;
}

}  // namespace lakesim::cli
