#include "presentation/report/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/statistics.hpp"
#include "presentation/report/charts.hpp"
#include "presentation/report/html.hpp"

namespace lakesim::presentation::report {

namespace {

std::vector<std::string> all_metrics(const Comparison& c) {
  std::vector<std::string> names;
  for (const Design& d : c.designs) {
    for (const std::string& n : d.samples.names()) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
  }
  return names;
}

std::vector<std::string> table_metrics(const Comparison& c) {
  std::vector<std::string> names;
  for (const std::string& n : all_metrics(c)) {
    if (is_table_metric(n)) names.push_back(n);
    // What an outage cost the users: failed requests, where any design failed some.
    const std::string failed = "/failed";
    if (n.rfind("workloads/", 0) == 0 && n.size() > failed.size() &&
        n.compare(n.size() - failed.size(), failed.size(), failed) == 0 &&
        std::any_of(c.designs.begin(), c.designs.end(), [&](const Design& d) {
          const auto v = d.samples.present(n);
          return std::any_of(v.begin(), v.end(), [](double x) { return x > 0; });
        }))
      names.push_back(n);
  }
  return names;
}

// The pairs of runs (same seed) where both designs measured the metric.
analysis::PairedTest paired(const Design& base, const Design& other, const std::string& metric) {
  const auto a = base.samples.values(metric);
  const auto b = other.samples.values(metric);
  std::vector<double> x, y;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] && b[i]) {
      x.push_back(*a[i]);
      y.push_back(*b[i]);
    }
  }
  return analysis::paired_t_test(x, y);
}

bool seconds_metric(const std::string& metric) {
  return metric.size() > 8 && metric.compare(metric.size() - 8, 8, "_seconds") == 0;
}

std::string value_text(const std::string& metric, double v) {
  return seconds_metric(metric) ? format_seconds(v) : format_number(v);
}

std::string cell_text(const std::string& metric, const MetricSamples& samples) {
  const analysis::SampleSummary s = analysis::summarize(samples.present(metric));
  // A design without that outage has no such figure: "-"; one that had it and never recovered says so.
  const auto& names = samples.names();
  const bool measured = std::find(names.begin(), names.end(), metric) != names.end();
  if (s.n == 0) return measured && metric.rfind("recovery/", 0) == 0 ? "not recovered" : "-";
  std::string text = value_text(metric, s.mean);
  if (s.n >= 2) text += " ±" + value_text(metric, s.half_width);
  if (s.n < samples.runs()) text += " (" + std::to_string(s.n) + "/" + std::to_string(samples.runs()) + ")";
  return text;
}

std::string difference_text(const std::string& metric, const analysis::PairedTest& t) {
  if (t.n == 0) return "";
  const std::string size = value_text(metric, std::fabs(t.mean_difference));
  // No sign on a difference that prints as zero.
  const bool zero = size == "0" || size == "0 s";
  std::string text = (zero ? "" : t.mean_difference > 0 ? "+" : t.mean_difference < 0 ? "-" : "") + size;
  if (!t.tested) return text + " (n=1)";
  char p[32];
  std::snprintf(p, sizeof p, "%.3f", t.p_value);
  return text + (t.significant ? " *" : "") + " p=" + p;
}

std::string pad(const std::string& text, std::size_t width) {
  // Pads by characters, counting UTF-8 continuation bytes as nothing ("±" is two bytes, one column).
  std::size_t columns = 0;
  for (unsigned char c : text) columns += (c & 0xC0) != 0x80;
  return text + std::string(width > columns ? width - columns : 1, ' ');
}

}  // namespace

std::string metric_label(const std::string& metric) {
  const auto first = metric.find('/');
  const auto last = metric.rfind('/');
  const std::string kind = metric.substr(0, first);
  const std::string middle = first == last ? "" : metric.substr(first + 1, last - first - 1);
  const std::string leaf = metric.substr(last + 1);
  if (kind == "workloads") {
    if (leaf == "throughput_per_hour") return middle + ": throughput per hour";
    if (leaf == "latency_p95_seconds") return middle + ": latency p95";
    if (leaf == "failed") return middle + ": failed requests";
  }
  if (kind == "dr") return "failover RTO (" + middle + ")";
  if (kind == "recovery") {
    if (leaf == "worst_rto_seconds") return "observed RTO, worst service (" + middle + ")";
    return "observed RTO " + middle;
  }
  if (kind == "data_loss") {
    if (leaf == "worst_protected_rpo_seconds") return "worst protected RPO (" + middle + ")";
    if (leaf == "lost_writes") return "lost writes (" + middle + ")";
    if (leaf == "unprotected_lost_writes") return "unprotected lost writes (" + middle + ")";
  }
  if (kind == "impact") {
    if (leaf == "unavailable_seconds") return middle + ": unavailable";
    if (leaf == "failed_requests") return "failed requests";
    if (leaf == "outage_cost_usd") return "outage cost (USD)";
    if (leaf == "data_loss_cost_usd") return "data-loss cost (USD)";
    if (leaf == "infrastructure_usd") return "infrastructure cost of the run (USD)";
    if (leaf == "total_usd") return "total cost of the run (USD)";
  }
  if (metric == "cost/usd_per_day") return "cost per day (USD)";
  if (metric == "cost/total_usd") return "cost of the run (USD)";
  return metric;
}

int metric_direction(const std::string& metric) {
  const std::string suffix = "throughput_per_hour";
  return metric.size() >= suffix.size() && metric.compare(metric.size() - suffix.size(), suffix.size(), suffix) == 0
             ? 1
             : -1;
}

nlohmann::json comparison_json(const Comparison& c) {
  nlohmann::json designs = nlohmann::json::array();
  for (const Design& d : c.designs) designs.push_back({{"label", d.label}, {"metrics", summary_entries(d.samples)}});
  nlohmann::json differences = nlohmann::json::array();
  const std::vector<std::string> metrics = all_metrics(c);
  for (std::size_t i = 1; i < c.designs.size(); ++i) {
    for (const std::string& m : metrics) {
      const analysis::PairedTest t = paired(c.designs.front(), c.designs[i], m);
      nlohmann::json entry = {{"design", c.designs[i].label}, {"metric", m}, {"pairs", t.n}};
      if (t.n == 0) {
        entry["mean_difference"] = entry["ci95"] = entry["p_value"] = entry["significant"] = nullptr;
      } else {
        entry["mean_difference"] = t.mean_difference;
        entry["ci95"] = {t.ci_low, t.ci_high};
        entry["p_value"] = t.tested ? nlohmann::json(t.p_value) : nlohmann::json();
        entry["significant"] = t.tested ? nlohmann::json(t.significant) : nlohmann::json();
        entry["better"] =
            t.tested && t.significant ? nlohmann::json(t.mean_difference * metric_direction(m) > 0) : nlohmann::json();
      }
      differences.push_back(entry);
    }
  }
  return {{"format", "lakesim-comparison/1"},
          {"baseline", c.designs.empty() ? "" : c.designs.front().label},
          {"replications", c.seeds.size()},
          {"seeds", c.seeds},
          {"confidence", 0.95},
          {"test", "paired t-test on common seeds, two-sided"},
          {"designs", designs},
          {"differences", differences}};
}

std::string comparison_text(const Comparison& c) {
  const std::vector<std::string> metrics = table_metrics(c);
  std::size_t label_width = 12;
  for (const auto& m : metrics) label_width = std::max(label_width, metric_label(m).size() + 2);
  std::size_t column = 16;
  for (const Design& d : c.designs) {
    column = std::max(column, d.label.size() + 12);
    for (const auto& m : metrics) column = std::max(column, cell_text(m, d.samples).size() + 2);
  }
  std::string out = pad("", label_width);
  for (std::size_t i = 0; i < c.designs.size(); ++i)
    out += pad(c.designs[i].label + (i == 0 ? " (baseline)" : ""), column);
  out += "\n";
  for (const auto& m : metrics) {
    std::string line = pad(metric_label(m), label_width);
    std::string diff = pad("", label_width);
    bool any_diff = false;
    for (std::size_t i = 0; i < c.designs.size(); ++i) {
      line += pad(cell_text(m, c.designs[i].samples), column);
      const std::string d = i == 0 ? "" : difference_text(m, paired(c.designs.front(), c.designs[i], m));
      any_diff = any_diff || !d.empty();
      diff += pad(d.empty() ? "" : "diff " + d, column);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    while (!diff.empty() && diff.back() == ' ') diff.pop_back();
    out += line + "\n";
    if (any_diff) out += diff + "\n";
  }
  if (c.common_seeds) {
    out += "mean ±95% CI half-width over " + std::to_string(c.seeds.size()) +
           " common seeds; diff: mean difference to the baseline, * significant (paired t-test, p < 0.05)\n";
  } else {
    out += "one run per design; diff: plain difference to the first\n";
  }
  return out;
}

std::string comparison_html(const Comparison& c, const std::string& title,
                            const std::vector<std::pair<std::string, nlohmann::json>>& runs) {
  std::string html = page_begin(title);
  html += "<h1>" + html_escape(title) + "</h1>\n<p class=\"meta\">";
  if (!c.common_seeds) {
    html +=
        "One run per design, as found in each directory; differences to the first column are plain differences, "
        "without a test (use <code>lakesim compare</code> for replications on common seeds).</p>\n";
  } else {
    html += std::to_string(c.seeds.size()) + (c.seeds.size() == 1 ? " run" : " replications") + " per design";
  }
  if (c.common_seeds && !c.seeds.empty()) {
    html += " on common seeds (";
    for (std::size_t i = 0; i < c.seeds.size() && i < 8; ++i) html += (i ? ", " : "") + std::to_string(c.seeds[i]);
    html += c.seeds.size() > 8 ? ", ...)" : ")";
  }
  if (c.common_seeds)
    html +=
        ". Cells: mean &plusmn; half-width of the 95 % confidence interval (Student t). Below it: the difference to "
        "the baseline (first column), <span class=\"sig\">green</span> when significantly better and <span "
        "class=\"worse\">red</span> when significantly worse (paired t-test, p &lt; 0.05).</p>\n";
  html += "<table><tr><th class=\"l\">metric</th>";
  for (std::size_t i = 0; i < c.designs.size(); ++i) {
    html += "<th>" + html_escape(c.designs[i].label) + (i == 0 ? "<br>(baseline)" : "") + "</th>";
  }
  html += "</tr>\n";
  for (const auto& m : table_metrics(c)) {
    html += "<tr><td class=\"l\">" + html_escape(metric_label(m)) + "</td>";
    for (std::size_t i = 0; i < c.designs.size(); ++i) {
      html += "<td>" + html_escape(cell_text(m, c.designs[i].samples));
      if (i > 0) {
        const analysis::PairedTest t = paired(c.designs.front(), c.designs[i], m);
        const std::string d = difference_text(m, t);
        if (!d.empty()) {
          const char* css = !t.significant ? "na" : t.mean_difference * metric_direction(m) > 0 ? "sig" : "worse";
          html += "<br><span class=\"" + std::string(css) + "\">" + html_escape(d) + "</span>";
        }
      }
      html += "</td>";
    }
    html += "</tr>\n";
  }
  html += "</table>\n";
  if (!runs.empty()) {
    html += "<h2>Throughput over time (replication 0 of each design)</h2>\n";
    const ToolResult chart = throughput_overlay_chart(runs);
    html += chart.ok ? svg_image(chart.output, "throughput") : chart_note("throughput", chart.note);
  }
  return html + page_end();
}

}  // namespace lakesim::presentation::report
