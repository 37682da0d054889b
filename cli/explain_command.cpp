#include <iostream>

#include "assembly/explanation.hpp"
#include "cli/commands.hpp"

namespace lakesim::cli {

int explain_command(const ScenarioOptions& options) {
  const auto scenario = load_or_report(options);
  if (!scenario) return kExitBadInput;
  // Measured first, printed whole: a failure never leaves half an explanation on the screen.
  const assembly::Explanation measured = assembly::measure_explanation(*scenario);
  std::cout << assembly::explanation_text(*scenario, measured);
  return kExitOk;
}

}  // namespace lakesim::cli
