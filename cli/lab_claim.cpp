#include "cli/lab_claim.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lakesim::cli {
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot read (did the lab's commands write it?)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Whitespace-separated words; "quoted text" is one word (quotes kept).
std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t end = line[i] == '"' ? line.find('"', i + 1) : line.find_first_of(" \t", i);
    if (line[i] == '"' && end == std::string::npos) throw std::runtime_error("a quote is not closed");
    end = line[i] == '"' ? end + 1 : (end == std::string::npos ? line.size() : end);
    out.push_back(line.substr(i, end - i));
    i = end;
  }
  return out;
}

bool is_number(const std::string& word, double& value) {
  char* end = nullptr;
  value = std::strtod(word.c_str(), &end);
  return !word.empty() && end == word.c_str() + word.size();
}

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The members of `at` named `key`, or a located error.
const nlohmann::json& member(const nlohmann::json& at, const std::string& key, const std::string& where) {
  if (!at.is_object()) throw std::runtime_error(where + " is not an object, so it has no \"" + key + "\"");
  const auto it = at.find(key);
  if (it == at.end()) throw std::runtime_error(where + " has no \"" + key + "\"");
  return *it;
}

// A jq path: .a.b[0]."odd-key" and []|select(.field==VALUE)|... picking exactly one element.
const nlohmann::json& follow_jq(const nlohmann::json& root, const std::string& path) {
  const nlohmann::json* at = &root;
  std::size_t i = 0;
  const auto where = [&path, &i] { return i == 0 ? std::string("the file") : path.substr(0, i); };
  while (i < path.size()) {
    const char c = path[i];
    if (c == '.' && i + 1 < path.size() && is_identifier_char(path[i + 1])) {
      std::size_t end = i + 1;
      while (end < path.size() && is_identifier_char(path[end])) ++end;
      at = &member(*at, path.substr(i + 1, end - i - 1), where());
      i = end;
    } else if (c == '.' && i + 1 < path.size() && path[i + 1] == '"') {
      const std::size_t close = path.find('"', i + 2);
      if (close == std::string::npos) throw std::runtime_error(path + ": a quoted key is not closed");
      at = &member(*at, path.substr(i + 2, close - i - 2), where());
      i = close + 1;
    } else if (c == '.' && i + 1 < path.size() && path[i + 1] == '[') {
      ++i;  // .[0] is [0]
    } else if (c == '.' && i + 1 == path.size()) {
      ++i;  // "." alone: the whole file
    } else if (c == '[' && path.compare(i, 2, "[]") == 0) {
      if (!at->is_array()) throw std::runtime_error(where() + " is not an array");
      i += 2;
      // One or more |select(.field==VALUE) narrow the array to the element the claim means.
      std::vector<std::pair<std::string, nlohmann::json>> fields;
      while (path.compare(i, 9, "|select(.") == 0) {
        const std::size_t eq = path.find("==", i);
        const std::size_t close = path.find(')', i);
        if (eq == std::string::npos || close == std::string::npos || eq > close)
          throw std::runtime_error(path + ": expected |select(.field==VALUE) at \"" + path.substr(i) + "\"");
        const std::string field = path.substr(i + 9, eq - i - 9);
        nlohmann::json value;
        try {
          value = nlohmann::json::parse(path.substr(eq + 2, close - eq - 2));
        } catch (const nlohmann::json::exception&) {
          throw std::runtime_error(path + ": the value compared with ." + field + " is not a JSON value");
        }
        fields.emplace_back(field, value);
        i = close + 1;
      }
      if (fields.empty()) throw std::runtime_error(path + ": [] must be followed by |select(.field==VALUE)");
      const nlohmann::json* found = nullptr;
      std::size_t matches = 0;
      for (const nlohmann::json& element : *at) {
        bool all = element.is_object();
        for (const auto& [field, value] : fields) {
          const auto it = all ? element.find(field) : element.end();
          all = all && it != element.end() && *it == value;
        }
        if (all && matches++ == 0) found = &element;
      }
      if (matches != 1)
        throw std::runtime_error(where() + " has " + std::to_string(matches) +
                                 " elements matching (exactly one must match)");
      at = found;
      if (i < path.size() && path[i] == '|') ++i;
    } else if (c == '[') {
      const std::size_t close = path.find(']', i);
      double index = 0;
      if (close == std::string::npos || !is_number(path.substr(i + 1, close - i - 1), index) || index < 0)
        throw std::runtime_error(path + ": expected [INDEX] at \"" + path.substr(i) + "\"");
      if (!at->is_array() || static_cast<std::size_t>(index) >= at->size())
        throw std::runtime_error(where() + " has no element " + path.substr(i + 1, close - i - 1));
      at = &(*at)[static_cast<std::size_t>(index)];
      i = close + 1;
    } else {
      throw std::runtime_error(path + ": cannot read the path at \"" + path.substr(i) + "\"");
    }
  }
  return *at;
}

std::string shown(const nlohmann::json& value) {
  if (value.is_number_float()) {
    std::ostringstream out;
    out << value.get<double>();
    return out.str();
  }
  return value.dump();
}

}  // namespace

const nlohmann::json& value_at_path(const nlohmann::json& root, const std::string& path) {
  if (!path.empty() && path[0] == '.') return follow_jq(root, path);
  if (path.empty() || path[0] != '/')
    throw std::runtime_error(path + ": a path is a JSON Pointer (/a/0/b) or a jq path (.a[0].b)");
  try {
    return root.at(nlohmann::json::json_pointer(path));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

ClaimChecker::ClaimChecker(std::function<fs::path(const std::string&)> map_path) : map_path_(std::move(map_path)) {}

const nlohmann::json& ClaimChecker::json_of(const std::string& file) {
  auto it = files_.find(file);
  if (it == files_.end()) {
    const fs::path path = map_path_(file);
    try {
      it = files_.emplace(file, nlohmann::json::parse(read_text(path))).first;
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(path.string() + ": not JSON: " + e.what());
    }
  }
  return it->second;
}

nlohmann::json ClaimChecker::operand(const std::vector<std::string>& w, std::size_t& i) {
  double scale = 1;
  double number = 0;
  if (i + 2 < w.size() && is_number(w[i], number) && w[i + 1] == "*") {
    scale = number;
    i += 2;
  }
  if (i >= w.size()) throw std::runtime_error("an operand is missing");
  const std::string& word = w[i];
  nlohmann::json value;
  if (is_number(word, number)) {
    value = number;
    ++i;
  } else if (word.front() == '"') {
    value = word.substr(1, word.size() - 2);
    ++i;
  } else if (word == "true" || word == "false") {
    value = word == "true";
    ++i;
  } else {
    if (i + 1 >= w.size()) throw std::runtime_error("the file " + word + " needs a path after it");
    value = value_at_path(json_of(word), w[i + 1]);
    i += 2;
  }
  if (scale != 1) {
    if (!value.is_number()) throw std::runtime_error("only a number can be scaled, not " + value.dump());
    value = scale * value.get<double>();
  }
  return value;
}

ClaimOutcome ClaimChecker::check(const std::string& claim) {
  const std::vector<std::string> w = words_of(claim);
  if (w.size() == 3 && (w[1] == "contains" || w[1] == "lacks")) {
    if (w[2].size() < 2 || w[2].front() != '"') throw std::runtime_error("the text after " + w[1] + " is quoted");
    const std::string text = read_text(map_path_(w[0]));
    const bool found = text.find(w[2].substr(1, w[2].size() - 2)) != std::string::npos;
    return {w[1] == "contains" ? found : !found, found ? "the text is there" : "the text is not there"};
  }
  std::size_t i = 0;
  const nlohmann::json left = operand(w, i);
  if (i >= w.size()) throw std::runtime_error("the operator is missing");
  const std::string op = w[i++];
  const nlohmann::json right = operand(w, i);
  if (i != w.size()) throw std::runtime_error("unexpected words after the claim: " + w[i]);
  const std::string found = shown(left) + " " + op + " " + shown(right);
  if (op == "==") return {left == right, found};
  if (op == "!=") return {left != right, found};
  if (!left.is_number() || !right.is_number())
    throw std::runtime_error(op + " compares numbers, not " + left.dump() + " and " + right.dump());
  const double a = left.get<double>();
  const double b = right.get<double>();
  if (op == "<") return {a < b, found};
  if (op == "<=") return {a <= b, found};
  if (op == ">") return {a > b, found};
  if (op == ">=") return {a >= b, found};
  throw std::runtime_error("unknown operator " + op + " (== != < <= > >=)");
}

}  // namespace lakesim::cli
