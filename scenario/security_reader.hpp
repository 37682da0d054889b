#pragma once
// Reads the `security` and `workspace` sections of a scenario, with located diagnostics.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

void read_security(const nlohmann::json& root, FieldReader& in, Scenario& scenario);
// The controls a workspace may set for itself (ip_access_list, tokens, cluster_policy) from the
// object at `at`; each key given replaces the one in `spec`.
void read_access_controls(const nlohmann::json& obj, const std::string& at, FieldReader& in, SecuritySpec& spec);
// Every table named in `security.grants` must be one of `tables` (read after `security`).
void check_grant_tables(const Scenario& scenario, FieldReader& in);
void read_workspace(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
