#include "presentation/report/sweep_table.hpp"

#include <algorithm>
#include <vector>

#include "presentation/report/comparison.hpp"
#include "presentation/report/headline_metrics.hpp"
#include "presentation/report/html.hpp"

namespace lakesim::presentation::report {

namespace {

bool seconds_metric(const std::string& metric) {
  return metric.size() > 8 && metric.compare(metric.size() - 8, 8, "_seconds") == 0;
}

std::string value_text(const std::string& metric, double v) {
  return seconds_metric(metric) ? format_seconds(v) : format_number(v);
}

const nlohmann::json* find_metric(const nlohmann::json& point, const std::string& metric) {
  const auto list = point.find("metrics");
  if (list == point.end() || !list->is_array()) return nullptr;
  for (const nlohmann::json& m : *list)
    if (m.value("metric", "") == metric) return &m;
  return nullptr;
}

std::string cell(const nlohmann::json& point, const std::string& metric) {
  const nlohmann::json* m = find_metric(point, metric);
  if (m == nullptr || !(*m)["mean"].is_number()) return "-";
  const double mean = (*m)["mean"].get<double>();
  std::string text = value_text(metric, mean);
  if (m->value("n", 0) >= 2 && (*m)["ci95"].is_array())
    text += " ±" + value_text(metric, ((*m)["ci95"][1].get<double>() - (*m)["ci95"][0].get<double>()) / 2);
  return text;
}

// Columns counted in characters, not bytes ("±" is one column).
std::size_t columns(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string sweep_table_text(const nlohmann::json& sweep) {
  const nlohmann::json points = sweep.value("points", nlohmann::json::array());
  std::vector<std::string> metrics;
  for (const nlohmann::json& p : points)
    for (const nlohmann::json& m : p.value("metrics", nlohmann::json::array())) {
      const std::string name = m.value("metric", "");
      if (is_table_metric(name) && std::find(metrics.begin(), metrics.end(), name) == metrics.end())
        metrics.push_back(name);
    }
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header = {"point"};
  for (const nlohmann::json& p : points) {
    std::string label;
    const nlohmann::json assignments = p.value("assignments", nlohmann::json::object());
    for (const nlohmann::json& axis : sweep.value("axes", nlohmann::json::array())) {
      const std::string path = axis.value("path", "");
      if (!assignments.contains(path)) continue;
      const nlohmann::json& value = assignments[path];
      label += (label.empty() ? "" : ", ") + (value.is_string() ? value.get<std::string>() : value.dump());
    }
    header.push_back(label.empty() ? p.value("name", "") : label);
  }
  table.push_back(header);
  for (const std::string& metric : metrics) {
    std::vector<std::string> row = {metric_label(metric)};
    for (const nlohmann::json& p : points) row.push_back(cell(p, metric));
    table.push_back(row);
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : table)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], columns(row[c]));
  std::string out;
  for (const auto& row : table) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - columns(row[c]), ' ');
      line += c == 0 ? row[c] + pad : "  " + pad + row[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace lakesim::presentation::report
