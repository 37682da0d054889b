#pragma once
// The diagnostics a scenario document gets from the loader, for reader tests.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"

namespace lakesim::test {

inline std::vector<sim::Diagnostic> problems(const nlohmann::json& doc, const std::string& file = "test.json") {
  try {
    sim::load_scenario_text(doc.dump(2), file);
  } catch (const sim::ScenarioError& e) {
    return e.diagnostics();
  }
  return {};
}

// Whether one of `ds` is at JSON `pointer` and says `text`.
inline bool mentions(const std::vector<sim::Diagnostic>& ds, const std::string& pointer, const std::string& text) {
  for (const sim::Diagnostic& d : ds)
    if (d.pointer == pointer && d.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace lakesim::test
