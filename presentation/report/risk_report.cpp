#include "presentation/report/risk_report.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "presentation/report/html.hpp"

namespace lakesim::presentation::report {

namespace {

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100 * share);
  return buf;
}

std::string interval(const analysis::DesignRisk& d) {
  return format_number(d.ci_low) + " .. " + format_number(d.ci_high);
}

// The table's rows as cells: header first.
std::vector<std::vector<std::string>> rows(const analysis::RiskEstimate& e) {
  std::vector<std::vector<std::string>> out = {{"design", "infrastructure/yr", "outages/yr", "expected/yr", "95% CI",
                                                "p95 year", "cheapest years", "lowest expected"}};
  for (std::size_t i = 0; i < e.designs.size(); ++i) {
    const analysis::DesignRisk& d = e.designs[i];
    out.push_back({d.label + (i == e.cheapest ? " *" : ""), format_number(d.infrastructure_per_year),
                   format_number(d.outage_cost_per_year), format_number(d.expected_per_year), interval(d),
                   format_number(d.p95_year), percent(d.cheapest_years), percent(d.lowest_expected)});
  }
  return out;
}

std::string svg_chart(const analysis::RiskEstimate& e) {
  const double width = 720, row = 34, left = 200, right = 40, top = 30;
  double most = 0;
  for (const analysis::DesignRisk& d : e.designs) most = std::max({most, d.ci_high, d.p95_year, d.expected_per_year});
  if (most <= 0) most = 1;
  const double height = top + row * static_cast<double>(e.designs.size()) + 30;
  const auto x = [&](double usd) { return left + (width - left - right) * std::max(0.0, usd) / most; };
  char buf[512];
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(static_cast<int>(width)) +
                    "\" height=\"" + std::to_string(static_cast<int>(height)) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  std::snprintf(buf, sizeof buf,
                "<text x=\"%.0f\" y=\"18\">expected yearly cost in USD (bar: infrastructure dark, outages light; "
                "whisker: 95%% CI; tick: p95 year)</text>\n",
                10.0);
  svg += buf;
  for (std::size_t i = 0; i < e.designs.size(); ++i) {
    const analysis::DesignRisk& d = e.designs[i];
    const double y = top + row * static_cast<double>(i);
    std::snprintf(buf, sizeof buf, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%s</text>\n", left - 8, y + 17,
                  html_escape(d.label).c_str());
    svg += buf;
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"20\" fill=\"#3b6ea5\"/>"
                  "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"20\" fill=\"#9cc3e6\"/>\n",
                  left, y + 4, x(d.infrastructure_per_year) - left, x(d.infrastructure_per_year), y + 4,
                  x(d.expected_per_year) - x(d.infrastructure_per_year));
    svg += buf;
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>"
                  "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" stroke=\"#c0392b\" stroke-width=\"2\"/>\n",
                  x(d.ci_low), x(d.ci_high), y + 14, y + 14, x(d.p95_year), x(d.p95_year), y + 2, y + 26);
    svg += buf;
  }
  return svg + "</svg>\n";
}

}  // namespace

std::string risk_table_text(const analysis::RiskEstimate& e) {
  const auto table = rows(e);
  std::vector<std::size_t> width(table.front().size(), 0);
  for (const auto& r : table)
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  std::string out;
  for (const auto& r : table) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(width[c] - r[c].size(), ' ');
      line += c == 0 ? r[c] + pad : "  " + pad + r[c];  // names left, numbers right
    }
    out += line + "\n";
  }
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "USD; %.2f outages a year, %zu sampled outages per design, %zu simulated years; * cheapest expected: "
                "%s\n",
                e.outages_per_year, e.samples, e.years, e.designs[e.cheapest].label.c_str());
  return out + buf;
}

std::string risk_html(const analysis::RiskEstimate& e, const std::string& title, const std::string& notes) {
  std::string html = page_begin(title);
  html += "<h1>" + html_escape(title) + "</h1>\n<p class=\"meta\">" + html_escape(notes) + "</p>\n";
  html += svg_image(svg_chart(e), "expected yearly cost per design");
  html += "<table>";
  const auto table = rows(e);
  for (std::size_t r = 0; r < table.size(); ++r) {
    html += "<tr>";
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const char* tag = r == 0 ? "th" : "td";
      html +=
          std::string("<") + tag + (c == 0 ? " class=\"l\"" : "") + ">" + html_escape(table[r][c]) + "</" + tag + ">";
    }
    html += "</tr>\n";
  }
  html +=
      "</table>\n<p>Expected yearly cost = infrastructure a year (a day without outages, x 365) + outages a year "
      "x the mean cost of a sampled outage (failed requests, unavailability and lost data at the scenario's "
      "<code>impact</code> rates). The 95% CI is over the sampled outages; the p95 year and the share of years "
      "in which a design is cheapest come from simulated years (a Poisson number of outages, each one of the "
      "sampled outages); \"lowest expected\" is how often a design has the lowest expected cost when the "
      "sampled outages are resampled.</p>\n";
  return html + page_end();
}

}  // namespace lakesim::presentation::report
