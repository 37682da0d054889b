#include <iostream>

#include "cli/commands.hpp"

namespace lakesim::cli {

int validate_command(const ScenarioOptions& options) {
  const auto scenario = load_or_report(options);
  if (!scenario) return kExitBadInput;
  // Every variant is a scenario of its own: check each one too (unless one was chosen).
  bool variants_ok = true;
  if (options.load.variant.empty()) {
    for (const std::string& name : scenario->variant_names) {
      ScenarioOptions with_variant = options;
      with_variant.load.variant = name;
      if (!load_or_report(with_variant)) {
        std::cerr << "  (in variant " << name << ")\n";
        variants_ok = false;
      }
    }
  }
  if (!variants_ok) return kExitBadInput;
  std::cout << options.file << ": valid " << sim::kScenarioFormat << " scenario \"" << scenario->name << "\" ("
            << scenario->regions.size() << " regions, " << scenario->compute.size() << " compute placements, "
            << scenario->variant_names.size() << " variants)\n";
  return kExitOk;
}

}  // namespace lakesim::cli
