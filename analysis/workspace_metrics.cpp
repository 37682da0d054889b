#include "analysis/workspace_metrics.hpp"

#include <map>

namespace lakesim::analysis {

namespace {
struct Tally {
  std::string region;
  bool implicit = false;
  std::uint64_t requests = 0;
  std::uint64_t completed = 0;
  std::map<std::string, std::uint64_t> failed;
};
}  // namespace

nlohmann::json workspace_metrics(const sim::Scenario& scenario, const models::RunRecord& record) {
  std::vector<std::string> order;
  std::map<std::string, Tally> tallies;
  auto slot = [&](const std::string& name, const std::string& region, bool implicit) -> Tally& {
    auto [it, added] = tallies.try_emplace(name);
    if (added) {
      order.push_back(name);
      it->second.region = region;
      it->second.implicit = implicit;
    }
    return it->second;
  };
  for (const sim::AccountWorkspaceSpec& ws : scenario.workspaces) slot(ws.name, ws.region, false);
  for (const models::RequestOutcome& o : record.outcomes()) {
    const sim::WorkloadSpec& spec = *record.workloads().at(o.workload);
    const sim::AccountWorkspaceSpec* ws = scenario.workspace_of(spec);
    Tally& t = ws ? slot(ws->name, ws->region, false) : slot(spec.region, spec.region, true);
    ++t.requests;
    if (models::completed(o))
      ++t.completed;
    else if (!o.ok)
      ++t.failed[models::to_string(o.cause)];
  }
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& name : order) {
    const Tally& t = tallies.at(name);
    std::uint64_t failed = 0;
    nlohmann::json causes = nlohmann::json::object();
    for (const auto& [cause, n] : t.failed) {
      causes[cause] = n;
      failed += n;
    }
    out.push_back({{"name", name},
                   {"region", t.region},
                   {"implicit", t.implicit},
                   {"requests", t.requests},
                   {"completed", t.completed},
                   {"failed", failed},
                   {"failed_by_cause", causes}});
  }
  return out;
}

}  // namespace lakesim::analysis
