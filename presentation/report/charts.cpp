#include "presentation/report/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "scenario/units.hpp"

namespace lakesim::presentation::report {

namespace {

const char* const kPalette[] = {"#1f6fb2", "#d9711c", "#2e9b4f", "#c23b3b", "#7b52ab",
                                "#8c564b", "#d14fa5", "#5c6b73", "#a8a21a", "#17a3b8"};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// gnuplot's quoting: single quotes, with '' for a quote.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "''";
    else if (c == '_')
      out += "\\_";  // enhanced text would make a subscript of it
    else if (c == '@' || c == '^' || c == '{' || c == '}' || c == '&')
      out += std::string("\\\\") + c;
    else
      out += c;
  }
  return out + "'";
}

std::string svg_terminal(int width, int height, int font = 11) {
  return "set terminal svg size " + std::to_string(width) + "," + std::to_string(height) + " font 'DejaVu Sans," +
         std::to_string(font) + "' background rgb 'white'\nset encoding utf8\n";
}

std::string outage_rectangles(const nlohmann::json& results, double scale) {
  std::string out;
  int id = 1;
  if (!results.contains("outages") || !results["outages"].is_array()) return out;
  for (const auto& o : results["outages"]) {
    const double start = o.value("start", 0.0) / scale;
    const double end = o.value("end", 0.0) / scale;
    out += "set object " + std::to_string(id++) + " rect from " + number(start) + ", graph 0 to " + number(end) +
           ", graph 1 fc rgb '#f6c9c4' fs solid 0.6 noborder behind\n";
  }
  return out;
}

ToolResult gnuplot(const std::string& script) { return run_tool({"gnuplot"}, script); }

// Sums consecutive bins so that a panel shows at most about 120 steps.
std::vector<double> per_hour(const nlohmann::json& counts, double bin_seconds, std::size_t group) {
  std::vector<double> out;
  const std::size_t n = counts.size();
  for (std::size_t i = 0; i < n; i += group) {
    double sum = 0;
    const std::size_t end = std::min(n, i + group);
    for (std::size_t j = i; j < end; ++j) sum += counts[j].get<double>();
    out.push_back(sum * 3600.0 / (bin_seconds * static_cast<double>(end - i)));
  }
  return out;
}

// How many of the series' bins one step of a workload's panel sums: enough that a step expects
// about three completions at the workload's mean rate (an hourly job is not drawn as 20/h
// spikes), at least `least` (the panel's step limit), at most a sixth of the run; rounded up to a
// whole number of minutes that divides an hour or a whole number of hours.
std::size_t bins_per_step(const nlohmann::json& counts, double bin_seconds, std::size_t least) {
  double total = 0;
  for (const auto& c : counts) total += c.get<double>();
  const double span = bin_seconds * static_cast<double>(counts.size());
  if (total <= 0 || span <= 0 || bin_seconds <= 0) return least;
  const double wanted = std::min(3.0 * span / total, span / 6.0);
  static const double kSteps[] = {60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
  double step = wanted;
  for (const double s : kSteps) {
    if (s >= wanted) {
      step = s;
      break;
    }
  }
  return std::max(least, static_cast<std::size_t>(std::max(1.0, std::round(step / bin_seconds))));
}

// A round step (1, 2 or 5 times a power of ten) giving at most three tics up to `highest`.
double tic_step(double highest) {
  if (highest <= 0) return 1;
  const double raw = highest / 3;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

}  // namespace

ToolResult throughput_chart(const nlohmann::json& results, const ChartLook& look) {
  if (!results.contains("throughput_series")) return {false, "", "the results have no throughput series"};
  const auto& series = results["throughput_series"];
  const auto& workloads = series["workloads"];
  if (workloads.empty()) return {false, "", "the scenario has no workloads"};
  const double bin = series["bin_seconds"].get<double>();
  const std::size_t bins = workloads[0]["completed"].size();
  const std::size_t group = std::max<std::size_t>(1, (bins + 119) / 120);
  const double step_hours = bin * static_cast<double>(group) / 3600.0;
  const double duration_hours = results.value("simulated_seconds", 0.0) / 3600.0;
  const std::size_t count = workloads.size();
  const std::size_t cols = count <= 2 ? count : 3;
  const std::size_t rows = (count + cols - 1) / cols;
  std::string script = look.width > 0 ? svg_terminal(look.width, look.height, look.font)
                                      : svg_terminal(1240, static_cast<int>(rows) * 230 + 30);
  std::vector<double> tic_steps;  // about three labelled tics a panel, readable at any font size
  for (std::size_t w = 0; w < count; ++w) {
    script += "$w" + std::to_string(w) + " << EOD\n";
    const std::size_t steps = bins_per_step(workloads[w]["completed"], bin, group);
    const double hours = bin * static_cast<double>(steps) / 3600.0;
    const std::vector<double> values = per_hour(workloads[w]["completed"], bin, steps);
    const double highest = values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
    tic_steps.push_back(tic_step(highest));
    for (std::size_t i = 0; i < values.size(); ++i) {
      script += number(static_cast<double>(i) * hours) + " " + number(values[i]) + "\n";
    }
    if (!values.empty())
      script += number(static_cast<double>(values.size()) * hours) + " " + number(values.back()) + "\n";
    script += "EOD\n";
  }
  script += "set multiplot layout " + std::to_string(rows) + "," + std::to_string(cols) +
            " title 'Completions per hour over simulated time (shaded: outages)'\n";
  script += "set xrange [0:" + number(std::max(duration_hours, step_hours)) + "]\nset yrange [0:*]\n";
  script +=
      "set xlabel 'hours' offset 0,0.5\nset grid ytics lc rgb '#e3e8ee'\nset key off\nset border 3\n"
      "set xtics nomirror\nset ytics nomirror\nset lmargin " +
      std::to_string(look.width > 0 ? 12 : 9) + "\n";
  script += outage_rectangles(results, 3600.0);
  for (std::size_t w = 0; w < count; ++w) {
    const double step_seconds = bin * static_cast<double>(bins_per_step(workloads[w]["completed"], bin, group));
    script += "set ytics 0," + number(tic_steps[w]) + "\n";
    script += "set title " +
              quoted(workloads[w]["workload"].get<std::string>() + " (per hour, in steps of " +
                     sim::format_whole_duration(step_seconds) + ")") +
              "\n";
    script += "plot $w" + std::to_string(w) + " using 1:2 with fillsteps fc rgb '" + kPalette[w % 10] +
              "' fs transparent solid 0.35 noborder, $w" + std::to_string(w) + " using 1:2 with steps lw 1.5 lc rgb '" +
              kPalette[w % 10] + "'\n";
  }
  script += "unset multiplot\n";
  return gnuplot(script);
}

ToolResult throughput_overlay_chart(const std::vector<std::pair<std::string, nlohmann::json>>& runs) {
  std::string script = svg_terminal(1240, 420);
  std::string plot;
  double longest = 0;
  std::size_t index = 0;
  for (const auto& [label, results] : runs) {
    if (!results.contains("throughput_series")) continue;
    const auto& series = results["throughput_series"];
    const double bin = series["bin_seconds"].get<double>();
    std::vector<double> total;
    for (const auto& w : series["workloads"]) {
      const auto& c = w["completed"];
      if (total.size() < c.size()) total.resize(c.size(), 0);
      for (std::size_t i = 0; i < c.size(); ++i) total[i] += c[i].get<double>();
    }
    const std::size_t group = std::max<std::size_t>(1, (total.size() + 199) / 200);
    const std::vector<double> values = per_hour(nlohmann::json(total), bin, group);
    const double step_hours = bin * static_cast<double>(group) / 3600.0;
    script += "$r" + std::to_string(index) + " << EOD\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
      script += number(static_cast<double>(i) * step_hours) + " " + number(values[i]) + "\n";
    }
    script += "EOD\n";
    longest = std::max(longest, results.value("simulated_seconds", 0.0) / 3600.0);
    plot += std::string(plot.empty() ? "plot " : ", ") + "$r" + std::to_string(index) +
            " using 1:2 with steps lw 1.6 lc rgb '" + kPalette[index % 10] + "' title " + quoted(label);
    ++index;
  }
  if (plot.empty()) return {false, "", "the results have no throughput series"};
  if (!runs.empty()) script += outage_rectangles(runs.front().second, 3600.0);
  script +=
      "set title 'Completions per hour, all workloads (shaded: outages of the first run)'\n"
      "set xlabel 'hours'\nset xrange [0:" +
      number(std::max(longest, 1e-3)) +
      "]\nset yrange [0:*]\n"
      "set grid ytics lc rgb '#e3e8ee'\nset key outside right top\n" +
      plot + "\n";
  return gnuplot(script);
}

ToolResult recovery_gantt_chart(const nlohmann::json& failover, const ChartLook& look) {
  if (!failover.contains("steps") || failover["steps"].empty()) return {false, "", "the failover has no steps"};
  const double origin = failover.value("outage_start", 0.0);
  // Detection is not a step of its own in the results: the outage's start to its detection.
  nlohmann::json steps = nlohmann::json::array();
  if (failover.contains("detected") && failover["detected"].is_number()) {
    steps.push_back({{"step", "detection"}, {"start", origin}, {"end", failover["detected"].get<double>()}});
  }
  for (const auto& s : failover["steps"]) steps.push_back(s);
  std::string script = look.width > 0 ? svg_terminal(look.width, look.height, look.font)
                                      : svg_terminal(1100, 90 + 38 * static_cast<int>(steps.size() + 1));
  script += "$steps << EOD\n";
  double last = 0;
  int row = static_cast<int>(steps.size());
  std::string labels;
  for (const auto& s : steps) {
    const double start = (s.value("start", 0.0) - origin) / 60.0;
    const double end = (s.value("end", 0.0) - origin) / 60.0;
    last = std::max(last, end);
    script +=
        number((start + end) / 2) + " " + std::to_string(row) + " " + number(std::max(0.0, (end - start) / 2)) + "\n";
    labels +=
        std::string(labels.empty() ? "" : ", ") + quoted(s.value("step", std::string("?"))) + " " + std::to_string(row);
    --row;
  }
  script += "EOD\n";
  const nlohmann::json observed = failover.value("observed_rto_seconds", nlohmann::json());
  if (observed.is_number()) {
    last = std::max(last, observed.get<double>() / 60.0);
    script += "set arrow from " + number(observed.get<double>() / 60.0) + ", graph 0 to " +
              number(observed.get<double>() / 60.0) +
              ", graph 1 nohead dt 2 lw 2 lc rgb '#a51d1d'\n"
              "set label 'users see recovery' at " +
              number(observed.get<double>() / 60.0) + ", graph 1.04 center tc rgb '#a51d1d'\n";
  }
  script += "set title " +
            quoted("Failover after " + failover.value("outage", std::string("outage")) +
                   ": recovery steps (minutes from the outage's start)") +
            " offset 0,1\n";
  script += "set ytics (" + labels + ")\nset yrange [0.4:" + number(static_cast<double>(steps.size()) + 0.6) + "]\n";
  script += "set xrange [0:" + number(std::max(1.0, last * 1.05)) +
            "]\nset xlabel 'minutes'\nset grid xtics lc rgb '#e3e8ee'\n"
            "set key off\nset style fill solid 0.8 noborder\n";
  script += "plot $steps using 1:2:3:(0.32) with boxxyerror lc rgb '#1f6fb2'\n";
  return gnuplot(script);
}

ToolResult topology_chart(const std::string& dot) {
  if (dot.empty()) return {false, "", "no topology was recorded for this run"};
  return run_tool({"dot", "-Tsvg"}, dot);
}

}  // namespace lakesim::presentation::report
