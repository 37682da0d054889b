#include "scenario/impact_reader.hpp"

#include <cctype>
#include <cstdlib>

namespace lakesim::sim {

using nlohmann::json;

namespace {

constexpr const char* kRateForm = "\"<amount> USD/<unit>\", e.g. \"0.40 USD/request\"";

std::string trimmed(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

// What one rate measures, and the units its denominator may take.
enum class Per { Request, Time, Commit, Bytes };

// The cost per base unit (request, second, commit, byte) of `text`, or an error naming the form.
Parsed<double> per_base_unit(std::string_view text, Per per) {
  const Parsed<CostRate> parsed = parse_cost_rate(text);
  if (const auto* e = std::get_if<UnitError>(&parsed)) return *e;
  const CostRate rate = std::get<CostRate>(parsed);
  switch (per) {
    case Per::Request:
      if (rate.unit == "request") return rate.usd;
      return UnitError{"a cost per " + rate.unit + " where a cost per failed request belongs",
                       "\"<amount> USD/request\""};
    case Per::Commit:
      if (rate.unit == "commit") return rate.usd;
      return UnitError{"a cost per " + rate.unit + " where a cost per lost commit belongs", "\"<amount> USD/commit\""};
    case Per::Time: {
      const Parsed<double> seconds = parse_duration("1" + rate.unit);
      if (const double* s = std::get_if<double>(&seconds); s && *s > 0) return rate.usd / *s;
      return UnitError{"a cost per " + rate.unit + " where a cost per unit of time belongs",
                       "\"<amount> USD/h\" (or /s, /min, /day)"};
    }
    case Per::Bytes: {
      const Parsed<double> bytes = parse_size("1" + rate.unit);
      if (const double* b = std::get_if<double>(&bytes); b && *b > 0) return rate.usd / *b;
      return UnitError{"a cost per " + rate.unit + " where a cost per amount of data belongs",
                       "\"<amount> USD/GB\" (or /MB, /TB, /GiB, ...)"};
    }
  }
  return UnitError{"an unknown rate", kRateForm};
}

std::optional<double> read_rate(const json& obj, FieldReader& in, const std::string& at, const char* key, Per per) {
  if (!obj.contains(key)) return std::nullopt;
  const std::string path = at + "/" + key;
  const json& value = obj[key];
  if (!value.is_string()) {
    in.error(path, std::string("a ") + value.type_name() + " where a cost rate belongs", kRateForm);
    return std::nullopt;
  }
  const Parsed<double> parsed = per_base_unit(value.get<std::string>(), per);
  if (const auto* e = std::get_if<UnitError>(&parsed)) {
    in.error(path, e->message, e->expected);
    return std::nullopt;
  }
  return std::get<double>(parsed);
}

RequestImpact read_request_rates(const json& obj, FieldReader& in, const std::string& at) {
  RequestImpact rates;
  if (!in.object(obj, at, {"failed_request", "unavailable"})) return rates;
  rates.usd_per_failed_request = read_rate(obj, in, at, "failed_request", Per::Request);
  rates.usd_per_unavailable_second = read_rate(obj, in, at, "unavailable", Per::Time);
  return rates;
}

DataImpact read_data_rates(const json& obj, FieldReader& in, const std::string& at) {
  DataImpact rates;
  if (!in.object(obj, at, {"commit", "data"})) return rates;
  rates.usd_per_lost_commit = read_rate(obj, in, at, "commit", Per::Commit);
  rates.usd_per_lost_byte = read_rate(obj, in, at, "data", Per::Bytes);
  return rates;
}

template <class Named, class Rates>
std::vector<Named> read_named(const json& section, FieldReader& in, const std::string& at, const char* key,
                              const char* what, const std::vector<std::string>& known,
                              Rates (*read)(const json&, FieldReader&, const std::string&)) {
  std::vector<Named> out;
  if (!section.contains(key)) return out;
  const std::string list_at = at + "/" + key;
  const json& entries = section[key];
  if (!entries.is_object()) {
    in.error(list_at, std::string("a ") + entries.type_name() + " where an object of names belongs",
             std::string("{\"<") + what + " name>\": {...}}");
    return out;
  }
  for (const auto& [name, rates] : entries.items()) {
    const std::string entry_at = list_at + "/" + name;
    if (!in.known(entry_at, what, name, known)) continue;
    out.push_back({name, read(rates, in, entry_at)});
  }
  return out;
}

}  // namespace

Parsed<CostRate> parse_cost_rate(std::string_view text) {
  const std::string t = trimmed(text);
  const char* begin = t.c_str();
  char* end = nullptr;
  const double amount = std::strtod(begin, &end);
  if (end == begin) return UnitError{"\"" + t + "\" does not start with an amount", kRateForm};
  std::string rest = trimmed(std::string_view(end));
  if (rest.rfind("USD", 0) != 0) return UnitError{"\"" + t + "\" is not in USD", kRateForm};
  rest = trimmed(std::string_view(rest).substr(3));
  if (rest.empty() || rest.front() != '/' || trimmed(std::string_view(rest).substr(1)).empty())
    return UnitError{"\"" + t + "\" has no unit after USD", kRateForm};
  if (!(amount >= 0) || amount > 1e15) return UnitError{"\"" + t + "\" is not a sensible amount", "0 or more USD"};
  return CostRate{amount, trimmed(std::string_view(rest).substr(1))};
}

void read_impact(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("impact")) return;
  const json& r = root["impact"];
  const std::string at = "/impact";
  if (!in.object(r, at, {"workloads", "classes", "lost_data", "tables"})) return;
  std::vector<std::string> workloads, tables;
  for (const WorkloadSpec& w : s.workloads) workloads.push_back(w.name);
  for (const TableSpec& t : s.tables) tables.push_back(t.name);
  const std::vector<std::string> classes = {"job", "sql", "notebook", "streaming", "training"};
  ImpactSpec spec;
  spec.workloads = read_named<NamedRequestImpact>(r, in, at, "workloads", "workload", workloads, read_request_rates);
  spec.classes = read_named<NamedRequestImpact>(r, in, at, "classes", "workload class", classes, read_request_rates);
  spec.tables = read_named<NamedDataImpact>(r, in, at, "tables", "table", tables, read_data_rates);
  if (r.contains("lost_data")) spec.lost_data = read_data_rates(r["lost_data"], in, at + "/lost_data");
  s.impact = spec;
}

}  // namespace lakesim::sim
