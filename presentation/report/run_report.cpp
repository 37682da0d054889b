#include "presentation/report/run_report.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "analysis/atomic_file.hpp"
#include "presentation/report/charts.hpp"
#include "presentation/report/heat_map.hpp"
#include "presentation/report/html.hpp"
#include "presentation/report/impact_section.hpp"
#include "presentation/report/outage_walkthrough.hpp"
#include "presentation/report/policy_section.hpp"
#include "presentation/report/results_file.hpp"

namespace lakesim::presentation::report {

namespace {

std::optional<double> num(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return std::nullopt;
  return object[key].get<double>();
}

std::string str(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "";
  return object[key].get<std::string>();
}

const nlohmann::json& list(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!object.is_object() || !object.contains(key) || !object[key].is_array()) return empty;
  return object[key];
}

const nlohmann::json& object(const nlohmann::json& parent, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  if (!parent.is_object() || !parent.contains(key) || !parent[key].is_object()) return empty;
  return parent[key];
}

std::string td(const std::string& text, bool left = false) {
  return std::string(left ? "<td class=\"l\">" : "<td>") + html_escape(text) + "</td>";
}

std::string th(const std::string& text, bool left = false) {
  return std::string(left ? "<th class=\"l\">" : "<th>") + html_escape(text) + "</th>";
}

// Splits one CSV record (RFC 4180 quoting, no line breaks inside fields: timeline details have none).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        out.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

bool notable(const std::string& kind) {
  static const char* const kPrefixes[] = {"fault_",   "failover_",     "outage_",       "rerun_",
                                          "failback", "stream_failed", "stream_resumed"};
  for (const char* p : kPrefixes) {
    if (kind.rfind(p, 0) == 0) return true;
  }
  return false;
}

std::string kpi(const std::string& label, const std::string& value) {
  return "<span class=\"kpi\">" + html_escape(label) + "<b>" + html_escape(value) + "</b></span>\n";
}

std::string chart_or_note(const ToolResult& chart, const std::string& what, std::vector<std::string>& notes) {
  if (chart.ok) return svg_image(chart.output, what);
  notes.push_back(what + ": " + chart.note);
  return chart_note(what, chart.note);
}

std::string header_section(const nlohmann::json& r) {
  const nlohmann::json& scenario = object(r, "scenario");
  std::string title = "lakesim run: " + str(scenario, "name");
  if (!str(scenario, "variant").empty()) title += " (" + str(scenario, "variant") + ")";
  std::string out = "<h1>" + html_escape(title) + "</h1>\n<p class=\"meta\">" + html_escape(str(scenario, "file")) +
                    " &middot; seed " + html_escape(r.value("seed", nlohmann::json(0)).dump()) + " &middot; " +
                    html_escape(format_seconds(num(r, "simulated_seconds"))) + " simulated &middot; fingerprint " +
                    html_escape(str(r, "fingerprint")) + "</p>\n";
  if (!r.value("complete", true))
    out += "<p class=\"note\">Partial run: stopped by --max-wall before the scenario's end.</p>\n";
  double completed = 0, failed = 0;
  for (const auto& w : list(r, "workloads")) {
    completed += num(w, "completed").value_or(0);
    failed += num(w, "failed").value_or(0);
  }
  out += "<div>" + kpi("requests completed", format_number(completed)) + kpi("requests failed", format_number(failed));
  if (r.contains("cost")) out += kpi("cost", format_number(num(r["cost"], "total_usd")) + " USD");
  for (const auto& f : list(object(r, "dr"), "failovers")) {
    out += kpi("RTO after " + str(f, "outage"), format_seconds(num(f, "rto_seconds")));
  }
  for (const auto& o : list(object(r, "data_loss"), "region_outages")) {
    out += kpi("worst protected RPO", format_seconds(num(o, "worst_protected_rpo_seconds")));
  }
  return out + "</div>\n";
}

std::string workloads_section(const nlohmann::json& r, std::vector<std::string>& notes) {
  std::string out = "<h2>Workloads</h2>\n<table><tr>" + th("workload", true) + th("class", true) + th("completed") +
                    th("failed") + th("per hour") + th("latency p50") + th("p95") + th("p99") +
                    th("failures by cause", true) + "</tr>\n";
  for (const auto& w : list(r, "workloads")) {
    const nlohmann::json lat = object(w, "latency_seconds");
    std::string causes;
    for (const auto& [cause, count] : object(w, "failed_by_cause").items()) {
      causes += (causes.empty() ? "" : ", ") + cause + " " + count.dump();
    }
    out += "<tr>" + td(str(w, "name"), true) + td(str(w, "class"), true) + td(format_number(num(w, "completed"))) +
           td(format_number(num(w, "failed"))) + td(format_number(num(w, "throughput_per_hour"))) +
           td(format_seconds(num(lat, "p50"))) + td(format_seconds(num(lat, "p95"))) +
           td(format_seconds(num(lat, "p99"))) + td(causes, true) + "</tr>\n";
  }
  out += "</table>\n<h3>Throughput over time</h3>\n";
  out += chart_or_note(throughput_chart(r), "throughput", notes);
  return out;
}

std::string events_section(const nlohmann::json& r, const std::string& timeline) {
  std::string out;
  if (!list(r, "outages").empty()) {
    out += "<h2>Outages</h2>\n<table><tr>" + th("outage", true) + th("kind", true) + th("target", true) + th("start") +
           th("end") + th("hosts off") + th("links off") + th("components down") + "</tr>\n";
    for (const auto& o : list(r, "outages")) {
      out += "<tr>" + td(str(o, "name"), true) + td(str(o, "kind"), true) + td(str(o, "target"), true) +
             td(format_seconds(num(o, "start"))) + td(format_seconds(num(o, "end"))) +
             td(format_number(num(o, "hosts_off"))) + td(format_number(num(o, "links_off"))) +
             td(std::to_string(list(o, "components_down").size())) + "</tr>\n";
    }
    out += "</table>\n";
  }
  std::istringstream lines(timeline);
  std::string line, rows;
  std::getline(lines, line);  // header
  int shown = 0, more = 0;
  while (std::getline(lines, line)) {
    const auto f = csv_fields(line);
    if (f.size() < 5 || !notable(f[3])) continue;
    if (shown >= 40) {
      ++more;
      continue;
    }
    rows += "<tr>" + td(format_seconds(std::strtod(f[0].c_str(), nullptr))) + td(f[3], true) + td(f[1], true) +
            td(f[2], true) + td(f[4], true) + "</tr>\n";
    ++shown;
  }
  if (!rows.empty()) {
    out += "<h3>Key events (timeline.csv)</h3>\n<table><tr>" + th("time") + th("event", true) + th("component", true) +
           th("region", true) + th("detail", true) + "</tr>\n" + rows + "</table>\n";
    if (more > 0) out += "<p class=\"meta\">" + std::to_string(more) + " more in timeline.csv.</p>\n";
  }
  return out;
}

std::string recovery_section(const nlohmann::json& r, std::vector<std::string>& notes) {
  std::string out;
  const nlohmann::json dr = object(r, "dr");
  const auto& failovers = list(dr, "failovers");
  if (!failovers.empty()) {
    out += "<h2>Failover: " + html_escape(str(dr, "strategy")) + " " + html_escape(str(dr, "primary")) + " &rarr; " +
           html_escape(str(dr, "secondary")) + "</h2>\n";
    for (const auto& f : failovers) {
      out += chart_or_note(recovery_gantt_chart(f), "recovery timeline", notes);
      out += "<table><tr>" + th("outage", true) + th("RTO (steps)") + th("observed by users");
      const nlohmann::json steps = object(f, "rto_steps_seconds");
      for (const char* s : {"detection", "decision", "infrastructure", "compute_start", "catch_up", "redirection"})
        out += th(s);
      out += th("completed", true) + "</tr>\n<tr>" + td(str(f, "outage"), true) +
             td(format_seconds(num(f, "rto_seconds"))) + td(format_seconds(num(f, "observed_rto_seconds")));
      for (const char* s : {"detection", "decision", "infrastructure", "compute_start", "catch_up", "redirection"}) {
        out += td(format_seconds(num(steps, s)));
      }
      out += td(f.value("completed", false) ? "yes" : "no", true) + "</tr>\n</table>\n";
    }
  }
  const nlohmann::json recovery = object(r, "recovery");
  // Services that recovered alike (same region, outage, RTO and availability) share one row.
  std::vector<std::pair<std::string, std::vector<std::string>>> alike;  // the row's other cells, its services
  for (const auto& s : list(recovery, "services")) {
    for (const auto& o : list(s, "outages")) {
      if (!o.value("affected", false)) continue;
      const auto rto = num(o, "rto_seconds");
      const std::string cells = td(str(s, "region"), true) + td(str(o, "outage"), true) +
                                (rto ? td(format_seconds(rto)) : "<td class=\"worse\">not within the run</td>") +
                                td(format_number(num(s, "availability").value_or(0) * 100) + " %");
      auto same = std::find_if(alike.begin(), alike.end(), [&cells](const auto& a) { return a.first == cells; });
      if (same == alike.end())
        alike.push_back({cells, {str(s, "name")}});
      else
        same->second.push_back(str(s, "name"));
    }
  }
  std::string rows;
  for (const auto& [cells, names] : alike) {
    std::string label;
    for (const std::string& n : names) label += (label.empty() ? "" : ", ") + n;
    if (names.size() > 1) label = std::to_string(names.size()) + " services alike: " + label;
    rows += "<tr>" + td(label, true) + cells + "</tr>\n";
  }
  if (!rows.empty()) {
    out += "<h2>Recovery time per service (users' probes every " +
           html_escape(format_seconds(num(recovery, "probe_interval_seconds"))) + ")</h2>\n<table><tr>" +
           th("service", true) + th("region", true) + th("outage", true) + th("observed RTO") + th("availability") +
           "</tr>\n" + rows + "</table>\n";
  }
  return out;
}

std::string data_loss_section(const nlohmann::json& r) {
  std::string out;
  const nlohmann::json loss = object(r, "data_loss");
  for (const auto& o : list(loss, "region_outages")) {
    out += "<h2>Data loss at the loss of " + html_escape(str(o, "region")) + " (" + html_escape(str(o, "name")) +
           ")</h2>\n";
    out += "<p>Worst RPO of a protected component: <b>" +
           html_escape(format_seconds(num(o, "worst_protected_rpo_seconds"))) +
           "</b>; writes lost by unprotected components: <b>" +
           html_escape(format_number(num(o, "unprotected_lost_writes"))) + "</b>.</p>\n<table><tr>" +
           th("component", true) + th("name", true) + th("practice", true) + th("written") + th("lost") +
           th("unit", true) + th("RPO") + th("came back") + "</tr>\n";
    for (const auto& c : list(o, "components")) {
      const bool lost = num(c, "lost_writes").value_or(0) > 0;
      out += "<tr>" + td(str(c, "component"), true) + td(str(c, "name"), true) + td(str(c, "practice"), true) +
             td(format_number(num(c, "writes_before"))) +
             (lost ? "<td class=\"worse\">" + format_number(num(c, "lost_writes")) + "</td>" : td("0")) +
             td(str(c, "unit"), true) + td(format_seconds(num(c, "rpo_seconds"))) +
             td(format_number(num(c, "returned_after_recovery"))) + "</tr>\n";
    }
    out += "</table>\n";
  }
  return out;
}

std::string utilisation_section(const nlohmann::json& r) {
  std::vector<std::string> regions, components;
  std::map<std::pair<std::string, std::string>, double> values;
  for (const auto& c : list(r, "components")) {
    const std::string region = str(c, "region"), id = str(c, "id");
    if (std::find(regions.begin(), regions.end(), region) == regions.end()) regions.push_back(region);
    if (std::find(components.begin(), components.end(), id) == components.end()) components.push_back(id);
    if (const auto u = num(c, "utilisation")) values[{id, region}] = *u;
  }
  if (components.empty()) return "";
  std::string out =
      "<h2>Utilisation by region and component</h2>\n<p class=\"meta\">Share of the component's "
      "capacity busy over the run. " +
      html_escape(heat_map_scale_note(values)) + "</p>\n";
  out += heat_map_table("component", components, regions, values);
  const nlohmann::json& hosts = object(object(r, "resources"), "hosts");
  if (hosts.is_object() && !hosts.empty()) {
    std::vector<std::string> host_regions, roles;
    std::map<std::pair<std::string, std::string>, double> host_values;
    for (const auto& [key, h] : hosts.items()) {
      // Keys are region/role/name.
      const auto slash = key.find('/');
      const std::string region = key.substr(0, slash);
      const std::string role = slash == std::string::npos ? key : key.substr(slash + 1);
      if (std::find(host_regions.begin(), host_regions.end(), region) == host_regions.end())
        host_regions.push_back(region);
      if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
      if (const auto u = num(h, "utilisation")) host_values[{role, region}] = *u;
    }
    out += "<h3>Hosts (CPU) by region and role</h3>\n<p class=\"meta\">" +
           html_escape(heat_map_scale_note(host_values)) + "</p>\n" +
           heat_map_table("role", roles, host_regions, host_values);
  }
  return out;
}

std::string cost_section(const nlohmann::json& r) {
  if (!r.contains("cost")) return "";
  const nlohmann::json& c = r["cost"];
  std::string out = "<h2>Cost</h2>\n<table><tr>" + th("item", true) + th("quantity") + th("USD") + "</tr>\n";
  for (const auto& [type, i] : object(c, "instances").items()) {
    out += "<tr>" + td("instances " + type, true) + td(format_number(num(i, "hours")) + " h") +
           td(format_number(num(i, "usd"))) + "</tr>\n";
  }
  const nlohmann::json s3 = object(c, "s3");
  out += "<tr>" + td("S3 requests", true) +
         td(format_number(num(s3, "get_requests").value_or(0) + num(s3, "put_requests").value_or(0))) +
         td(format_number(num(s3, "usd"))) + "</tr>\n";
  const nlohmann::json x = object(c, "cross_region");
  out += "<tr>" + td("cross-region transfer", true) + td(format_number(num(x, "bytes").value_or(0) / 1e9) + " GB") +
         td(format_number(num(x, "usd"))) + "</tr>\n";
  const auto total = num(c, "total_usd");
  const auto seconds = num(r, "simulated_seconds");
  out += "<tr><th class=\"l\">total</th><th></th><th>" + html_escape(format_number(total)) + "</th></tr>\n";
  if (total && seconds && *seconds > 0) {
    out +=
        "<tr>" + td("per day at this rate", true) + td("") + td(format_number(*total * 86400 / *seconds)) + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string read_optional(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string build(const RunFiles& run, std::vector<std::string>& notes) {
  const nlohmann::json& r = run.results;
  std::string html = page_begin("lakesim: " + str(object(r, "scenario"), "name"));
  html += header_section(r);
  if (!run.narration.empty())
    html += "<h2>What happened</h2>\n<pre class=\"narration\">" + html_escape(run.narration) + "</pre>\n";
  // The layered overview fits the page (the full call graph would shrink its text to nothing);
  // runs written before the overview existed show the full graph.
  const ToolResult topology = topology_chart(run.topology_dot);
  const ToolResult overview = run.overview_dot.empty() ? topology : topology_chart(run.overview_dot);
  html += "<h2>Architecture</h2>\n" + chart_or_note(overview, "architecture", notes);
  if (topology.ok) {
    html += "<details><summary>Architecture at full size</summary><div class=\"wide\">" +
            svg_image(topology.output, "architecture at full size") + "</div></details>\n";
  }
  html += outage_walkthrough(r, run.narration);
  html += workloads_section(r, notes);
  html += events_section(r, run.timeline_csv);
  html += recovery_section(r, notes);
  html += policy_section_html(r);
  html += data_loss_section(r);
  html += utilisation_section(r);
  html += cost_section(r);
  html += impact_section(r);
  return html + page_end();
}

}  // namespace

RunFiles read_run_files(const std::string& dir) {
  RunFiles run;
  run.results = read_results_file(dir + "/results.json");
  run.timeline_csv = read_optional(dir + "/timeline.csv");
  run.topology_dot = read_optional(dir + "/topology.dot");
  run.overview_dot = read_optional(dir + "/overview.dot");
  run.narration = read_optional(dir + "/narration.txt");
  return run;
}

std::string run_report_html(const RunFiles& run) {
  std::vector<std::string> notes;
  return build(run, notes);
}

std::vector<std::string> write_run_report(const std::string& dir) {
  const RunFiles run = read_run_files(dir);
  std::vector<std::string> notes;
  const std::string html = build(run, notes);
  sim::write_file_atomically(dir + "/report.html", html);
  // The walk through the outage on a page of its own, for a projector.
  if (!walkthrough_frames(run.results).empty())
    sim::write_file_atomically(dir + "/walkthrough.html", outage_walkthrough_page(run.results, run.narration));
  return notes;
}

}  // namespace lakesim::presentation::report
