#include "presentation/report/policy_section.hpp"

#include <optional>

#include "presentation/report/html.hpp"

namespace lakesim::presentation::report {

namespace {

std::string cell(const std::string& text, const char* cls = nullptr) {
  return std::string(cls ? "<td class=\"" + std::string(cls) + "\">" : "<td>") + html_escape(text) + "</td>";
}

std::string head(const std::string& text) { return "<th class=\"l\">" + html_escape(text) + "</th>"; }

std::optional<double> seconds(const nlohmann::json& v) {
  return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

std::string step_text(const nlohmann::json& s) {
  return s["step"].get<std::string>() + " (" + format_seconds(seconds(s["seconds"])) + ", " +
         (s["source"].is_string() ? s["source"].get<std::string>() : std::string("simulated")) + ")";
}

std::string targets_table(const nlohmann::json& policy) {
  std::string rows;
  for (const auto& a : policy["assessments"]) {
    const bool met = a["met"].get<bool>();
    const std::string measure = a["measure"].get<std::string>();
    std::string target, measured, margin, what;
    if (measure == "availability") {
      target = format_number(a["target"].get<double>() * 100) + " %";
      measured = format_number(a["measured"].get<double>() * 100) + " %";
      margin = format_number(a["margin"].get<double>() * 100) + " points";
    } else {
      target = format_seconds(seconds(a["target_seconds"]));
      measured =
          a["measured_seconds"].is_null() ? "not within the run" : format_seconds(seconds(a["measured_seconds"]));
      margin = a["margin_seconds"].is_null() ? "-" : format_seconds(seconds(a["margin_seconds"]));
    }
    if (a.contains("breaking_step"))
      what = "broken during " + step_text(a["breaking_step"]);
    else if (a.contains("longest_step"))
      what = "longest step: " + step_text(a["longest_step"]);
    if (a.contains("critical_component"))
      what += std::string(what.empty() ? "" : "; ") + (met ? "slowest: " : "worst: ") +
              a["critical_component"]["component"].get<std::string>();
    rows += "<tr>" + cell(a["scope"].get<std::string>(), "l") + cell(a.value("disruption", std::string("-")), "l") +
            cell(a.value("outage", std::string("-")), "l") +
            cell(measure == "rto"   ? "RTO"
                 : measure == "rpo" ? "RPO"
                                    : "availability",
                 "l") +
            cell(target) + cell(measured) + cell(margin) + cell(met ? "met" : "missed", met ? "sig" : "worse") +
            cell(what, "l") + cell(a["basis"].get<std::string>(), "l") + "</tr>\n";
  }
  std::string out = "<table><tr>" + head("scope") + head("disruption") + head("outage") + head("measure") +
                    "<th>target</th><th>measured</th><th>margin</th>" + head("") + head("critical path") +
                    head("measured from") + "</tr>\n" + rows + "</table>\n";
  if (!policy["not_exercised"].empty()) {
    std::string list;
    for (const auto& d : policy["not_exercised"]) list += (list.empty() ? "" : ", ") + d.get<std::string>();
    out += "<p>Targets this run's faults did not exercise: " + html_escape(list) + ".</p>\n";
  }
  return out;
}

std::string zone_recoveries(const nlohmann::json& list) {
  std::string out = "<h2>Control-plane zone recovery</h2>\n<table><tr>" + head("region") + head("zone") +
                    head("outage") + "<th>RTO</th>" + head("steps") + head("new leader") + "</tr>\n";
  for (const auto& r : list) {
    std::string steps;
    for (const auto& s : r["steps"]) steps += (steps.empty() ? "" : " + ") + step_text(s);
    out += "<tr>" + cell(r["region"].get<std::string>(), "l") + cell(r["zone"].get<std::string>(), "l") +
           cell(r["outage"].get<std::string>(), "l") +
           cell(r["rto_seconds"].is_null() ? "not within the run" : format_seconds(seconds(r["rto_seconds"]))) +
           cell(steps, "l") +
           cell(r["new_leader"].is_null() ? (r["surviving_zone"].get<bool>() ? "-" : "no surviving zone")
                                          : r["new_leader"].get<std::string>(),
                "l") +
           "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string policy_section_html(const nlohmann::json& results) {
  std::string out;
  if (results.contains("policy") && results["policy"].is_object()) {
    const nlohmann::json& p = results["policy"];
    out += "<h2>Resilience policy " + html_escape(p["name"].get<std::string>()) + ": " +
           (p["met"].get<bool>() ? "met" : "missed") + " (" + std::to_string(p["targets_met"].get<int>()) + " of " +
           std::to_string(p["targets_met"].get<int>() + p["targets_missed"].get<int>()) + " targets)</h2>\n" +
           targets_table(p);
  }
  if (results.contains("control_plane_zone_recoveries") && results["control_plane_zone_recoveries"].is_array() &&
      !results["control_plane_zone_recoveries"].empty())
    out += zone_recoveries(results["control_plane_zone_recoveries"]);
  return out;
}

}  // namespace lakesim::presentation::report
