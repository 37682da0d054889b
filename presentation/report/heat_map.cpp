#include "presentation/report/heat_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "presentation/report/html.hpp"

namespace lakesim::presentation::report {

namespace {

// Three decades below the busiest cell are coloured; below that a cell says nothing useful.
constexpr double kDecades = 3.0;

double busiest(const std::map<std::pair<std::string, std::string>, double>& values) {
  double most = 0;
  for (const auto& [key, u] : values) most = std::max(most, u);
  return most;
}

std::string percent(double share) { return format_number(share * 100) + " %"; }

std::string cell(std::optional<double> u, double most) {
  if (!u) return "<td class=\"heat na\">-</td>";
  const std::string exact = percent(*u);
  if (most <= 0 || *u < most * std::pow(10.0, -kDecades))
    return "<td class=\"heat\" title=\"" + html_escape(exact) + "\"></td>";
  const double level = std::clamp((std::log10(*u / most) + kDecades) / kDecades, 0.0, 1.0);
  const int red = static_cast<int>(std::lround(255 - level * (255 - 24)));
  const int green = static_cast<int>(std::lround(255 - level * (255 - 80)));
  const int blue = static_cast<int>(std::lround(255 - level * (255 - 160)));
  char style[96];
  std::snprintf(style, sizeof style, "background:rgb(%d,%d,%d);color:%s", red, green, blue,
                level > 0.55 ? "#fff" : "#1d2733");
  return "<td class=\"heat\" title=\"" + html_escape(exact) + "\" style=\"" + std::string(style) + "\">" +
         html_escape(exact) + "</td>";
}

}  // namespace

std::string heat_map_table(const std::string& row_label, const std::vector<std::string>& rows,
                           const std::vector<std::string>& columns,
                           const std::map<std::pair<std::string, std::string>, double>& values) {
  const double most = busiest(values);
  // Rows with the same cells everywhere are one row naming them all.
  std::vector<std::pair<std::vector<std::optional<double>>, std::vector<std::string>>> groups;
  for (const std::string& row : rows) {
    std::vector<std::optional<double>> cells;
    for (const std::string& c : columns) {
      const auto it = values.find({row, c});
      cells.push_back(it == values.end() ? std::nullopt : std::optional<double>(it->second));
    }
    auto same = std::find_if(groups.begin(), groups.end(), [&cells](const auto& g) { return g.first == cells; });
    if (same == groups.end())
      groups.push_back({cells, {row}});
    else
      same->second.push_back(row);
  }
  std::string out = "<table><tr><th class=\"l\">" + html_escape(row_label) + "</th>";
  for (const std::string& c : columns) out += "<th>" + html_escape(c) + "</th>";
  out += "</tr>\n";
  for (const auto& [cells, names] : groups) {
    std::string label;
    for (const std::string& n : names) label += (label.empty() ? "" : ", ") + n;
    if (names.size() > 1) label = std::to_string(names.size()) + " alike: " + label;
    out += "<tr><td class=\"l\">" + html_escape(label) + "</td>";
    for (const auto& u : cells) out += cell(u, most);
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string heat_map_scale_note(const std::map<std::pair<std::string, std::string>, double>& values) {
  const double most = busiest(values);
  if (most <= 0) return "Nothing was busy: every cell is 0 %.";
  return "Colour relative to the busiest cell (" + percent(most) +
         " of its capacity, darkest), on a log scale over three decades; cells under a thousandth of it (" +
         percent(most / 1000) + ") are left blank (hover for the value); rows alike in every region are one row.";
}

}  // namespace lakesim::presentation::report
