#include "scenario/diagnostics.hpp"

namespace lakesim::sim {

std::string Diagnostic::to_string() const {
  std::string out = where.file;
  if (where.line > 0) out += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  out += ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
  if (!expected.empty()) out += " (expected " + expected + ")";
  return out;
}

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += "\n";
    out += d.to_string();
  }
  return out;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace lakesim::sim
