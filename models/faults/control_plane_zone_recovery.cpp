#include "models/faults/control_plane_zone_recovery.hpp"

#include <algorithm>

#include "models/archetypes/metadata_store.hpp"
#include "models/failure.hpp"
#include "models/transfer.hpp"
#include "scenario/defaults.hpp"

namespace lakesim::models {

namespace {
using Kind = sim::FaultSpec::Kind;
}  // namespace

ControlPlaneZoneRecovery::ControlPlaneZoneRecovery(Deployment& deployment, FaultInjector& faults, sim::EventLog& log)
    : deployment_(deployment), log_(log) {
  const sim::Scenario& s = deployment.scenario();
  for (const sim::ControlPlaneSpec& cp : s.control_plane) {
    RegionWatch w;
    w.region = cp.region;
    for (DeployedComponent* c : deployment.components())
      if (auto* store = dynamic_cast<MetadataStore*>(c); store && store->region() == cp.region)
        w.stores.push_back(store);
    if (w.stores.empty()) continue;
    w.leader = w.stores.front()->hosts().front();
    w.leader_zone = zone_of(w.leader);
    // Watched only when some az_outage can take the leader's zone.
    const bool reachable = std::any_of(s.faults.begin(), s.faults.end(), [&](const sim::FaultSpec& f) {
      return f.kind == Kind::AzOutage && f.target == w.leader_zone;
    });
    if (reachable) regions_.push_back(std::move(w));
  }
  if (active()) faults.on_zone_outage([this](const sim::FaultSpec& f, bool down) { zone_changed(f, down); });
}

const std::string& ControlPlaneZoneRecovery::zone_of(const sg4::Host* host) const {
  static const std::string none;
  for (const sim::ControlPlaneSpec& cp : deployment_.scenario().control_plane)
    for (const sim::HostInfo* h : deployment_.platform().control_plane(cp.region))
      if (h->host == host) return h->az;
  return none;
}

void ControlPlaneZoneRecovery::set_stores(RegionWatch& w, bool up) {
  for (MetadataStore* store : w.stores) store->set_up(up, FailureCause::ServiceDown);
}

void ControlPlaneZoneRecovery::zone_changed(const sim::FaultSpec& fault, bool down) {
  const double now = sg4::Engine::get_clock();
  for (RegionWatch& w : regions_) {
    if (fault.target != w.leader_zone) continue;
    if (down && !w.lost) {
      // The leader is gone with its zone: the stores cannot commit until it moves.
      w.lost = true;
      set_stores(w, false);
      ZoneRecoveryRecord r;
      r.outage = fault.name;
      r.region = w.region;
      r.zone = w.leader_zone;
      r.lost = now;
      for (const MetadataStore* store : w.stores) r.stores.push_back(store->label());
      w.record = records_.size();
      records_.push_back(r);
      log_.record(now, "control-plane", w.region, "control_plane_leader_lost",
                  "the metadata stores' leader was in " + w.leader_zone);
    } else if (!down && w.lost) {
      // The zone came back before the leader moved: the old leader resumes.
      w.lost = false;
      set_stores(w, true);
      ZoneRecoveryRecord& r = records_[w.record];
      const double from = r.steps.empty() ? r.lost : r.steps.back().end;
      r.steps.push_back({"zone_return", from, now, false});
      r.recovered = now;
      log_.record(now, "control-plane", w.region, "control_plane_leader_resumed", "its zone is back");
    }
  }
}

void ControlPlaneZoneRecovery::watch(RegionWatch& w, double horizon) {
  int missed = 0;
  while (sg4::Engine::get_clock() + kHeartbeat <= horizon) {
    sg4::this_actor::sleep_for(kHeartbeat);
    if (!w.lost || w.leader->is_on()) {
      missed = 0;
      continue;
    }
    if (++missed < kMissedBeats) continue;
    missed = 0;
    ZoneRecoveryRecord& first = records_[w.record];
    const std::size_t index = w.record;
    first.steps.push_back({"detection", first.lost, sg4::Engine::get_clock(), true});
    // Waits `seconds` in heartbeats; false when the zone came back (the old leader resumed) or
    // the run ends first.
    auto wait = [&](double seconds) {
      const double until = sg4::Engine::get_clock() + seconds;
      while (w.lost && sg4::Engine::get_clock() < until) {
        if (sg4::Engine::get_clock() + kHeartbeat > horizon) return false;
        sg4::this_actor::sleep_for(std::min(kHeartbeat, until - sg4::Engine::get_clock()));
      }
      return w.lost;
    };
    double mark = sg4::Engine::get_clock();
    if (!wait(kEvictionWait)) continue;
    records_[index].steps.push_back({"eviction", mark, sg4::Engine::get_clock(), false});
    // A node in a surviving zone for the evicted leader; a single-zone control plane has none
    // and waits for its zone (the fault's end brings the old leader back).
    sg4::Host* target = nullptr;
    sg4::Host* standby = nullptr;
    for (const sim::HostInfo* h : deployment_.platform().control_plane(w.region)) {
      if (h->az == w.leader_zone || !h->host->is_on()) continue;
      if (!target)
        target = h->host;
      else if (!standby || (zone_of(standby) == zone_of(target) && h->az != zone_of(target)))
        standby = h->host;
    }
    records_[index].surviving_zone = target != nullptr;
    if (!target) {
      while (w.lost && sg4::Engine::get_clock() + kHeartbeat <= horizon) sg4::this_actor::sleep_for(kHeartbeat);
      continue;
    }
    mark = sg4::Engine::get_clock();
    if (!wait(sim::defaults::profile(deployment_.scenario().provider).classic_cluster_start_delay)) continue;
    records_[index].steps.push_back({"replacement", mark, sg4::Engine::get_clock(), false});
    // The new leader copies the stores' state from a standby; a failed copy is tried again.
    double bytes = 0;
    for (const MetadataStore* store : w.stores) bytes += store->stored_bytes();
    mark = sg4::Engine::get_clock();
    bool copied = false;
    while (!copied && w.lost && sg4::Engine::get_clock() + kHeartbeat <= horizon) {
      try {
        if (bytes > 0) transfer(standby ? standby : target, target, bytes, "control-plane leader copy");
        copied = true;
      } catch (const RequestFailed&) {
        sg4::this_actor::sleep_for(kHeartbeat);
      }
    }
    if (!copied || !w.lost) continue;
    const double now = sg4::Engine::get_clock();
    ZoneRecoveryRecord& r = records_[index];
    r.steps.push_back({"state_copy", mark, now, true});
    r.copied_bytes = bytes;
    r.new_leader = target->get_name();
    r.recovered = now;
    w.lost = false;
    w.leader = target;
    w.leader_zone = zone_of(target);
    set_stores(w, true);
    log_.record(now, "control-plane", w.region, "control_plane_leader_moved",
                "the metadata stores' leader now runs in " + w.leader_zone);
  }
}

void ControlPlaneZoneRecovery::start(double horizon) {
  sg4::Host* clients = deployment_.platform().external(sim::ExternalSystem::Clients);
  for (RegionWatch& w : regions_)
    sg4::Actor::create("cp-zone-watch:" + w.region, clients, [this, &w, horizon] { watch(w, horizon); })->daemonize();
}

}  // namespace lakesim::models
