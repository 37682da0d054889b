#include "models/dr/compute_takeover.hpp"

#include <algorithm>
#include <climits>

#include "models/archetypes/compute_pool.hpp"
#include "models/failure.hpp"

namespace lakesim::models {

ComputeTakeover::ComputeTakeover(Deployment& deployment, const sim::DrSpec& spec)
    : deployment_(deployment), spec_(spec) {}

std::vector<std::shared_ptr<PlacementTakeover>> ComputeTakeover::run(double horizon) {
  const sim::Scenario& s = deployment_.scenario();
  auto find = [&](const std::string& name) -> const sim::ComputeSpec* {
    for (const sim::ComputeSpec& c : s.compute)
      if (c.name == name) return &c;
    return nullptr;
  };
  // Pools only, in the order of the scenario's placements; demand is the size of what they take over.
  std::vector<std::shared_ptr<PlacementTakeover>> out;
  for (const sim::ComputeSpec& target : s.compute) {
    if (target.kind != sim::ComputeKind::ServerlessSpark) continue;
    int demand = 0;
    std::vector<std::string> users;
    for (const auto& [from, to] : spec_.compute_map) {
      if (to != target.name) continue;
      if (const sim::ComputeSpec* source = find(from)) demand += source->instances;
      for (const sim::WorkloadSpec& w : s.workloads)
        if (w.compute == from && w.region == spec_.primary) users.push_back(w.name);
    }
    if (demand == 0) continue;
    auto t = std::make_shared<PlacementTakeover>();
    t->placement = target.name;
    t->demand = std::min(demand, target.instances);
    t->warm = std::min(t->demand, deployment_.spark_pool(target.name).warm_count());
    t->waiting_workloads = users;  // kept only if the placement meets a shortage
    out.push_back(t);
  }
  int free = spec_.secondary_free_instances < 0 ? INT_MAX : spec_.secondary_free_instances;
  for (const auto& t : out) {
    const int cold = t->demand - t->warm;
    t->launched = std::min(cold, free);
    free -= t->launched;
    t->short_by = cold - t->launched;
    if (t->short_by == 0) t->waiting_workloads.clear();
  }

  const double start = sg4::Engine::get_clock();
  const double wait = spec_.capacity_wait;
  sg4::Host* home = deployment_.platform().external(sim::ExternalSystem::Clients);
  std::vector<sg4::ActorPtr> serving;
  for (const auto& t : out) {
    if (t->launched == 0 && t->short_by == 0) {
      // Everything it needs is running already (hot): it serves at once, nothing to lease.
      t->serving = t->ready = start;
      continue;
    }
    ComputePool* pool = &deployment_.spark_pool(t->placement);
    // The region's free capacity, once the failover's share of it is spent, is gone for
    // everyone launching there.
    if (t->short_by > 0) pool->set_launch_budget(t->launched);
    auto lease = [pool](int count) {
      if (count <= 0) return true;
      try {
        pool->keep_started(pool->acquire(count));
        return true;
      } catch (const RequestFailed&) {
        return false;  // the pool is down or the lease timed out
      }
    };
    // Cold launches, then (after the capacity wait) the launches the region refused at first.
    auto scale_out = [t, pool, lease, wait, start, horizon](bool launches_first) {
      if (launches_first && !lease(t->launched)) return;
      if (t->short_by == 0) {
        t->ready = sg4::Engine::get_clock();
        return;
      }
      if (wait <= 0 || start + wait >= horizon) return;
      sg4::this_actor::sleep_until(start + wait);
      pool->set_launch_budget(-1);
      t->capacity_arrived = sg4::Engine::get_clock();
      if (lease(t->short_by)) t->ready = sg4::Engine::get_clock();
    };
    serving.push_back(sg4::Actor::create("takeover-" + t->placement, home, [t, lease, scale_out, home] {
      if (t->warm > 0) {
        // Warm instances serve at once; the rest start behind them.
        if (!lease(t->warm)) return;
        t->serving = sg4::Engine::get_clock();
        sg4::Actor::create("scale-out-" + t->placement, home, [scale_out] { scale_out(true); })->daemonize();
      } else if (t->launched > 0) {
        if (!lease(t->launched)) return;
        t->serving = sg4::Engine::get_clock();
        if (t->short_by == 0)
          t->ready = t->serving;
        else
          sg4::Actor::create("scale-out-" + t->placement, home, [scale_out] { scale_out(false); })->daemonize();
      } else {
        scale_out(false);  // nothing to serve with until capacity frees up
        t->serving = t->ready;
      }
    }));
  }
  for (const sg4::ActorPtr& a : serving) a->join();
  return out;
}

}  // namespace lakesim::models
