#include "analysis/rpo_distribution.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace lakesim::analysis {

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
}

namespace {

nlohmann::json summary(const std::vector<double>& rpo) {
  const double sum = std::accumulate(rpo.begin(), rpo.end(), 0.0);
  return {{"samples", rpo.size()},
          {"p50", quantile(rpo, 0.5)},
          {"p95", quantile(rpo, 0.95)},
          {"mean", rpo.empty() ? 0.0 : sum / static_cast<double>(rpo.size())},
          {"max", rpo.empty() ? 0.0 : *std::max_element(rpo.begin(), rpo.end())},
          {"rpo_seconds", rpo}};
}

}  // namespace

nlohmann::json rpo_distribution(const models::DataProtection& protection, const sim::RpoSamplingSpec& spec) {
  std::vector<double> instants;
  for (int i = 0; i < spec.instants; ++i)
    instants.push_back(spec.from + static_cast<double>(i) * (spec.to - spec.from) / spec.instants);

  // Per protected entry of the region, its RPO at every instant it had been written by.
  std::vector<const models::ProtectedData*> entries;
  for (const models::ProtectedData& e : protection.entries())
    if (e.region == spec.region && (e.ledger || e.table) && models::protective(e.practice)) entries.push_back(&e);
  std::vector<std::vector<double>> rpo(entries.size());
  std::vector<double> worst;
  for (double t : instants) {
    double w = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const models::ReplicationLoss loss = models::loss_at(*entries[i], t);
      if (loss.written == 0) continue;  // nothing to lose yet
      rpo[i].push_back(loss.rpo);
      w = std::max(w, loss.rpo);
    }
    worst.push_back(w);
  }
  nlohmann::json components = nlohmann::json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (rpo[i].empty()) continue;
    nlohmann::json c = {{"component", entries[i]->component},
                        {"name", entries[i]->name},
                        {"practice", models::to_string(entries[i]->practice)},
                        {"unit", entries[i]->table ? "commits" : "writes"}};
    c.update(summary(rpo[i]));
    components.push_back(c);
  }
  return {{"region", spec.region}, {"from", spec.from},        {"to", spec.to},
          {"instants", instants},  {"components", components}, {"worst_protected", summary(worst)}};
}

}  // namespace lakesim::analysis
