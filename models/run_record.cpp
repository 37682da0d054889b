#include "models/run_record.hpp"

namespace lakesim::models {

std::uint32_t RunRecord::add_workload(const sim::WorkloadSpec& spec) {
  workloads_.push_back(&spec);
  return static_cast<std::uint32_t>(workloads_.size() - 1);
}

}  // namespace lakesim::models
