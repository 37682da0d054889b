#pragma once
// Where a run's disaster recovery stood at one instant, read from its results.json: which region
// served users, and which recovery step was in progress. Shared by `topology --at --run` and the
// report's walk through the outage.
#include <string>

#include <nlohmann/json.hpp>

namespace lakesim::presentation {

struct FailoverState {
  bool has_dr = false;  // the run had a DR strategy with a primary and a secondary
  std::string primary;
  std::string secondary;
  std::string serving;  // the region users reach; empty while none answers them
  std::string step;     // the recovery step in progress ("detection", "decision", ...); empty when none
  double step_start = 0;
  double step_end = 0;
  std::string summary;  // one sentence, with clock times: "us-west-2 serves users since 02:17:40 (failover)"
};

// The state at `seconds` into the run.
FailoverState failover_state_at(const nlohmann::json& results, double seconds);

}  // namespace lakesim::presentation
