#pragma once
// Built-in behaviour of each control-plane service and metadata store (service time per request
// on a reference core, concurrency per replica), and the scenario's overrides applied to it.
#include <string_view>

#include "models/archetypes/service.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::models {

ServiceConfig service_config(std::string_view component_id, const sim::Scenario& scenario);

}  // namespace lakesim::models
