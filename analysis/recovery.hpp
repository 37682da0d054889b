#pragma once
// Availability and recovery time per service, from the probes: availability is the share of
// probes answered; the RTO of a service for an outage is the time from the outage's start to the
// first probe answered after the service stopped answering (null when it never answered again
// before the run ended; 0 when the outage never reached it).
#include <nlohmann/json.hpp>

#include "models/faults/fault_injector.hpp"
#include "models/measurement/service_probes.hpp"

namespace lakesim::analysis {

nlohmann::json recovery(const models::ServiceProbes& probes, const std::vector<models::OutageRecord>& outages);

}  // namespace lakesim::analysis
