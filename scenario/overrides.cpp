#include "scenario/overrides.hpp"

#include <algorithm>
#include <cctype>

#include "scenario/suggest.hpp"

namespace lakesim::sim {

std::vector<std::string> split_override_path(const std::string& path) {
  std::vector<std::string> tokens;
  if (!path.empty() && path[0] == '/') {
    // JSON pointer: for keys that contain dots, such as instance type names.
    std::string token;
    for (std::size_t i = 1; i <= path.size(); ++i) {
      if (i == path.size() || path[i] == '/') {
        tokens.push_back(token);
        token.clear();
      } else if (path[i] == '~' && i + 1 < path.size() && (path[i + 1] == '0' || path[i + 1] == '1')) {
        token += path[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += path[i];
      }
    }
    return tokens;
  }
  // Dotted form; "[name]" selects the item of a list whose "name" is `name` (dots allowed inside).
  std::string token;
  bool after_selector = false;  // a selector ends its token; a following '.' only separates
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '[') {
      if (!token.empty()) tokens.push_back(token);
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos) {  // unterminated: kept whole, refused by the caller
        tokens.push_back(path.substr(i));
        return tokens;
      }
      tokens.push_back(path.substr(i, close - i + 1));
      token.clear();
      i = close;
      after_selector = true;
    } else if (c == '.') {
      if (!after_selector) tokens.push_back(token);
      token.clear();
      after_selector = false;
    } else {
      token += c;
      after_selector = false;
    }
  }
  if (!after_selector) tokens.push_back(token);
  return tokens;
}

namespace {

bool valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

bool is_index(const std::string& token) {
  if (token.empty() || token.size() > 9) return false;
  for (char c : token)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Sets `value` at `path` inside `root`, creating missing object members on the way.
// Returns the JSON pointer that was written, or throws ScenarioError located at `origin`.
std::string assign(nlohmann::json& root, const std::string& path, nlohmann::json value, const SourcePosition& origin) {
  const std::vector<std::string> tokens = split_override_path(path);
  std::string pointer;
  nlohmann::json* node = &root;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (token.empty()) {
      throw ScenarioError({{origin, pointer, "empty component in path \"" + path + "\"",
                            "a dotted path like \"duration\" or \"workloads.0.rate\""}});
    }
    const bool last = i + 1 == tokens.size();
    if (token.front() == '[') {
      if (token.size() < 2 || token.back() != ']')
        throw ScenarioError({{origin, pointer, "unterminated \"[\" in path \"" + path + "\"",
                              "a list item by name, like compute[spark-dr].warm_instances"}});
      const std::string name = token.substr(1, token.size() - 2);
      if (!node->is_array())
        throw ScenarioError(
            {{origin, pointer, "\"" + token + "\" selects a list item by name, but this is a " + node->type_name(),
              "a list of named items"}});
      std::vector<std::string> names;
      std::size_t found = node->size();
      int matches = 0;
      for (std::size_t k = 0; k < node->size(); ++k) {
        const nlohmann::json& item = (*node)[k];
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) continue;
        names.push_back(item["name"].get<std::string>());
        if (names.back() == name) {
          found = k;
          ++matches;
        }
      }
      if (matches != 1) {
        std::string message = matches > 1 ? std::to_string(matches) + " items of this list are named \"" + name + "\""
                                          : "no item of this list is named \"" + name + "\"";
        if (auto guess = closest_match(name, names); matches == 0 && guess)
          message += "; did you mean \"" + *guess + "\"?";
        std::string expected = names.empty() ? std::string("a list of items with a \"name\"") : "one of:";
        for (const std::string& n : names) expected += " " + n;
        throw ScenarioError({{origin, pointer, message, expected}});
      }
      pointer += "/" + std::to_string(found);
      node = &(*node)[found];
    } else if (node->is_array()) {
      if (!is_index(token) || std::stoul(token) >= node->size()) {
        throw ScenarioError(
            {{origin, pointer, "\"" + token + "\" is not an index of this list of " + std::to_string(node->size()),
              "an index from 0 to " + std::to_string(node->empty() ? 0 : node->size() - 1)}});
      }
      pointer += "/" + token;
      node = &(*node)[std::stoul(token)];
    } else if (node->is_object()) {
      pointer = pointer_append(pointer, token);
      if (!node->contains(token)) (*node)[token] = last ? nlohmann::json() : nlohmann::json::object();
      node = &(*node)[token];
    } else {
      throw ScenarioError({{origin, pointer, "cannot set \"" + token + "\" inside a " + node->type_name(),
                            "a path through objects and lists"}});
    }
  }
  *node = std::move(value);
  return pointer;
}

}  // namespace

void apply_variant(JsonDocument& doc, const std::string& name) {
  const auto& root = doc.root;
  // "a+b": the variants a then b, each over what the previous left, unless one variant has that name.
  const bool named =
      root.is_object() && root.contains("variants") && root["variants"].is_object() && root["variants"].contains(name);
  if (!named && name.find('+') != std::string::npos) {
    std::size_t start = 0;
    while (start <= name.size()) {
      const std::size_t plus = std::min(name.find('+', start), name.size());
      const std::string part = name.substr(start, plus - start);
      if (part.empty())
        throw ScenarioError({{doc.source.locate("/variants"), "/variants", "empty variant name in \"" + name + "\"",
                              "variant names joined by +, like a+b"}});
      apply_variant(doc, part);
      start = plus + 1;
    }
    return;
  }
  std::vector<std::string> names;
  if (root.is_object() && root.contains("variants") && root["variants"].is_object()) {
    for (const auto& [key, _] : root["variants"].items()) names.push_back(key);
  }
  const std::string variant_pointer = pointer_append("/variants", name);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string expected = names.empty() ? std::string("a scenario with a \"variants\" section") : "one of:";
    for (const std::string& n : names) expected += " " + n;
    std::string message = "no variant named \"" + name + "\"";
    if (auto guess = closest_match(name, names)) message += "; did you mean \"" + *guess + "\"?";
    throw ScenarioError({{doc.source.locate("/variants"), "/variants", message, expected}});
  }
  const nlohmann::json overrides = root["variants"][name];
  if (!overrides.is_object()) {
    throw ScenarioError({{doc.source.locate(variant_pointer), variant_pointer,
                          "a variant must be an object of path: value overrides", "an object"}});
  }
  for (const auto& [path, value] : overrides.items()) {
    const std::string entry = pointer_append(variant_pointer, path);
    const SourcePosition origin = doc.source.locate(entry);
    const std::string written = assign(doc.root, path, value, origin);
    doc.source.override_origin(written, origin);
  }
}

void apply_set(JsonDocument& doc, const std::string& assignment) {
  const SourcePosition origin{"--set " + assignment, 0, 0};
  // A parsed file is valid UTF-8 and later stages dump the document's strings as JSON, which
  // throws on anything else: an override must not smuggle invalid bytes in.
  if (!valid_utf8(assignment)) throw ScenarioError({{origin, "", "not valid UTF-8", "UTF-8 text"}});
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ScenarioError({{origin, "", "not of the form path=value", "e.g. --set duration=24h"}});
  }
  const std::string path = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  // Numbers, booleans, lists and objects as JSON; anything else ("24h", "pilot_light") as a string.
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded()) value = text;
  const std::string written = assign(doc.root, path, std::move(value), origin);
  doc.source.override_origin(written, origin);
}

}  // namespace lakesim::sim
