// Scenario loading sits below the models, so it keeps its own lists of catalogue ids (datasets
// that tables and replication name, services whose behaviour /services may override); they must
// match the catalogue exactly.
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/catalog.hpp"
#include "scenario/defaults.hpp"

namespace {
std::vector<std::string> catalogue_ids(bool (*keep)(const lakesim::models::Component&)) {
  std::vector<std::string> ids;
  for (const auto& c : lakesim::models::catalog())
    if (keep(c)) ids.emplace_back(c.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}
}  // namespace

TEST_CASE("the dataset ids are exactly the catalogue's datasets") {
  std::vector<std::string> listed = lakesim::sim::defaults::dataset_component_ids();
  std::sort(listed.begin(), listed.end());
  CHECK(listed.size() == 12);
  CHECK(listed == catalogue_ids([](const lakesim::models::Component& c) {
          return c.archetype == lakesim::models::Archetype::Dataset;
        }));
}

TEST_CASE("the overridable service ids are exactly the catalogue's services and metadata stores") {
  std::vector<std::string> listed = lakesim::sim::defaults::service_component_ids();
  std::sort(listed.begin(), listed.end());
  CHECK(listed.size() == 21);
  CHECK(listed == catalogue_ids([](const lakesim::models::Component& c) {
          return c.archetype == lakesim::models::Archetype::Service ||
                 c.archetype == lakesim::models::Archetype::MetadataStore;
        }));
}
