#pragma once
// What the run's outages cost the business, from the scenario's `impact` rates (configured) and
// the run's own figures (simulated): per workload its failed requests and the time it was
// unavailable in each outage; per data component the commits or bytes a region loss lost; their
// costs next to the infrastructure cost of the run.
//
// A workload is unavailable from an outage's start until the first request arriving after the
// start that completes no slower than the slowest request completed before the outage. When that
// is the very first request after the start, and no request under way at the start failed or came
// back slower, it was not unavailable at all. Without such a request before the run's end it is
// unavailable until the end (and marked not recovered).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/faults/fault_injector.hpp"
#include "models/run_record.hpp"
#include "scenario/impact_spec.hpp"

namespace lakesim::analysis {

struct Unavailability {
  double seconds = 0;
  bool recovered = true;
};

// The time workload `w` of `record` was unavailable through an outage starting at `start`.
Unavailability workload_unavailability(const models::RunRecord& record, std::uint32_t w, double start, double horizon);

// The run's results sections it reads: "workloads" (in the record's order), "data_loss", "cost".
struct RunSections {
  const nlohmann::json& workloads;
  const nlohmann::json& data_loss;
  const nlohmann::json& cost;
};

nlohmann::json impact(const sim::ImpactSpec& spec, const models::RunRecord& record,
                      const std::vector<models::OutageRecord>& outages, double horizon, const RunSections& results);

// Lines for the terminal summary of a run.
std::string impact_text(const nlohmann::json& impact);

}  // namespace lakesim::analysis
