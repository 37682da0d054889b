// Scenario files are written by hand: any bytes must load or be refused with a ScenarioError
// that lists at least one problem. Anything else (a crash, a hang, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/json_source.hpp"
#include "scenario/scenario_loader.hpp"

namespace {

using lakesim::fuzz::finding;
using lakesim::sim::LoadOptions;
using lakesim::sim::ScenarioError;

void load(const std::string& text, const LoadOptions& options) {
  try {
    lakesim::sim::load_scenario_text(text, LAKESIM_FUZZ_SCENARIO_FILE, options);
  } catch (const ScenarioError& e) {
    if (e.diagnostics().empty()) finding("ScenarioError without a diagnostic");
  } catch (const std::exception& e) {
    finding(std::string("not a ScenarioError: ") + e.what());
  } catch (...) {
    finding("a non-standard exception");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  load(text, {});
  // Variants rewrite the document before it is read; try the first few the file defines.
  try {
    const auto doc = lakesim::sim::parse_json_document(text, LAKESIM_FUZZ_SCENARIO_FILE);
    if (!doc.root.is_object() || !doc.root.contains("variants") || !doc.root["variants"].is_object()) return 0;
    int tried = 0;
    for (const auto& [name, _] : doc.root["variants"].items()) {
      if (++tried > 3) break;
      LoadOptions options;
      options.variant = name;
      load(text, options);
    }
  } catch (const ScenarioError&) {
  }
  return 0;
}
