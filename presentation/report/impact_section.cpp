#include "presentation/report/impact_section.hpp"

#include <optional>
#include <utility>

#include "presentation/report/html.hpp"

namespace lakesim::presentation::report {

namespace {

std::optional<double> value(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string cell(const std::string& text, bool left = false) {
  return std::string(left ? "<td class=\"l\">" : "<td>") + html_escape(text) + "</td>";
}

}  // namespace

std::string impact_section(const nlohmann::json& r) {
  if (!r.contains("impact") || !r["impact"].is_object()) return "";
  const nlohmann::json& impact = r["impact"];
  std::string out =
      "<h2>Business impact</h2>\n<p class=\"meta\">Rates in USD are the scenario's <code>impact</code> section "
      "(configured); failed requests, unavailable time and lost data are simulated.</p>\n"
      "<table><tr><th class=\"l\">workload</th><th>failed requests</th><th>USD per failed</th><th>unavailable</th>"
      "<th>USD per hour down</th><th>cost (USD)</th></tr>\n";
  for (const nlohmann::json& w : impact.value("workloads", nlohmann::json::array())) {
    const auto seconds = value(w, "unavailable_seconds");
    std::string down = format_seconds(seconds);
    if (!w.value("recovered", true)) down += " (not recovered)";
    out += "<tr>" + cell(w.value("name", ""), true) + cell(format_number(value(w, "failed"))) +
           cell(format_number(value(w, "usd_per_failed_request"))) + cell(down) +
           cell(format_number(value(w, "usd_per_unavailable_hour"))) +
           cell(format_number(value(w, "failed_cost_usd").value_or(0) + value(w, "unavailable_cost_usd").value_or(0))) +
           "</tr>\n";
  }
  out += "</table>\n";
  const nlohmann::json lost = impact.value("lost_data", nlohmann::json::array());
  if (!lost.empty()) {
    out +=
        "<table><tr><th class=\"l\">lost data</th><th class=\"l\">outage</th><th>lost</th><th>USD per unit</th>"
        "<th>cost (USD)</th></tr>\n";
    for (const nlohmann::json& d : lost) {
      const bool commits = d.value("unit", "") == "commits";
      const auto amount = value(d, "lost");
      out += "<tr>" + cell(d.value("component", ""), true) + cell(d.value("outage", ""), true) +
             cell(commits ? format_number(amount) + " commits" : format_number(amount.value_or(0) / 1e9) + " GB") +
             cell(format_number(value(d, "usd_per_unit").value_or(0) * (commits ? 1 : 1e9)) +
                  (commits ? "/commit" : "/GB")) +
             cell(format_number(value(d, "cost_usd"))) + "</tr>\n";
    }
    out += "</table>\n";
  }
  out += "<table>";
  const std::pair<const char*, const char*> parts[] = {{"outage (failed requests, unavailability)", "outage_cost_usd"},
                                                       {"data loss", "data_loss_cost_usd"},
                                                       {"infrastructure (the run)", "infrastructure_usd"}};
  for (const auto& [label, key] : parts)
    out += "<tr>" + cell(label, true) + cell(format_number(value(impact, key))) + "</tr>\n";
  out += "<tr><th class=\"l\">total (USD)</th><th>" + html_escape(format_number(value(impact, "total_usd"))) +
         "</th></tr>\n</table>\n";
  return out;
}

}  // namespace lakesim::presentation::report
