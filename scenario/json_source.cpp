#include "scenario/json_source.hpp"

#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace lakesim::sim {

void SourceMap::override_origin(const std::string& pointer, SourcePosition origin) {
  // A later override of a parent replaces earlier overrides of its children.
  for (auto it = overrides_.begin(); it != overrides_.end();) {
    const std::string& p = it->first;
    if (p.size() > pointer.size() && p.compare(0, pointer.size(), pointer) == 0 && p[pointer.size()] == '/')
      it = overrides_.erase(it);
    else
      ++it;
  }
  overrides_[pointer] = std::move(origin);
}

SourcePosition SourceMap::locate(const std::string& pointer, bool key) const {
  std::string p = pointer;
  while (true) {
    if (auto o = overrides_.find(p); o != overrides_.end()) return o->second;
    if (p.empty()) break;
    p.erase(p.rfind('/'));
  }
  const auto& primary = key ? keys_ : values_;
  p = pointer;
  while (true) {
    if (auto it = primary.find(p); it != primary.end()) return {file_, it->second.first, it->second.second};
    if (auto it = values_.find(p); it != values_.end()) return {file_, it->second.first, it->second.second};
    if (p.empty()) break;
    p.erase(p.rfind('/'));
  }
  return {file_, 0, 0};
}

std::string pointer_append(const std::string& pointer, const std::string& token) {
  std::string out = pointer + "/";
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

namespace {

constexpr int kMaxDepth = 64;

// Walks text that nlohmann has already accepted as JSON, recording the line and column of
// every key and value, and rejecting what nlohmann accepts silently (duplicate keys) or
// what would exhaust the stack later (deep nesting).
class PositionScanner {
 public:
  PositionScanner(const std::string& text, SourceMap& map, std::vector<Diagnostic>& errors)
      : text_(text), map_(map), errors_(errors) {}

  void scan() {
    skip_space();
    value("", 0);
  }

 private:
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
      ++pos_;
    }
  }
  int column() const {
    // Columns count characters, not bytes: UTF-8 continuation bytes do not start a character.
    int col = 1;
    for (std::size_t i = line_start_; i < pos_; ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    return col;
  }
  std::string string_token() {
    // Decodes only what keys need; nlohmann has validated escapes already.
    std::string out;
    ++pos_;  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        const char e = text_[pos_ + 1];
        if (e == 'u') {
          out += "\\u" + text_.substr(pos_ + 2, 4);  // rare in keys; kept verbatim
          pos_ += 6;
          continue;
        }
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
        pos_ += 2;
        continue;
      }
      out += text_[pos_++];
    }
    ++pos_;  // closing quote
    return out;
  }
  void value(const std::string& pointer, int depth) {
    if (depth > kMaxDepth) {
      errors_.push_back({{map_.file(), line_, column()},
                         pointer,
                         "nesting deeper than " + std::to_string(kMaxDepth) + " levels",
                         "a scenario of reasonable depth"});
      throw ScenarioError(errors_);
    }
    map_.add_value(pointer, line_, column());
    if (pos_ >= text_.size()) return;
    const char c = text_[pos_];
    if (c == '{') {
      object(pointer, depth);
    } else if (c == '[') {
      array(pointer, depth);
    } else if (c == '"') {
      string_token();
    } else {
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
             text_[pos_] != ' ' && text_[pos_] != '\n' && text_[pos_] != '\t' && text_[pos_] != '\r')
        ++pos_;
    }
  }
  void object(const std::string& pointer, int depth) {
    ++pos_;
    skip_space();
    std::map<std::string, int> seen;
    while (pos_ < text_.size() && text_[pos_] != '}') {
      const int key_line = line_;
      const int key_col = column();
      const std::string key = string_token();
      const std::string child = pointer_append(pointer, key);
      if (auto [it, fresh] = seen.emplace(key, key_line); !fresh) {
        errors_.push_back({{map_.file(), key_line, key_col},
                           child,
                           "duplicate key \"" + key + "\" (first at line " + std::to_string(it->second) + ")",
                           "each key once per object"});
      }
      map_.add_key(child, key_line, key_col);
      skip_space();
      ++pos_;  // ':'
      skip_space();
      value(child, depth + 1);
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        skip_space();
      }
    }
    ++pos_;
  }
  void array(const std::string& pointer, int depth) {
    ++pos_;
    skip_space();
    int index = 0;
    while (pos_ < text_.size() && text_[pos_] != ']') {
      value(pointer + "/" + std::to_string(index++), depth + 1);
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        skip_space();
      }
    }
    ++pos_;
  }

  const std::string& text_;
  SourceMap& map_;
  std::vector<Diagnostic>& errors_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

SourcePosition position_of_offset(const std::string& text, std::size_t offset, const std::string& file) {
  int line = 1;
  std::size_t line_start = 0;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int col = 1;
  for (std::size_t i = line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  return {file, line, col};
}

// Calls `visit(i)` for every character of `text` outside string literals, in order, until it
// returns true; returns that offset, or the end of `text`.
template <class Visit>
std::size_t scan_outside_strings(const std::string& text, Visit&& visit) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (visit(i)) {
      return i;
    }
  }
  return text.size();
}

// Offset of the first number token `literal` outside strings; the end of `text` if there is none.
std::size_t find_number(const std::string& text, const std::string& literal) {
  auto number_char = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (c != '\0' && std::strchr("+-.eE", c));
  };
  return scan_outside_strings(text, [&](std::size_t i) {
    return (i == 0 || !number_char(text[i - 1])) && text.compare(i, literal.size(), literal) == 0;
  });
}

}  // namespace

JsonDocument parse_json_document(const std::string& text, const std::string& file) {
  JsonDocument doc{nlohmann::json(), SourceMap(file)};
  // Bound the nesting before anything recurses over the text: a hostile file can nest a
  // million brackets, and the position scanner below is recursive.
  {
    int depth = 0;
    const std::size_t too_deep = scan_outside_strings(text, [&](std::size_t i) {
      if (text[i] == '{' || text[i] == '[') return ++depth > kMaxDepth;
      if (text[i] == '}' || text[i] == ']') --depth;
      return false;
    });
    if (too_deep < text.size()) {
      throw ScenarioError(
          {{position_of_offset(text, too_deep, file), "",
            "nesting deeper than " + std::to_string(kMaxDepth) + " levels", "a scenario of reasonable depth"}});
    }
  }
  try {
    doc.root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann reports the last character it read; for an unexpected string that is the
    // closing quote, so step back to the string's opening quote where the user's eye goes.
    std::string what = e.what();
    std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    if (what.find("unexpected string literal") != std::string::npos && offset < text.size() && text[offset] == '"') {
      std::size_t open = offset;
      while (open > 0) {
        --open;
        if (text[open] == '"' && (open == 0 || text[open - 1] != '\\')) break;
      }
      offset = open;
    }
    if (auto p = what.find("syntax error while parsing value - "); p != std::string::npos)
      what = what.substr(p + 35);
    else if (auto q = what.find(": "); q != std::string::npos)
      what = what.substr(q + 2);
    throw ScenarioError({{position_of_offset(text, offset, file), "", "malformed JSON: " + what, "valid JSON"}});
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond a double's range ("1e400"): nlohmann quotes the literal but not where it is.
    const std::string what = e.what();
    const std::size_t open = what.find('\'');
    const std::size_t close = what.rfind('\'');
    const std::string literal = open < close ? what.substr(open + 1, close - open - 1) : "";
    const std::size_t offset = literal.empty() ? text.size() : find_number(text, literal);
    throw ScenarioError({{position_of_offset(text, offset, file), "", "number " + literal + " is too large",
                          "a number of magnitude below about 1.8e308"}});
  }
  std::vector<Diagnostic> errors;
  PositionScanner(text, doc.source, errors).scan();
  if (!errors.empty()) throw ScenarioError(errors);
  return doc;
}

JsonDocument load_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({{{path, 0, 0}, "", "cannot open the file", "a readable scenario file"}});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw ScenarioError({{{path, 0, 0}, "", "cannot read the file", "a readable scenario file"}});
  return parse_json_document(buffer.str(), path);
}

}  // namespace lakesim::sim
