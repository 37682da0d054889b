#include "models/faults/fault_injector.hpp"

namespace lakesim::models {

namespace {
using Kind = sim::FaultSpec::Kind;

bool takes_region_down(const sim::FaultSpec& f, const sim::HostInfo& h) {
  switch (f.kind) {
    case Kind::RegionOutage: return h.region == f.target;
    case Kind::AzOutage: return h.az == f.target;
    case Kind::ControlPlaneOutage: return h.region == f.target && h.role == sim::HostRole::ControlPlane;
    default: return false;
  }
}
}  // namespace

FaultInjector::FaultInjector(Deployment& deployment, sim::EventLog& log) : deployment_(deployment), log_(log) {
  for (const sim::FaultSpec& f : deployment.scenario().faults) {
    OutageRecord r;
    r.name = f.name;
    r.kind = sim::to_string(f.kind);
    r.target = f.kind == Kind::LinkCut ? f.target + "~" + f.other_region : f.target;
    r.start = f.start;
    r.end = f.end;
    outages_.push_back(r);
  }
}

void FaultInjector::apply(std::size_t index, bool down) {
  const sim::FaultSpec& f = deployment_.scenario().faults[index];
  OutageRecord& record = outages_[index];
  const sim::Platform& platform = deployment_.platform();
  auto switch_host = [&](sg4::Host* h) {
    if (down && h->is_on()) {
      h->turn_off();
      ++record.hosts;
    } else if (!down && !h->is_on()) {
      h->turn_on();
    }
  };
  auto switch_link = [&](sg4::Link* l) {
    if (down && l->is_on()) {
      l->turn_off();
      ++record.links;
    } else if (!down && !l->is_on()) {
      l->turn_on();
    }
  };
  auto switch_components = [&](auto&& hit) {
    for (DeployedComponent* c : deployment_.components()) {
      if (!hit(*c)) continue;
      c->set_up(!down, FailureCause::RegionUnavailable);
      if (down) record.components.push_back(c->label());
    }
  };

  switch (f.kind) {
    case Kind::RegionOutage:
    case Kind::AzOutage:
    case Kind::ControlPlaneOutage: {
      for (const sim::HostInfo& h : platform.hosts())
        if (takes_region_down(f, h)) switch_host(h.host);
      if (f.kind == Kind::RegionOutage) {
        for (sg4::Link* l : platform.links_of_region(f.target)) switch_link(l);
        for (const auto& s3 : deployment_.s3_services())
          if (s3->region() == f.target) {
            s3->set_available(S3Op::Read, !down);
            s3->set_available(S3Op::Write, !down);
          }
        switch_components([&](const DeployedComponent& c) { return c.region() == f.target; });
      } else if (f.kind == Kind::AzOutage) {
        for (sg4::Link* l : platform.links_of_az(f.target)) switch_link(l);
      } else {
        switch_components(
            [&](const DeployedComponent& c) { return c.region() == f.target && c.entry().plane == Plane::Control; });
      }
      break;
    }
    case Kind::S3Outage:
      // Writes (and reads, unless they come back earlier) go down together; reads may return first.
      for (const auto& s3 : deployment_.s3_services()) {
        if (s3->region() != f.target) continue;
        if (down) {
          s3->set_available(S3Op::Read, false);
          s3->set_available(S3Op::Write, false);
        } else {
          s3->set_available(S3Op::Write, true);
          s3->set_available(S3Op::Read, true);
        }
      }
      break;
    case Kind::IdpOutage: switch_host(platform.external(sim::ExternalSystem::IdentityProvider)); break;
    case Kind::LinkCut:
      for (const std::string& name : {f.target + "~" + f.other_region, f.other_region + "~" + f.target})
        if (sg4::Link* l = sg4::Engine::get_instance()->link_by_name_or_null(name)) switch_link(l);
      break;
    case Kind::CapacityShortage:
      for (DeployedComponent* c : deployment_.components())
        if (auto* pool = dynamic_cast<ComputePool*>(c); pool && pool->placement() == f.target)
          pool->set_launches_blocked(down);
      break;
  }
  log_.record(sg4::Engine::get_clock(), f.name, f.kind == Kind::LinkCut || f.kind == Kind::IdpOutage ? "" : f.target,
              down ? "fault_started" : "fault_ended", record.kind + " " + record.target);
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
          if (s3->region() == f.target) s3->set_available(S3Op::Read, true);
        log_.record(sg4::Engine::get_clock(), f.name, f.target, "s3_reads_restored", "");
      }
      sg4::this_actor::sleep_until(f.end);
      apply(i, false);
    })->daemonize();
  }
}

}  // namespace lakesim::models
