#include "analysis/throughput_series.hpp"

#include <cmath>
#include <vector>

namespace lakesim::analysis {

double throughput_bin_seconds(double duration) {
  const double minutes = std::ceil(duration / kMaxThroughputBins / 60.0);
  return 60.0 * std::max(1.0, minutes);
}

nlohmann::json throughput_series(const models::RunRecord& record, double duration) {
  const double bin = throughput_bin_seconds(duration);
  const auto bins = static_cast<std::size_t>(std::max(1.0, std::ceil(duration / bin)));
  const std::size_t workloads = record.workloads().size();
  std::vector<std::vector<std::uint64_t>> completed(workloads, std::vector<std::uint64_t>(bins, 0));
  std::vector<std::vector<std::uint64_t>> failed(workloads, std::vector<std::uint64_t>(bins, 0));
  for (const models::RequestOutcome& o : record.outcomes()) {
    if (o.workload >= workloads || o.end < 0) continue;
    if (o.ok && !models::completed(o)) continue;  // a replayed failure or cancellation: neither
    // Counted in the bin where the request ended; one ending exactly at the horizon joins the last.
    const auto index = std::min(bins - 1, static_cast<std::size_t>(o.end / bin));
    (o.ok ? completed : failed)[o.workload][index] += 1;
  }
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t w = 0; w < workloads; ++w) {
    list.push_back({{"workload", record.workloads()[w]->name}, {"completed", completed[w]}, {"failed", failed[w]}});
  }
  return {{"bin_seconds", bin}, {"workloads", list}};
}

}  // namespace lakesim::analysis
