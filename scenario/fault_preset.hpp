#pragma once
// Named fault scenarios: a `faults` entry written `{"preset": "az_power_interruption", "az": ...}`
// stands for the ordinary faults a real event or a fault-injection scenario is made of (an AZ
// outage and its recovery symptoms, a cut backbone, a replayed us-east-1 event). Presets expand
// when the scenario is read, into fault objects that the fault reader then reads like any other,
// so every target and duration is checked with its location in the file. Each preset says where
// its shape comes from; `lakesim explain --faults` lists them and docs/scenario-format.md has the
// same table (checked by tests/unit/test_fault_presets.cpp).
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"

namespace lakesim::sim {

struct Scenario;

// How a preset's parameter is read.
enum class PresetValue {
  Duration,    // a duration string
  Az,          // an availability zone of the scenario
  Region,      // a region of the scenario
  RegionPair,  // two regions, ["a", "b"]
  Placements,  // a list of compute placements
  Name,        // the first fault's name; the others are named after it
};

struct PresetParameter {
  const char* key;
  PresetValue value;
  const char* fallback;  // the default as written in a scenario; null: required
  const char* meaning;   // one line for the docs
};

struct FaultPresetInfo {
  const char* name;         // as written in "preset"
  const char* description;  // what it expands into, for the docs and the listing
  const char* source;       // where its shape and default figures come from
  std::vector<PresetParameter> parameters;
};

const std::vector<FaultPresetInfo>& fault_presets();
const FaultPresetInfo* find_fault_preset(std::string_view name);

// Expands the preset entry `entry` found at `at` into ordinary fault objects (the keys the fault
// reader takes, durations as strings). Problems with the preset's own parameters are reported
// at their place in the file; targets are left to the fault reader, which reports them at `at`.
// `scenario` already holds regions and compute placements.
std::vector<nlohmann::json> expand_fault_preset(const nlohmann::json& entry, const std::string& at, FieldReader& in,
                                                const Scenario& scenario);

// The markdown table of docs/scenario-format.md's presets, one row per preset, ending in a newline.
std::string fault_presets_markdown();
// The plain-text listing of `lakesim explain --faults`: every fault kind, then every preset with
// its parameters, defaults and source.
std::string fault_listing_text();

}  // namespace lakesim::sim
