#pragma once
// A sweep's table for the terminal: a row per headline metric shown in comparison tables, a column
// per point (headed by its axis values), each cell the mean over the replications with its 95 %
// interval's half width; durations as 7m05s, "-" where a point did not measure the metric.
#include <string>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

// `sweep` is DIR/sweep.json as `lakesim merge` writes it.
std::string sweep_table_text(const nlohmann::json& sweep);

}  // namespace lakesim::presentation::report
