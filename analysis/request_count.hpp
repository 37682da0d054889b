#pragma once
// How many requests a run simulated, the numerator of the benchmark's requests per wall second:
// the workloads' requests that ended (queries, job and training runs, notebook commands, stream
// batches; completed, failed, or ended as their trace recorded) and the calls the control plane's
// services and metadata stores answered. Data-plane components are left out: their requests
// (compute leases, S3 requests, scratch I/O) are parts of the workloads' requests, so counting them
// would count one query several times. Wall time never enters: the rate is computed by the
// benchmark scripts.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "models/deployment.hpp"
#include "models/run_record.hpp"

namespace lakesim::analysis {

struct RequestCount {
  std::uint64_t workload_requests = 0;
  std::uint64_t control_plane_calls = 0;
  std::uint64_t total() const { return workload_requests + control_plane_calls; }
};

RequestCount count_requests(const models::Deployment& deployment, const models::RunRecord& record);

// {"total", "workload_requests", "control_plane_calls"}
nlohmann::json request_count_json(const RequestCount& count);

}  // namespace lakesim::analysis
