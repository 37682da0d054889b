#pragma once
// The outcome of `lakesim risk` for people: an aligned table for the terminal, and a page with the
// same table and a chart of each design's expected yearly cost (bar), its confidence interval
// (whisker) and its p95 year (tick), drawn as inline SVG.
#include <string>

#include "analysis/risk_estimate.hpp"

namespace lakesim::presentation::report {

std::string risk_table_text(const analysis::RiskEstimate& estimate);
std::string risk_html(const analysis::RiskEstimate& estimate, const std::string& title, const std::string& notes);

}  // namespace lakesim::presentation::report
