// The replication section names datasets by catalogue id; scenario loading keeps its own copy of
// the ids (it sits below the models), which must match the catalogue's datasets exactly.
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/catalog.hpp"
#include "sim/replication_spec.hpp"

TEST_CASE("the replicable dataset ids are exactly the catalogue's datasets") {
  std::vector<std::string> catalogue;
  for (const auto& c : lakesim::models::catalog())
    if (c.archetype == lakesim::models::Archetype::Dataset) catalogue.emplace_back(c.id);
  std::vector<std::string> listed = lakesim::sim::replicable_datasets();
  std::sort(catalogue.begin(), catalogue.end());
  std::sort(listed.begin(), listed.end());
  CHECK(listed.size() == 12);
  CHECK(listed == catalogue);
}
