#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace lakesim::models {

// Which side of the Databricks split a component lives on.
enum class Plane { Control, Data };

// Behavioural family a component is simulated as; components of the same
// archetype share one failure/recovery model.
enum class Archetype { Service, MetadataStore, LogSink, ComputePool, Dataset, Scratch };

// One row of the component matrix. The text fields are kept verbatim from
// the seed so reports can quote them without a translation layer.
struct Component {
  std::string_view id;             // stable snake_case slug
  std::string_view name;           // seed "Component"
  std::string_view purpose;        // seed "Purpose"
  std::string_view where_it_runs;  // seed "Where It Runs"
  Plane plane;
  std::string_view dr_practice;    // seed "DR Best Practice"
  Archetype archetype;
};

// All components, in seed order (control plane first).
const std::vector<Component>& catalog();

// Looks a component up by id; nullptr if there is none.
const Component* find_component(std::string_view id);

// The seed's wording: "Control Plane" / "Data Plane".
std::string_view to_string(Plane p);

// Short machine key: "control" / "data".
std::string_view plane_key(Plane p);

// snake_case archetype name, e.g. "metadata_store".
std::string_view to_string(Archetype a);

// Inverse of plane_key; nullopt for anything else.
std::optional<Plane> parse_plane_key(std::string_view key);

}  // namespace lakesim::models
