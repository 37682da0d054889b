#pragma once
// Drives the scenario's workloads: for each one, an arrival actor that follows its arrival
// process (or replays its trace) and starts one request actor per arrival, which runs the
// request's flow and records how it ended. Streaming workloads get one long-running actor.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "models/deployment.hpp"
#include "models/flows/hop_recorder.hpp"
#include "models/run_record.hpp"
#include "sim/event_log.hpp"

namespace lakesim::models {

class WorkloadDriver {
 public:
  // Which requests report their hops, and to whom: asked once per request with its workload
  // and its number in that workload (0 for the first); null for those nobody watches.
  using HopRecorderChoice = std::function<HopRecorder*(const sim::WorkloadSpec& spec, std::uint64_t request)>;

  WorkloadDriver(Deployment& deployment, sim::EventLog& log, RunRecord& record, HopRecorderChoice recorders = nullptr);
  // Creates the arrival actors; requests arriving after `horizon` are not started.
  void start(double horizon);

 private:
  Deployment& deployment_;
  sim::EventLog& log_;
  RunRecord& record_;
  HopRecorderChoice recorders_;
};

}  // namespace lakesim::models
