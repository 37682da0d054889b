#include "models/faults/fault_injector.hpp"

#include "scenario/fault_kind.hpp"

namespace lakesim::models {

namespace {
using Kind = sim::FaultSpec::Kind;
}  // namespace

FaultInjector::FaultInjector(Deployment& deployment, sim::EventLog& log) : deployment_(deployment), log_(log) {
  for (const sim::FaultSpec& f : deployment.scenario().faults) {
    OutageRecord r;
    r.name = f.name;
    r.kind = sim::to_string(f.kind);
    r.target = sim::fault_kind_info(f.kind).target == sim::FaultTarget::RegionPair ? f.target + "~" + f.other_region
               : f.kind == Kind::ServiceOutage ? std::string(key(f.component.value())) + "@" + f.target
                                               : f.target;
    r.start = f.start;
    r.end = f.end;
    // Hosts and links follow the state profiles the platform attached for this fault.
    for (const sim::HostInfo& h : deployment.platform().hosts())
      r.hosts += sim::Platform::fault_hits(f, h) || (f.kind == Kind::HostCrashes && h.group == f.target) ? 1 : 0;
    for (const sg4::Link* l : sg4::Engine::get_instance()->get_all_links())
      r.links += deployment.platform().fault_hits(f, l) ? 1 : 0;
    outages_.push_back(r);
  }
}

bool FaultInjector::hold(const void* thing, int which, bool down) {
  int& count = holds_[{thing, which}];
  count += down ? 1 : -1;
  return down ? count == 1 : count == 0;
}

double FaultInjector::throttling(const void* s3, int which, double factor, bool down) {
  std::multiset<double>& active = shares_[{s3, which}];
  if (down)
    active.insert(factor);
  else if (const auto it = active.find(factor); it != active.end())
    active.erase(it);
  double share = 1.0;
  for (double f : active) share *= f;
  return share;
}

void FaultInjector::apply(std::size_t index, bool down) {
  const sim::FaultSpec& f = deployment_.scenario().faults[index];
  OutageRecord& record = outages_[index];
  // Components the fault takes out refuse requests while it lasts; their hosts are switched by
  // the engine itself (state profiles), in the same instant.
  auto switch_one = [&](DeployedComponent& c, FailureCause cause) {
    if (hold(&c, 0, down)) c.set_up(!down, cause);
    if (down) record.components.push_back(c.label());
  };
  auto switch_components = [&](auto&& hit, FailureCause cause) {
    for (DeployedComponent* c : deployment_.components())
      if (hit(*c)) switch_one(*c, cause);
  };

  auto switch_s3 = [&](S3Op op) {
    for (const auto& s3 : deployment_.s3_services())
      if (s3->region() == f.target && hold(s3.get(), 1 + static_cast<int>(op), down)) s3->set_available(op, !down);
  };
  switch (f.kind) {
    case Kind::RegionOutage:
      switch_s3(S3Op::Read);
      switch_s3(S3Op::Write);
      switch_components([&](const DeployedComponent& c) { return c.region() == f.target; },
                        FailureCause::RegionUnavailable);
      break;
    case Kind::ControlPlaneOutage:
      switch_components(
          [&](const DeployedComponent& c) { return c.region() == f.target && c.entry().plane == Plane::Control; },
          FailureCause::RegionUnavailable);
      break;
    case Kind::S3Outage:
      // Reads may come back before writes (see start()).
      switch_s3(S3Op::Write);
      // Reads released early (at reads_end) are not released again.
      if (down || f.reads_end >= f.end) switch_s3(S3Op::Read);
      break;
    case Kind::CapacityShortage:
      for (DeployedComponent* c : deployment_.components())
        if (auto* pool = dynamic_cast<ComputePool*>(c); pool && pool->placement() == f.target && hold(pool, 10, down))
          pool->set_launches_blocked(down);
      // A SQL warehouse's clusters are instances too: none starts during the shortage.
      for (const sim::RegionSpec& r : deployment_.scenario().regions)
        if (auto it = deployment_.region(r.name).warehouses.find(f.target);
            it != deployment_.region(r.name).warehouses.end() && hold(it->second, 10, down))
          it->second->set_launches_blocked(down);
      break;
    case Kind::S3Throttling:
      for (const auto& s3 : deployment_.s3_services())
        if (s3->region() == f.target)
          for (S3Op op : {S3Op::Read, S3Op::Write})
            s3->set_rate_factor(op, throttling(s3.get(), static_cast<int>(op), f.factor, down));
      break;
    case Kind::KmsOutage:
      if (KeyService* key = deployment_.region(f.target).key) switch_one(*key, FailureCause::ServiceDown);
      break;
    case Kind::KeyRevoked:
      if (KeyService* key = deployment_.region(f.target).key) {
        if (hold(key, 11, down)) key->set_revoked(down);
        if (down) record.components.push_back(key->label());
      }
      break;
    case Kind::RelayOutage:
      if (Service* relay = deployment_.region(f.target).relay) switch_one(*relay, FailureCause::ServiceDown);
      break;
    case Kind::WorkspaceOutage:
      // Only the workspace's own services: identity, the metastore and the other workspaces of
      // the region keep answering.
      for (DeployedComponent* c : deployment_.workspace_components(f.target))
        switch_one(*c, FailureCause::WorkspaceUnavailable);
      break;
    case Kind::ServiceOutage:
      // Every copy of the component in the region: a shared one (the metastore) for all its
      // workspaces, a workspace-scoped one in each workspace.
      switch_components(
          [&](const DeployedComponent& c) { return c.region() == f.target && c.entry().which == f.component; },
          FailureCause::ServiceDown);
      break;
    case Kind::PrivateLinkOutage:
      if (Service* endpoint = deployment_.region(f.target).private_link) switch_one(*endpoint, FailureCause::LinkDown);
      break;
    case Kind::AzOutage:
    case Kind::IdpOutage:
    case Kind::LinkCut:
    case Kind::LinkDegradation:
    case Kind::HostCrashes: break;  // hosts and links only, through the platform's profiles
  }
  // Logged in the region the fault strikes; a link or the Internet's identity provider has none.
  const sim::FaultTarget target = sim::fault_kind_info(f.kind).target;
  const bool between_regions = target == sim::FaultTarget::RegionPair || target == sim::FaultTarget::None;
  const sim::AccountWorkspaceSpec* ws =
      target == sim::FaultTarget::Workspace ? deployment_.scenario().find_workspace(f.target) : nullptr;
  log_.record(sg4::Engine::get_clock(), f.name,
              between_regions ? ""
              : ws            ? ws->region
                              : f.target,
              down ? "fault_started" : "fault_ended", record.kind + " " + record.target);
  if (f.kind == Kind::AzOutage)
    for (const auto& listener : zone_listeners_) listener(f, down);
}

void FaultInjector::start() {
  sg4::Host* clients = deployment_.platform().external(sim::ExternalSystem::Clients);
  const auto& faults = deployment_.scenario().faults;
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const sim::FaultSpec& f = faults[i];
    // Lives on the Internet's clients host, which no fault takes down.
    sg4::Actor::create("fault:" + f.name, clients, [this, i, &f] {
      sg4::this_actor::sleep_until(f.start);
      apply(i, true);
      if (f.kind == Kind::S3Outage && f.reads_end < f.end) {
        sg4::this_actor::sleep_until(f.reads_end);
        for (const auto& s3 : deployment_.s3_services())
          if (s3->region() == f.target && hold(s3.get(), 1 + static_cast<int>(S3Op::Read), false))
            s3->set_available(S3Op::Read, true);
        log_.record(sg4::Engine::get_clock(), f.name, f.target, "s3_reads_restored", "");
      }
      sg4::this_actor::sleep_until(f.end);
      apply(i, false);
    })->daemonize();
  }
}

}  // namespace lakesim::models
