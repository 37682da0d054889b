#pragma once
// The `control_plane_zone_recoveries` section of results.json: each loss of the zone holding a
// control plane's metadata-store leader, with the steps that moved the leader (or the zone's
// return), each marked simulated or configured, and the RTO they add up to.
#include <string>

#include <nlohmann/json.hpp>

#include "models/faults/control_plane_zone_recovery.hpp"

namespace lakesim::analysis {

nlohmann::json zone_recovery_report(const models::ControlPlaneZoneRecovery& recovery);

// One line per loss for the terminal summary.
std::string zone_recovery_text(const nlohmann::json& recoveries);

}  // namespace lakesim::analysis
