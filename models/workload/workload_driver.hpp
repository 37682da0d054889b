#pragma once
// Drives the scenario's workloads: for each one, an arrival actor that follows its arrival
// process (or replays its trace) and starts one request actor per arrival, which runs the
// request's flow and records how it ended. Streaming workloads get one long-running actor.
#include <memory>
#include <vector>

#include "models/deployment.hpp"
#include "models/run_record.hpp"
#include "sim/event_log.hpp"

namespace lakesim::models {

class WorkloadDriver {
 public:
  WorkloadDriver(Deployment& deployment, sim::EventLog& log, RunRecord& record);
  // Creates the arrival actors; requests arriving after `horizon` are not started.
  void start(double horizon);

 private:
  Deployment& deployment_;
  sim::EventLog& log_;
  RunRecord& record_;
};

}  // namespace lakesim::models
