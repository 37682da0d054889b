#include <iostream>

#include "sim/cli/commands.hpp"

namespace lakesim::cli {

int validate_command(const ScenarioOptions& options) {
  const auto scenario = load_or_report(options);
  if (!scenario) return kExitBadInput;
  std::cout << options.file << ": valid " << sim::kScenarioFormat << " scenario \"" << scenario->name << "\" ("
            << scenario->regions.size() << " regions, " << scenario->compute.size() << " compute placements, "
            << scenario->variant_names.size() << " variants)\n";
  return kExitOk;
}

}  // namespace lakesim::cli
