#pragma once
// A JSON document that remembers where each key and value came from, so that a problem found
// while reading the typed scenario can be reported at its line and column.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "scenario/diagnostics.hpp"

namespace lakesim::sim {

class SourceMap {
 public:
  explicit SourceMap(std::string file = {}) : file_(std::move(file)) {}

  void add_value(const std::string& pointer, int line, int column) { values_[pointer] = {line, column}; }
  void add_key(const std::string& pointer, int line, int column) { keys_[pointer] = {line, column}; }
  // Everything at or below `pointer` now comes from somewhere else (a variant or --set).
  void override_origin(const std::string& pointer, SourcePosition origin);

  // Where the value at `pointer` was written; with `key` true, where its key was written.
  // Falls back to the nearest ancestor that has a position.
  SourcePosition locate(const std::string& pointer, bool key = false) const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::map<std::string, std::pair<int, int>> values_;
  std::map<std::string, std::pair<int, int>> keys_;
  std::map<std::string, SourcePosition> overrides_;
};

struct JsonDocument {
  nlohmann::json root;
  SourceMap source;
};

// Parses `text` (named `file` in messages). Malformed JSON, duplicate keys and nesting deeper
// than 64 levels throw ScenarioError with the line and column.
JsonDocument parse_json_document(const std::string& text, const std::string& file);

// Reads and parses a file; an unreadable file throws ScenarioError naming it.
JsonDocument load_json_file(const std::string& path);

// Appends one reference token to a JSON pointer, escaping '~' and '/'.
std::string pointer_append(const std::string& pointer, const std::string& token);

}  // namespace lakesim::sim
