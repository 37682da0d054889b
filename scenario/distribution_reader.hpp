#pragma once
// Reads a quantity that is either fixed ("20GB") or drawn from a distribution
// ({"dist": "lognormal", "mean": "20GB", "sigma": 0.5}), for any kind of quantity.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/workload_spec.hpp"

namespace lakesim::sim {

// The FieldReader member that reads one kind of quantity (duration, size, ...).
using QuantityReader = std::optional<double> (FieldReader::*)(const nlohmann::json&, const std::string&, const char*,
                                                              FieldReader::Need, FieldReader::Zero);

// `kind` names the quantity in messages ("duration", "size"). Absent: fixed 0.
Distribution read_distribution(FieldReader& in, const nlohmann::json& obj, const std::string& at, const char* key,
                               QuantityReader read, const char* kind);

}  // namespace lakesim::sim
