#include "analysis/recovery.hpp"

namespace lakesim::analysis {

nlohmann::json recovery(const models::ServiceProbes& probes, const std::vector<models::OutageRecord>& outages) {
  nlohmann::json services = nlohmann::json::array();
  for (const models::ProbeSeries& s : probes.series()) {
    std::size_t answered = 0;
    for (bool ok : s.ok) answered += ok ? 1 : 0;
    nlohmann::json per_outage = nlohmann::json::array();
    for (const models::OutageRecord& o : outages) {
      // The first unanswered probe from the outage's start until its end.
      std::size_t first_failure = s.times.size();
      for (std::size_t i = 0; i < s.times.size(); ++i) {
        if (s.times[i] < o.start) continue;
        if (s.times[i] > o.end) break;
        if (!s.ok[i]) {
          first_failure = i;
          break;
        }
      }
      nlohmann::json entry{{"outage", o.name}, {"affected", first_failure < s.times.size()}};
      if (first_failure == s.times.size()) {
        entry["rto_seconds"] = 0.0;
      } else {
        entry["rto_seconds"] = nullptr;
        for (std::size_t i = first_failure; i < s.times.size(); ++i)
          if (s.ok[i]) {
            entry["rto_seconds"] = s.times[i] - o.start;
            break;
          }
      }
      per_outage.push_back(entry);
    }
    services.push_back({{"component", s.service->entry().id},
                        {"name", s.service->entry().name},
                        {"region", s.service->region()},
                        {"probes", s.times.size()},
                        {"availability", s.times.empty() ? 1.0 : static_cast<double>(answered) / s.times.size()},
                        {"outages", per_outage}});
  }
  return {{"probe_interval_seconds", probes.interval()}, {"services", services}};
}

}  // namespace lakesim::analysis
