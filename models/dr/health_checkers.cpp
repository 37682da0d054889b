#include "models/dr/health_checkers.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random_stream.hpp"

namespace lakesim::models {

namespace {
// Vantage points outside the primary: the Internet first, then the first control-plane (else
// compute) host of each AZ of every other region, in the scenario's order.
std::vector<sg4::Host*> vantage_points(const Deployment& d, const std::string& primary) {
  std::vector<sg4::Host*> out{d.platform().external(sim::ExternalSystem::Clients)};
  for (const sim::RegionSpec& r : d.scenario().regions) {
    if (r.name == primary) continue;
    for (const std::string& az : r.azs) {
      sg4::Host* pick = nullptr;
      for (const sim::HostInfo& h : d.platform().hosts()) {
        if (h.az != az || (h.role != sim::HostRole::ControlPlane && h.role != sim::HostRole::Compute)) continue;
        if (!pick || h.role == sim::HostRole::ControlPlane) pick = h.host;
        if (h.role == sim::HostRole::ControlPlane) break;
      }
      if (pick) out.push_back(pick);
    }
  }
  return out;
}
}  // namespace

HealthCheckers::HealthCheckers(Deployment& deployment, const sim::DrSpec& spec)
    : deployment_(deployment), spec_(spec), mutex_(sg4::Mutex::create()), changed_(sg4::ConditionVariable::create()) {
  const std::vector<sg4::Host*> points = vantage_points(deployment, spec.primary);
  sim::RandomStream rng(deployment.scenario().seed, "dr/health-checkers");
  for (int k = 0; k < spec.health_checkers; ++k) {
    hosts_.push_back(points[static_cast<std::size_t>(k) % points.size()]);
    phases_.push_back(rng.uniform(0, spec.health_check_interval));
    checkers_.emplace_back();
  }
}

void HealthCheckers::start(double horizon) {
  sg4::Host* home = deployment_.platform().external(sim::ExternalSystem::Clients);
  for (std::size_t k = 0; k < hosts_.size(); ++k) {
    sg4::Actor::create("health-checker-" + std::to_string(k), home, [this, k, horizon] {
      for (double next = phases_[k]; next < horizon;) {
        sg4::this_actor::sleep_until(next);
        check(k);
        // A check that outlasted the cycle delays the checker to its next slot, never bunches up.
        const double now = sg4::Engine::get_clock();
        next += spec_.health_check_interval;
        if (next <= now) next += std::ceil((now - next) / spec_.health_check_interval) * spec_.health_check_interval;
      }
    })->daemonize();
  }
}

void HealthCheckers::check(std::size_t k) {
  sg4::Host* from = hosts_[k];
  // A checker that is itself down reports nothing and does not count in the share.
  if (checkers_[k].reporting != from->is_on()) {
    checkers_[k].reporting = from->is_on();
    checkers_[k].streak = 0;
    aggregate(sg4::Engine::get_clock());
  }
  if (!from->is_on()) return;
  ++checks_;
  const double at = sg4::Engine::get_clock();
  Service* endpoint = deployment_.region(spec_.primary).services.at(ComponentId::WorkspaceUi);
  const bool answered = endpoint->probe(from);
  const bool ok = answered && sg4::Engine::get_clock() - at <= spec_.health_check_timeout;
  report(k, ok, at);
}

void HealthCheckers::report(std::size_t k, bool ok, double at) {
  Checker& c = checkers_[k];
  if (ok == c.healthy) {
    c.streak = 0;
    return;
  }
  if (c.streak++ == 0) c.streak_first = at;
  if (c.streak < spec_.failure_threshold) return;
  c.healthy = ok;
  c.streak = 0;
  c.turned_by = c.streak_first;
  aggregate(at);
}

void HealthCheckers::aggregate(double at) {
  std::size_t unhealthy = 0, reporting = 0;
  for (const Checker& c : checkers_) {
    reporting += c.reporting ? 1 : 0;
    unhealthy += c.reporting && !c.healthy ? 1 : 0;
  }
  if (reporting == 0) return;  // nobody to say: the state stays
  const bool endpoint_healthy =
      static_cast<double>(unhealthy) < spec_.unhealthy_share * static_cast<double>(reporting) - 1e-9;
  if (endpoint_healthy == healthy_) return;
  healthy_ = endpoint_healthy;
  // The streaks that agree with the new state: the earliest of their first checks.
  streak_start_ = at;
  for (const Checker& c : checkers_)
    if (c.reporting && c.healthy == healthy_) streak_start_ = std::min(streak_start_, c.turned_by);
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  changed_->notify_all();
}

bool HealthCheckers::await(bool healthy, double horizon) {
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  while (healthy_ != healthy) {
    if (sg4::Engine::get_clock() >= horizon) return false;
    changed_->wait_until(lock, horizon);
  }
  return true;
}

HealthCheckers::~HealthCheckers() {
  if (changed_) static_cast<void>(changed_.detach());
  if (mutex_) static_cast<void>(mutex_.detach());
}

}  // namespace lakesim::models
