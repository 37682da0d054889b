#pragma once
// From a scenario file to a validated, typed Scenario: parse with positions, apply the chosen
// variant and the command-line --set overrides, read every section, check cross-references and
// scale. Any problem throws ScenarioError carrying every located diagnostic found.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace lakesim::sim {

struct LoadOptions {
  std::string variant;                // empty: the base scenario
  std::vector<std::string> sets;      // "path=value", applied after the variant
  std::optional<std::uint64_t> seed;  // overrides the file's seed
  Limits limits;                      // refuse scenarios beyond these (see Limits)
};

Scenario load_scenario(const std::string& path, const LoadOptions& options = {});
// The same for a scenario already in memory; `file` names it in messages and is the folder
// its trace paths are relative to.
Scenario load_scenario_text(const std::string& text, const std::string& file, const LoadOptions& options = {});

}  // namespace lakesim::sim
