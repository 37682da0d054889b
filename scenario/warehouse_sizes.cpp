#include "scenario/warehouse_sizes.hpp"

namespace lakesim::sim {

const std::vector<WarehouseSize>& warehouse_sizes() {
  // Worker counts double per size, from 1 (2X-Small) to 256 (4X-Large).
  static const std::vector<WarehouseSize> sizes = {
      {"2X-Small", 1}, {"X-Small", 2},   {"Small", 4},      {"Medium", 8},     {"Large", 16},
      {"X-Large", 32}, {"2X-Large", 64}, {"3X-Large", 128}, {"4X-Large", 256},
  };
  return sizes;
}

std::optional<int> warehouse_workers(std::string_view size) {
  for (const WarehouseSize& s : warehouse_sizes())
    if (size == s.name) return s.workers;
  return std::nullopt;
}

std::string warehouse_size_above(std::string_view size) {
  const auto& all = warehouse_sizes();
  for (std::size_t i = 0; i + 1 < all.size(); ++i)
    if (size == all[i].name) return all[i + 1].name;
  return {};
}

}  // namespace lakesim::sim
