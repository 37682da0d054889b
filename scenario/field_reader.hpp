#pragma once
// Reads typed fields out of JSON objects and records every problem as a located Diagnostic
// instead of stopping at the first one. Scenario sections are read through it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/json_source.hpp"
#include "scenario/units.hpp"

namespace lakesim::sim {

class FieldReader {
 public:
  FieldReader(const SourceMap& source, std::vector<Diagnostic>& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  void error(const std::string& pointer, std::string message, std::string expected = {}, bool at_key = false);
  std::size_t error_count() const { return diagnostics_.size(); }

  // Checks that `node` is an object whose keys are all in `allowed`; reports the others with
  // a "did you mean" suggestion. Returns false when `node` is not an object at all.
  bool object(const nlohmann::json& node, const std::string& pointer, const std::vector<std::string>& allowed);
  bool array(const nlohmann::json& node, const std::string& pointer);

  // Field accessors: `nullopt` when the key is absent (reported if `required`) or invalid (reported).
  enum class Need { Required, Optional };
  std::optional<std::string> string(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need);
  std::optional<std::int64_t> integer(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need,
                                      std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need);
  std::optional<std::uint64_t> seed(const nlohmann::json& obj, const std::string& pointer, const char* key);
  // Quantities: a string with a unit. `positive` rejects zero (capacities); negatives always fail.
  enum class Zero { Allowed, Rejected };
  std::optional<double> duration(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need,
                                 Zero zero);
  std::optional<double> size(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need,
                             Zero zero);
  std::optional<double> bandwidth(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need);
  std::optional<double> rate(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need);
  std::optional<double> speed(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need);
  std::optional<double> number(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need,
                               double min, double max);
  // A word out of a fixed list (an enumeration such as a kind); its index, or nullopt when absent
  // or not in the list (reported with a suggestion).
  std::optional<std::size_t> keyword(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need,
                                     const std::vector<std::string>& words, const char* what);
  // Whether `name`, found at `pointer`, refers to one of `known` (regions, AZs, datasets...);
  // reports "undefined <what>" with a suggestion otherwise.
  bool known(const std::string& pointer, const std::string& what, const std::string& name,
             const std::vector<std::string>& known);
  // A list of distinct, non-empty strings.
  std::optional<std::vector<std::string>> names(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                                Need need);

 private:
  const nlohmann::json* field(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need,
                              const char* expected);
  std::optional<double> quantity(const nlohmann::json& obj, const std::string& pointer, const char* key, Need need,
                                 Zero zero, const char* kind, Parsed<double> (*parse)(std::string_view));

  const SourceMap& source_;
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace lakesim::sim
