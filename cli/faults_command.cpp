#include <iostream>

#include "cli/commands.hpp"
#include "scenario/fault_preset.hpp"

namespace lakesim::cli {

int faults_command() {
  std::cout << sim::fault_listing_text();
  return kExitOk;
}

}  // namespace lakesim::cli
