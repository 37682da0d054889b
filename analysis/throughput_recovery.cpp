#include "analysis/throughput_recovery.hpp"

#include <algorithm>

namespace lakesim::analysis {

namespace {

constexpr double kStep = 60;  // seconds between two evaluations of the trailing rate

// Completions per second in [t - window, t) over sorted completion times.
double rate(const std::vector<double>& ends, double t, double window) {
  const auto lo = std::lower_bound(ends.begin(), ends.end(), t - window);
  const auto hi = std::lower_bound(ends.begin(), ends.end(), t);
  return static_cast<double>(hi - lo) / window;
}

}  // namespace

nlohmann::json throughput_recovery(const models::RunRecord& record, const std::vector<models::OutageRecord>& outages,
                                   double horizon) {
  const auto& workloads = record.workloads();
  std::vector<std::vector<double>> ends(workloads.size());
  for (const models::RequestOutcome& o : record.outcomes())
    if (models::completed(o)) ends[o.workload].push_back(o.end);
  for (auto& e : ends) std::sort(e.begin(), e.end());

  nlohmann::json out = nlohmann::json::array();
  for (const models::OutageRecord& outage : outages) {
    const double window = std::min(kThroughputWindow, outage.start);
    nlohmann::json per_workload = nlohmann::json::array();
    for (std::size_t w = 0; w < workloads.size(); ++w) {
      if (window <= 0) break;
      const double before = rate(ends[w], outage.start, window);
      if (before <= 0) continue;  // nothing to compare with
      const double full = kFullThroughput * before;
      double dip = -1, back = -1, lowest = before;
      for (double t = outage.start + kStep; t <= horizon; t += kStep) {
        const double r = rate(ends[w], t, window);
        lowest = std::min(lowest, r);
        if (dip < 0) {
          if (r < full)
            dip = t;
          else if (t >= outage.end + window)
            break;  // the outage never showed in this workload
        } else if (r >= full) {
          back = t;
          break;
        }
      }
      nlohmann::json entry = {{"workload", workloads[w]->name},
                              {"per_hour_before", before * 3600},
                              {"lowest_per_hour", lowest * 3600},
                              {"dipped", dip >= 0}};
      if (dip < 0)
        entry["time_to_full_throughput_seconds"] = 0.0;
      else if (back < 0)
        entry["time_to_full_throughput_seconds"] = nullptr;
      else
        entry["time_to_full_throughput_seconds"] = back - outage.start;
      per_workload.push_back(entry);
    }
    out.push_back({{"outage", outage.name}, {"window_seconds", window}, {"workloads", per_workload}});
  }
  return out;
}

}  // namespace lakesim::analysis
