#pragma once
// Overrides of a parsed scenario before it is validated: a named variant from the file's
// `variants` section, then `--set path=value` from the command line, in that order.
#include <string>
#include <vector>

#include "scenario/json_source.hpp"

namespace lakesim::sim {

// "duration", "workloads.0.rate", "compute[spark-dr].warm_instances" (the list item whose "name"
// is spark-dr) or a JSON pointer "/instance_types/i3.xlarge/cores".
std::vector<std::string> split_override_path(const std::string& path);

// Applies variant `name` from the document's `variants` object; "a+b" applies a, then b. Throws
// ScenarioError if a variant does not exist (with a suggestion) or one of its paths cannot be applied.
void apply_variant(JsonDocument& doc, const std::string& name);

// Applies one "path=value" assignment; the value is JSON if it parses as JSON, else a string.
void apply_set(JsonDocument& doc, const std::string& assignment);

}  // namespace lakesim::sim
