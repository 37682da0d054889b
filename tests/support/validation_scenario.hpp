#pragma once
// The validation tests' scenarios (tests/data/validation/), loaded by name.
#include <string>

#include "scenario/scenario_loader.hpp"

namespace lakesim::test {

inline sim::Scenario validation_scenario(const std::string& name) {
  return sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/" + name + ".json");
}

}  // namespace lakesim::test
