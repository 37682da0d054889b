#include "cli/sweep_plan.hpp"

#include <cstdio>
#include <stdexcept>

#include "sim/random_stream.hpp"

namespace lakesim::cli {

SweepAxis parse_axis(const std::string& vary) {
  const auto eq = vary.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == vary.size()) {
    throw std::invalid_argument("--vary " + vary + ": expected path=v1,v2,... (e.g. --vary replication.lag=1m,5m)");
  }
  SweepAxis axis{vary.substr(0, eq), {}};
  const std::string list = vary.substr(eq + 1);
  if (list.front() == '[') {
    const nlohmann::json values = nlohmann::json::parse(list, nullptr, false);
    if (values.is_discarded() || !values.is_array() || values.empty()) {
      throw std::invalid_argument("--vary " + vary + ": a value list in brackets must be a non-empty JSON array");
    }
    for (const auto& v : values) axis.values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  } else {
    std::size_t start = 0;
    for (;;) {
      const auto comma = list.find(',', start);
      axis.values.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  for (std::size_t i = 0; i < axis.values.size(); ++i) {
    if (axis.values[i].empty())
      throw std::invalid_argument("--vary " + vary + ": value " + std::to_string(i + 1) + " is empty");
    for (std::size_t j = 0; j < i; ++j) {
      if (axis.values[j] == axis.values[i])
        throw std::invalid_argument("--vary " + vary + ": " + axis.values[i] + " is listed twice");
    }
  }
  return axis;
}

std::vector<SweepPoint> cross_product(const std::vector<SweepAxis>& axes) {
  std::vector<std::vector<std::string>> combos(1);
  for (const SweepAxis& axis : axes) {
    std::vector<std::vector<std::string>> next;
    for (const auto& combo : combos) {
      for (const std::string& v : axis.values) {
        next.push_back(combo);
        next.back().push_back(axis.path + "=" + v);
      }
    }
    combos = std::move(next);
  }
  std::vector<SweepPoint> points;
  for (auto& combo : combos) points.push_back({point_name(combo), std::move(combo)});
  return points;
}

std::string point_name(const std::vector<std::string>& assignments) {
  std::string joined, name;
  bool changed = false;
  for (const std::string& a : assignments) {
    joined += (joined.empty() ? "" : "\n") + a;
    if (!name.empty()) name += '+';
    for (char c : a) {
      const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '-' || c == '_' || c == '=';
      name += plain ? c : '_';
      changed = changed || !plain;
    }
  }
  if (name.size() > 96) {
    name.resize(96);
    changed = true;
  }
  if (changed || name.empty()) {
    char hash[24];
    std::snprintf(hash, sizeof hash, "~%08llx", static_cast<unsigned long long>(sim::fnv1a(joined) & 0xffffffffULL));
    name += hash;
  }
  if (name.front() == '.' || name.front() == '-') name.insert(0, "p");
  return name;
}

nlohmann::json plan_to_json(const SweepPlan& plan) {
  nlohmann::json axes = nlohmann::json::array();
  for (const SweepAxis& a : plan.axes) axes.push_back({{"path", a.path}, {"values", a.values}});
  nlohmann::json points = nlohmann::json::array();
  for (const SweepPoint& p : plan.points) points.push_back({{"name", p.name}, {"assignments", p.assignments}});
  return {{"format", "lakesim-sweep-plan/1"},
          {"scenario", plan.scenario_file},
          {"variant", plan.variant},
          {"sets", plan.sets},
          {"axes", axes},
          {"replications", plan.seeds.size()},
          {"seeds", plan.seeds},
          {"points", points}};
}

SweepPlan plan_from_json(const nlohmann::json& json) {
  if (!json.is_object() || json.value("format", std::string()) != "lakesim-sweep-plan/1") {
    throw std::runtime_error("not a lakesim sweep plan (expected \"format\": \"lakesim-sweep-plan/1\")");
  }
  try {
    SweepPlan plan;
    plan.scenario_file = json.at("scenario").get<std::string>();
    plan.variant = json.at("variant").get<std::string>();
    plan.sets = json.at("sets").get<std::vector<std::string>>();
    for (const auto& a : json.at("axes"))
      plan.axes.push_back({a.at("path").get<std::string>(), a.at("values").get<std::vector<std::string>>()});
    for (const auto& p : json.at("points")) {
      plan.points.push_back({p.at("name").get<std::string>(), p.at("assignments").get<std::vector<std::string>>()});
    }
    plan.seeds = json.at("seeds").get<std::vector<std::uint64_t>>();
    return plan;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("a malformed sweep plan: ") + e.what());
  }
}

}  // namespace lakesim::cli
