#include "models/dr/iac_run.hpp"

#include <algorithm>
#include <vector>

#include "models/failure.hpp"

namespace lakesim::models {

namespace {
bool creates(const sim::DrSpec& spec, const std::string& kind) {
  switch (spec.strategy) {
    case sim::DrStrategy::BackupRestore: return true;  // everything is re-created
    case sim::DrStrategy::PilotLight:  // the workspace and its metadata are kept; compute and jobs are not
      return kind == "clusters" || kind == "warehouses" || kind == "jobs";
    case sim::DrStrategy::Managed:  // replicated by the platform; without workspace assets, compute and jobs are not
      for (const sim::FailoverGroupSpec& g : spec.managed.groups)
        if (!g.workspace_assets) return kind == "clusters" || kind == "warehouses" || kind == "jobs";
      return false;
    case sim::DrStrategy::None:
    case sim::DrStrategy::WarmStandby:
    case sim::DrStrategy::ActiveActive:
    case sim::DrStrategy::HotStandby: return false;  // everything exists already
  }
  return false;
}
}  // namespace

IacRun::IacRun(Deployment& deployment, const sim::DrSpec& spec)
    : deployment_(deployment), spec_(spec), api_(deployment, spec) {
  const sim::Scenario& s = deployment.scenario();
  std::map<std::string, std::uint64_t> all;
  std::uint64_t workspaces = 0;
  for (const sim::AccountWorkspaceSpec& w : s.workspaces) workspaces += w.region == spec.primary ? 1 : 0;
  all["workspaces"] = std::max<std::uint64_t>(1, workspaces);
  std::vector<std::string> targets;
  for (const auto& [from, to] : spec.compute_map)
    if (std::find(targets.begin(), targets.end(), to) == targets.end()) targets.push_back(to);
  for (const std::string& t : targets)
    for (const sim::ComputeSpec& c : s.compute)
      if (c.name == t) ++all[c.kind == sim::ComputeKind::SqlWarehouse ? "warehouses" : "clusters"];
  for (const sim::WorkloadSpec& w : s.workloads)
    if (w.region == spec.primary && (w.cls == sim::WorkloadClass::Job || w.cls == sim::WorkloadClass::Streaming ||
                                     w.cls == sim::WorkloadClass::Training))
      ++all["jobs"];
  for (const sim::TableSpec& t : s.tables) all["tables"] += t.region == spec.primary ? 1 : 0;
  for (const auto& [principal, grant] : s.security.grants) all["grants"] += grant.read.size() + grant.write.size();
  for (const auto& [kind, count] : spec.infrastructure_objects) all[kind] += count;
  for (const auto& [kind, count] : all)
    if (count > 0 && creates(spec, kind)) objects_[kind] = count;
}

bool IacRun::call(double horizon, IacOutcome& out) {
  if (!api_.call(horizon, out.failed_calls)) return false;
  ++out.calls;
  return true;
}

IacOutcome IacRun::run(double horizon) {
  IacOutcome out;
  out.objects = objects_;
  const double start = sg4::Engine::get_clock();
  api_.start_at(start);
  // The workspaces first: one call each, then their provisioning.
  bool ok = true;
  if (auto it = objects_.find("workspaces"); it != objects_.end())
    for (std::uint64_t i = 0; i < it->second && ok; ++i) {
      ok = call(horizon, out);
      if (ok) sg4::this_actor::sleep_for(spec_.iac_workspace_provisioning);
    }
  std::uint64_t pending = 0;
  for (const auto& [kind, count] : objects_) pending += kind == "workspaces" ? 0 : count;
  if (ok && pending > 0) {
    // Terraform walks the graph `parallelism` operations at a time, one API call per object.
    std::vector<sg4::ActorPtr> workers;
    const int n = static_cast<int>(std::min<std::uint64_t>(pending, static_cast<std::uint64_t>(spec_.iac_parallelism)));
    sg4::Host* terraform = deployment_.platform().external(sim::ExternalSystem::Terraform);
    for (int w = 0; w < n; ++w)
      workers.push_back(
          sg4::Actor::create("terraform-" + std::to_string(w), terraform, [this, &pending, &out, horizon] {
            while (pending > 0) {
              --pending;
              if (!call(horizon, out)) return;
            }
          }));
    for (const sg4::ActorPtr& a : workers) a->join();
    ok = sg4::Engine::get_clock() < horizon;
  }
  out.finished = ok;
  out.seconds = sg4::Engine::get_clock() - start;
  return out;
}

}  // namespace lakesim::models
