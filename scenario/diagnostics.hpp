#pragma once
// A located problem in a scenario: FILE:LINE:COL: /json/path: what is wrong (what was expected).
// Loading collects every problem it finds before it gives up, so a user fixes a file in one pass.
#include <stdexcept>
#include <string>
#include <vector>

namespace lakesim::sim {

struct SourcePosition {
  std::string file;  // the scenario file, or "--set" / "variant NAME" for overrides
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
};

struct Diagnostic {
  SourcePosition where;
  std::string pointer;   // JSON pointer of the offending value, e.g. "/regions/0/azs"
  std::string message;   // what is wrong
  std::string expected;  // what would have been accepted (may be empty)

  std::string to_string() const;
};

// Thrown at the loading boundary with every diagnostic found; never escapes the CLI.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace lakesim::sim
