// --set overrides: the input is a small scenario, a newline, then one "path=value" (the last
// line). apply_set must only ever refuse with a ScenarioError, and the document it leaves must
// still load or be refused the same way.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/json_source.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario_loader.hpp"

namespace {

using lakesim::fuzz::finding;
using lakesim::sim::ScenarioError;

template <class F>
bool only_scenario_errors(const char* what, F f) {
  try {
    f();
    return true;
  } catch (const ScenarioError& e) {
    if (e.diagnostics().empty()) finding(std::string(what) + ": ScenarioError without a diagnostic");
  } catch (const std::exception& e) {
    finding(std::string(what) + " threw something other than ScenarioError: " + e.what());
  } catch (...) {
    finding(std::string(what) + " threw a non-standard exception");
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.rfind('\n');
  if (newline == std::string::npos) return 0;
  const std::string json = input.substr(0, newline);
  const std::string assignment = input.substr(newline + 1);

  lakesim::sim::JsonDocument doc;
  try {
    doc = lakesim::sim::parse_json_document(json, LAKESIM_FUZZ_SCENARIO_FILE);
  } catch (const ScenarioError&) {
    return 0;  // the scenario target covers malformed documents
  }
  if (!only_scenario_errors("apply_set", [&] { lakesim::sim::apply_set(doc, assignment); })) return 0;
  // What the override wrote is now read as part of the scenario, with its origin in messages.
  lakesim::sim::LoadOptions options;
  options.sets.push_back(assignment);
  only_scenario_errors("load_scenario_text with --set",
                       [&] { lakesim::sim::load_scenario_text(json, LAKESIM_FUZZ_SCENARIO_FILE, options); });
  return 0;
}
