#pragma once
// From a scenario file to a validated, typed Scenario: parse with positions, apply the chosen
// variant and the command-line --set overrides, read every section, check cross-references and
// scale. Any problem throws ScenarioError carrying every located diagnostic found.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario.hpp"

namespace lakesim::sim {

struct LoadOptions {
  std::string variant;                 // empty: the base scenario
  std::vector<std::string> sets;       // "path=value", applied after the variant
  std::optional<std::uint64_t> seed;   // overrides the file's seed
  std::size_t max_hosts = 100000;      // refuse platforms larger than this (--max-hosts)
};

Scenario load_scenario(const std::string& path, const LoadOptions& options = {});

}  // namespace lakesim::sim
