#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "scenario/catalog.hpp"

namespace lakesim::cli {
namespace {

std::string csv_field(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int catalog_command(const std::string& plane, const std::string& format) {
  std::optional<models::Plane> only;
  if (!plane.empty()) only = models::parse_plane_key(plane);
  std::vector<const models::Component*> rows;
  for (const models::Component& c : models::catalog())
    if (!only || c.plane == *only) rows.push_back(&c);

  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const models::Component* c : rows) {
      list.push_back({{"id", c->id},
                      {"name", c->name},
                      {"purpose", c->purpose},
                      {"where_it_runs", c->where_it_runs},
                      {"plane", models::plane_key(c->plane)},
                      {"dr_practice", c->dr_practice},
                      {"archetype", models::to_string(c->archetype)}});
    }
    std::cout << list.dump(2) << "\n";
  } else if (format == "csv") {
    std::cout << "id,name,purpose,where_it_runs,plane,dr_practice,archetype\n";
    for (const models::Component* c : rows) {
      std::cout << c->id << "," << csv_field(c->name) << "," << csv_field(c->purpose) << ","
                << csv_field(c->where_it_runs) << "," << models::plane_key(c->plane) << "," << csv_field(c->dr_practice)
                << "," << models::to_string(c->archetype) << "\n";
    }
  } else {
    // Column widths from the content, so the table stays aligned whatever the rows.
    std::size_t w_name = 9, w_runs = 13, w_arch = 9;
    for (const models::Component* c : rows) {
      w_name = std::max(w_name, c->name.size());
      w_runs = std::max(w_runs, c->where_it_runs.size());
      w_arch = std::max(w_arch, models::to_string(c->archetype).size());
    }
    auto pad = [](std::string_view s, std::size_t w) { return std::string(s) + std::string(w - s.size() + 2, ' '); };
    std::cout << pad("Component", w_name) << pad("Plane", 13) << pad("Where it runs", w_runs)
              << pad("Archetype", w_arch) << "DR best practice\n";
    for (const models::Component* c : rows) {
      std::cout << pad(c->name, w_name) << pad(models::to_string(c->plane), 13) << pad(c->where_it_runs, w_runs)
                << pad(models::to_string(c->archetype), w_arch) << c->dr_practice << "\n";
    }
    std::cout << rows.size() << " components\n";
  }
  return kExitOk;
}

}  // namespace lakesim::cli
