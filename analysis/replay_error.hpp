#pragma once
// How far a replay's simulated durations are from the recorded ones, statement by statement: the
// simulated / recorded ratio of every statement the trace says FINISHED and that completed here,
// summarised (p50, p95, share within 25%) over the whole trace and over each half. The halves
// split the trace's FINISHED statements in start order: `lakesim calibrate` fits on the first and
// holds the second out, so the held-out figures show how well a fit predicts.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/run_record.hpp"

namespace lakesim::analysis {

// One compared statement of a replayed query-history trace.
struct ReplayedStatement {
  std::size_t row = 0;    // index into the workload's trace queries
  std::string placement;  // the warehouse that replayed it
  double simulated = 0;   // seconds, arrival to end here
  double recorded = 0;    // seconds, from the trace
  bool held_out = false;  // in the trace's second half
};

// The FINISHED statements of workload `workload` that completed, in trace order.
std::vector<ReplayedStatement> replayed_statements(const models::RunRecord& record, std::uint32_t workload);

// The index of the first trace row of the second half: the first FINISHED statement after the
// first half of them (rows are in start order). Every row below it is in the first half.
std::size_t held_out_from(const sim::WorkloadSpec& spec);

struct ReplayError {
  std::size_t compared = 0;
  double p50 = 0, p95 = 0;  // of simulated / recorded
  double within_25 = 0;     // share with 0.8 <= simulated / recorded <= 1.25
};
ReplayError replay_error(std::vector<double> ratios);
nlohmann::json to_json(const ReplayError& e);

// {"whole": ..., "first_half": ..., "held_out_half": ..., "by_warehouse": {placement: whole}}.
nlohmann::json replay_error_json(const std::vector<ReplayedStatement>& statements);

// The figures of replay_error_json as indented lines for the run summary.
std::string replay_error_text(const nlohmann::json& error, const std::string& indent);

}  // namespace lakesim::analysis
