#pragma once
// A table of shares (utilisation by region and component) coloured relative to its busiest cell:
// on a log scale over three decades below it, cells under a thousandth of it left blank (the
// value stays in the cell's title), and rows whose cells are all the same collapsed into one.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lakesim::presentation::report {

// `values` by (row, column); a missing pair is a cell with no value ("-").
std::string heat_map_table(const std::string& row_label, const std::vector<std::string>& rows,
                           const std::vector<std::string>& columns,
                           const std::map<std::pair<std::string, std::string>, double>& values);

// The sentence under a heat map saying what its colours mean, with the busiest value.
std::string heat_map_scale_note(const std::map<std::pair<std::string, std::string>, double>& values);

}  // namespace lakesim::presentation::report
