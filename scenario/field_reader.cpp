#include "scenario/field_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "scenario/suggest.hpp"

namespace lakesim::sim {

void FieldReader::error(const std::string& pointer, std::string message, std::string expected, bool at_key) {
  diagnostics_.push_back({source_.locate(pointer, at_key), pointer, std::move(message), std::move(expected)});
}

bool FieldReader::object(const nlohmann::json& node, const std::string& pointer,
                         const std::vector<std::string>& allowed) {
  if (!node.is_object()) {
    error(pointer, std::string("a ") + node.type_name() + " where an object belongs", "an object");
    return false;
  }
  for (const auto& [key, _] : node.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = "unknown key \"" + key + "\"";
    if (auto guess = closest_match(key, allowed)) message += "; did you mean \"" + *guess + "\"?";
    std::string expected = "one of:";
    for (const std::string& a : allowed) expected += " " + a;
    error(pointer_append(pointer, key), message, expected, true);
  }
  return true;
}

bool FieldReader::array(const nlohmann::json& node, const std::string& pointer) {
  if (node.is_array()) return true;
  error(pointer, std::string("a ") + node.type_name() + " where a list belongs", "a list [...]");
  return false;
}

const nlohmann::json* FieldReader::field(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                         Need need, const char* expected) {
  if (!obj.is_object() || !obj.contains(key)) {
    if (need == Need::Required) error(pointer, std::string("missing required key \"") + key + "\"", expected);
    return nullptr;
  }
  return &obj[key];
}

std::optional<std::string> FieldReader::string(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                               Need need) {
  const nlohmann::json* v = field(obj, pointer, key, need, "a string");
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(pointer_append(pointer, key), std::string("a ") + v->type_name() + " where a string belongs", "a string");
    return std::nullopt;
  }
  if (v->get_ref<const std::string&>().empty()) {
    error(pointer_append(pointer, key), "empty string", "a non-empty string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> FieldReader::integer(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                                 Need need, std::int64_t min, std::int64_t max) {
  const std::string expected = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  const nlohmann::json* v = field(obj, pointer, key, need, expected.c_str());
  if (!v) return std::nullopt;
  const std::string at = pointer_append(pointer, key);
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (std::floor(d) != d) {
      error(at, "fractional number " + v->dump() + " where a whole number belongs", expected);
      return std::nullopt;
    }
    if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
      error(at, v->dump() + " is out of range", expected);
      return std::nullopt;
    }
    return static_cast<std::int64_t>(d);
  }
  if (!v->is_number_integer()) {
    error(at, std::string("a ") + v->type_name() + " where a number belongs", expected);
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    error(at, v->dump() + " is out of range", expected);
    return std::nullopt;
  }
  const std::int64_t i = v->get<std::int64_t>();
  if (i < min || i > max) {
    error(at, std::to_string(i) + (i <= 0 && min > 0 ? " is not positive" : " is out of range"), expected);
    return std::nullopt;
  }
  return i;
}

std::optional<bool> FieldReader::boolean(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                         Need need) {
  const nlohmann::json* v = field(obj, pointer, key, need, "true or false");
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    error(pointer_append(pointer, key), std::string("a ") + v->type_name() + " where a boolean belongs",
          "true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::uint64_t> FieldReader::seed(const nlohmann::json& obj, const std::string& pointer, const char* key) {
  const nlohmann::json* v = field(obj, pointer, key, Need::Optional, "");
  if (!v) return std::nullopt;
  if (!v->is_number_unsigned()) {
    error(pointer_append(pointer, key), v->dump() + " is not a seed", "a whole number from 0 to 2^64-1");
    return std::nullopt;
  }
  return v->get<std::uint64_t>();
}

std::optional<double> FieldReader::number(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                          Need need, double min, double max) {
  char range[96];
  std::snprintf(range, sizeof range, "a number from %g to %g", min, max);
  const nlohmann::json* v = field(obj, pointer, key, need, range);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(pointer_append(pointer, key), std::string("a ") + v->type_name() + " where a number belongs", range);
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!(d >= min && d <= max)) {
    error(pointer_append(pointer, key), v->dump() + " is out of range", range);
    return std::nullopt;
  }
  return d;
}

std::optional<double> FieldReader::quantity(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                            Need need, Zero zero, const char* kind,
                                            Parsed<double> (*parse)(std::string_view)) {
  const std::string expected = std::string("a ") + kind + " string with a unit";
  const nlohmann::json* v = field(obj, pointer, key, need, expected.c_str());
  if (!v) return std::nullopt;
  const std::string at = pointer_append(pointer, key);
  if (!v->is_string()) {
    // A bare number is the commonest mistake: say which unit was missing.
    const auto probe = parse("1x");
    const std::string hint = std::holds_alternative<UnitError>(probe) ? std::get<UnitError>(probe).expected : expected;
    error(at, std::string("a ") + v->type_name() + " where a " + kind + " with a unit belongs", hint);
    return std::nullopt;
  }
  const auto parsed = parse(v->get_ref<const std::string&>());
  if (const auto* e = std::get_if<UnitError>(&parsed)) {
    error(at, e->message, e->expected);
    return std::nullopt;
  }
  const double value = std::get<double>(parsed);
  if (zero == Zero::Rejected && value <= 0) {
    error(at, std::string("zero ") + kind + " \"" + v->get<std::string>() + "\"", std::string("a positive ") + kind);
    return std::nullopt;
  }
  return value;
}

std::optional<double> FieldReader::duration(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                            Need need, Zero zero) {
  return quantity(obj, pointer, key, need, zero, "duration", parse_duration);
}
std::optional<double> FieldReader::size(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                        Need need, Zero zero) {
  return quantity(obj, pointer, key, need, zero, "size", parse_size);
}
std::optional<double> FieldReader::bandwidth(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                             Need need) {
  return quantity(obj, pointer, key, need, Zero::Rejected, "bandwidth", parse_bandwidth);
}
std::optional<double> FieldReader::rate(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                        Need need) {
  return quantity(obj, pointer, key, need, Zero::Rejected, "rate", parse_rate);
}
std::optional<double> FieldReader::speed(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                         Need need) {
  return quantity(obj, pointer, key, need, Zero::Rejected, "speed", parse_speed);
}

std::optional<std::size_t> FieldReader::keyword(const nlohmann::json& obj, const std::string& pointer, const char* key,
                                                Need need, const std::vector<std::string>& words, const char* what) {
  auto word = string(obj, pointer, key, need);
  if (!word) return std::nullopt;
  const auto it = std::find(words.begin(), words.end(), *word);
  if (it != words.end()) return static_cast<std::size_t>(it - words.begin());
  std::string message = std::string("unknown ") + what + " \"" + *word + "\"";
  if (auto guess = closest_match(*word, words)) message += "; did you mean \"" + *guess + "\"?";
  std::string expected = "one of:";
  for (const std::string& w : words) expected += " " + w;
  error(pointer_append(pointer, key), message, expected);
  return std::nullopt;
}

bool FieldReader::known(const std::string& pointer, const std::string& what, const std::string& name,
                        const std::vector<std::string>& known_names) {
  if (std::find(known_names.begin(), known_names.end(), name) != known_names.end()) return true;
  std::string message = "undefined " + what + " \"" + name + "\"";
  if (auto guess = closest_match(name, known_names)) message += "; did you mean \"" + *guess + "\"?";
  std::string expected = "one of:";
  for (const std::string& k : known_names) expected += " " + k;
  error(pointer, message, expected);
  return false;
}

std::optional<std::vector<std::string>> FieldReader::names(const nlohmann::json& obj, const std::string& pointer,
                                                           const char* key, Need need) {
  const nlohmann::json* v = field(obj, pointer, key, need, "a list of names");
  if (!v) return std::nullopt;
  const std::string at = pointer_append(pointer, key);
  if (!array(*v, at)) return std::nullopt;
  if (v->empty()) {
    error(at, "empty list", "at least one name");
    return std::nullopt;
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  bool ok = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string item = at + "/" + std::to_string(i);
    const nlohmann::json& n = (*v)[i];
    if (!n.is_string() || n.get_ref<const std::string&>().empty()) {
      error(item, std::string("a ") + n.type_name() + " where a name belongs", "a non-empty string");
      ok = false;
      continue;
    }
    if (!seen.insert(n.get<std::string>()).second) {
      error(item, "duplicate name \"" + n.get<std::string>() + "\"", "each name once");
      ok = false;
    }
    out.push_back(n.get<std::string>());
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace lakesim::sim
