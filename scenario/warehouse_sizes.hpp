#pragma once
// The SQL warehouse sizes users pick ("2X-Small" ... "4X-Large") and the workers per cluster each
// stands for. Source: Databricks, "SQL warehouse sizing, scaling, and queuing behavior" (AWS: the
// workers are i3.2xlarge; the driver, which plans and coordinates rather than runs tasks, is not
// modelled); see docs/scenario-format.md and the domain numbers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lakesim::sim {

struct WarehouseSize {
  const char* name;
  int workers;  // instances per cluster
};

// Smallest first.
const std::vector<WarehouseSize>& warehouse_sizes();
// The workers per cluster of a size, matched as written ("Medium"); nothing for unknown names.
std::optional<int> warehouse_workers(std::string_view size);
// The next size up, or empty when `size` is the largest or unknown.
std::string warehouse_size_above(std::string_view size);

}  // namespace lakesim::sim
