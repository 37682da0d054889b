#pragma once
// What happened to every request a workload made: when it arrived, when it ended, how long it
// queued, and how it ended. The analysis layer computes throughput, latency and failures from it.
#include <cstdint>
#include <string>
#include <vector>

#include "models/failure.hpp"
#include "scenario/workload_spec.hpp"

namespace lakesim::models {

// How a replayed statement ended in its trace. One that failed or was canceled there holds its
// compute for its recorded time and ends the same way here: counted apart, neither as completed
// nor as a failure of the simulated platform.
enum class RecordedEnd { Finished, Failed, Canceled };

struct RequestOutcome {
  std::uint32_t workload = 0;  // index into RunRecord::workloads()
  double arrival = 0;
  double end = 0;
  double queued = 0;  // waiting for compute (slots, instances)
  bool ok = false;
  FailureCause cause = FailureCause::Timeout;        // meaningful when !ok
  double recorded = -1;                              // the trace's own duration, for replayed requests
  std::int64_t trace_row = -1;                       // index of the replayed row in the workload's trace
  int reruns = 0;                                    // times the job scheduler ran it again after a DR failover
  RecordedEnd recorded_end = RecordedEnd::Finished;  // a replayed failure or cancellation, when ok
};

// Ended as the workload asked: ok, and not a replayed failure or cancellation.
inline bool completed(const RequestOutcome& o) { return o.ok && o.recorded_end == RecordedEnd::Finished; }

class RunRecord {
 public:
  std::uint32_t add_workload(const sim::WorkloadSpec& spec);
  void add(const RequestOutcome& outcome) { outcomes_.push_back(outcome); }
  // Requests still running at the end of the run (arrived, not finished).
  void started() { ++in_flight_; }
  void finished() { --in_flight_; }

  const std::vector<const sim::WorkloadSpec*>& workloads() const { return workloads_; }
  const std::vector<RequestOutcome>& outcomes() const { return outcomes_; }
  std::int64_t in_flight() const { return in_flight_; }

 private:
  std::vector<const sim::WorkloadSpec*> workloads_;
  std::vector<RequestOutcome> outcomes_;
  std::int64_t in_flight_ = 0;
};

}  // namespace lakesim::models
