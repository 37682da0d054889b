#include "presentation/report/policy_ranking.hpp"

#include <algorithm>
#include <cstdio>

#include "analysis/policy_evaluation.hpp"
#include "presentation/report/html.hpp"

namespace lakesim::presentation::report {

nlohmann::json policy_ranking(const std::vector<std::pair<std::string, std::vector<const nlohmann::json*>>>& designs) {
  std::vector<nlohmann::json> rows;
  bool any_policy = false;
  for (const auto& [label, runs] : designs) {
    std::size_t met = 0, with_policy = 0, cost_runs = 0;
    double missed = 0, cost = 0;
    std::string policy;
    nlohmann::json missed_targets = nlohmann::json::array();
    for (const nlohmann::json* r : runs) {
      if (!r) continue;
      if (r->contains("cost") && (*r)["cost"].contains("total_usd")) {
        cost += (*r)["cost"]["total_usd"].get<double>();
        ++cost_runs;
      }
      if (!r->contains("policy") || !(*r)["policy"].is_object()) continue;
      const nlohmann::json& p = (*r)["policy"];
      ++with_policy;
      policy = p["name"].get<std::string>();
      met += analysis::policy_met(p) ? 1 : 0;
      missed += p["targets_missed"].get<double>();
      if (missed_targets.empty())
        for (const std::string& m : analysis::missed_targets(p)) missed_targets.push_back(m);
    }
    any_policy = any_policy || with_policy > 0;
    nlohmann::json row = {{"design", label},
                          {"policy", with_policy ? nlohmann::json(policy) : nlohmann::json(nullptr)},
                          {"runs", with_policy},
                          {"runs_meeting_policy", met},
                          {"compliance", with_policy ? static_cast<double>(met) / with_policy : 0.0},
                          {"mean_targets_missed", with_policy ? missed / with_policy : 0.0},
                          {"missed_targets", missed_targets}};
    row["mean_cost_usd"] = cost_runs ? nlohmann::json(cost / cost_runs) : nlohmann::json(nullptr);
    rows.push_back(row);
  }
  if (!any_policy) return nullptr;
  std::stable_sort(rows.begin(), rows.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    if (a["compliance"] != b["compliance"]) return a["compliance"].get<double>() > b["compliance"].get<double>();
    if (a["mean_targets_missed"] != b["mean_targets_missed"])
      return a["mean_targets_missed"].get<double>() < b["mean_targets_missed"].get<double>();
    const double ca = a["mean_cost_usd"].is_number() ? a["mean_cost_usd"].get<double>() : 1e300;
    const double cb = b["mean_cost_usd"].is_number() ? b["mean_cost_usd"].get<double>() : 1e300;
    return ca < cb;
  });
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i]["rank"] = i + 1;
    out.push_back(rows[i]);
  }
  return out;
}

std::string policy_ranking_text(const nlohmann::json& ranking) {
  if (!ranking.is_array()) return "";
  std::string out = "ranked by compliance with the resilience policy, then cost:\n";
  char line[512];
  for (const auto& r : ranking) {
    std::snprintf(line, sizeof line, "  %zu. %-28s met in %zu of %zu runs  %.2f targets missed  cost %s\n",
                  r["rank"].get<std::size_t>(), r["design"].get<std::string>().c_str(),
                  r["runs_meeting_policy"].get<std::size_t>(), r["runs"].get<std::size_t>(),
                  r["mean_targets_missed"].get<double>(),
                  r["mean_cost_usd"].is_number() ? format_number(r["mean_cost_usd"].get<double>()).c_str() : "-");
    out += line;
    for (const auto& m : r["missed_targets"]) out += "       missed: " + m.get<std::string>() + "\n";
  }
  return out;
}

std::string policy_ranking_html(const nlohmann::json& ranking) {
  if (!ranking.is_array()) return "";
  std::string out =
      "<h2>Ranked by compliance with the resilience policy, then cost</h2>\n<table><tr><th>rank</th>"
      "<th class=\"l\">design</th><th>runs meeting the policy</th><th>targets missed (mean)</th><th>cost (USD, "
      "mean)</th><th class=\"l\">missed targets</th></tr>\n";
  for (const auto& r : ranking) {
    std::string missed;
    for (const auto& m : r["missed_targets"])
      missed += (missed.empty() ? "" : "<br>") + html_escape(m.get<std::string>());
    out += "<tr><td>" + std::to_string(r["rank"].get<std::size_t>()) + "</td><td class=\"l\">" +
           html_escape(r["design"].get<std::string>()) + "</td><td>" +
           std::to_string(r["runs_meeting_policy"].get<std::size_t>()) + " of " +
           std::to_string(r["runs"].get<std::size_t>()) + "</td><td>" +
           format_number(r["mean_targets_missed"].get<double>()) + "</td><td>" +
           (r["mean_cost_usd"].is_number() ? format_number(r["mean_cost_usd"].get<double>()) : "-") +
           "</td><td class=\"l\">" + missed + "</td></tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace lakesim::presentation::report
