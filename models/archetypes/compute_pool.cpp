#include "models/archetypes/compute_pool.hpp"

#include <algorithm>
#include <stdexcept>

namespace lakesim::models {

void ComputePoolConfig::check(const std::string& who, std::size_t instances) const {
  if (!(start_delay >= 0)) throw std::invalid_argument(who + ": start delay must not be negative");
  if (warm_instances < 0 || static_cast<std::size_t>(warm_instances) > instances)
    throw std::invalid_argument(who + ": warm instances must be between 0 and the pool size");
  if (!(acquire_timeout > 0)) throw std::invalid_argument(who + ": acquire timeout must be positive");
}

ComputePool::ComputePool(const Component& entry, std::string region, std::string placement,
                         std::vector<sg4::Host*> instances, ComputePoolConfig config)
    : DeployedComponent(entry, std::move(region), instances),
      placement_(std::move(placement)),
      config_(config),
      mutex_(sg4::Mutex::create()) {
  config_.check(label() + " (" + placement_ + ")", instances.size());
  for (std::size_t i = 0; i < instances.size(); ++i) {
    Instance inst{instances[i]};
    if (static_cast<int>(i) < config_.warm_instances) {
      inst.warm = true;
      inst.running_since = 0;
    }
    instances_.push_back(inst);
  }
}

int ComputePool::free_instances() const {
  int n = 0;
  for (const Instance& i : instances_) n += (!i.leased && i.host->is_on()) ? 1 : 0;
  return n;
}

void ComputePool::grant_waiters() {
  // First come, first served: a large request at the head is not overtaken by smaller ones.
  while (!waiters_.empty()) {
    Waiter* w = waiters_.front();
    int launches = 0;
    const std::vector<std::size_t> picked = pick(w->count, launches);
    if (static_cast<int>(picked.size()) < w->count) return;
    if (launch_budget_ >= 0) launch_budget_ -= launches;
    for (std::size_t i : picked) instances_[i].leased = true;
    w->instances = picked;
    w->granted = true;
    waiters_.pop_front();
    w->wake->notify_all();
  }
}

std::vector<std::size_t> ComputePool::pick(int count, int& launches) const {
  std::vector<std::size_t> picked;
  // Warm instances first, then cold ones, each in index order (deterministic).
  for (int pass = 0; pass < 2 && static_cast<int>(picked.size()) < count; ++pass)
    for (std::size_t i = 0; i < instances_.size() && static_cast<int>(picked.size()) < count; ++i) {
      const Instance& inst = instances_[i];
      const bool startable = inst.warm || (!launches_blocked_ && (launch_budget_ < 0 || launches < launch_budget_));
      if (!inst.leased && startable && inst.warm == (pass == 0) && inst.host->is_on()) {
        picked.push_back(i);
        launches += inst.warm ? 0 : 1;
      }
    }
  return picked;
}

ComputePool::Growth ComputePool::lease_now(int count) {
  Growth growth;
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  if (count < 1 || !waiters_.empty() || !is_up()) return growth;
  int launches = 0;
  const std::vector<std::size_t> picked = pick(count, launches);
  if (launch_budget_ >= 0) launch_budget_ -= launches;
  const double now = sg4::Engine::get_clock();
  bool any_cold = false;
  for (std::size_t i : picked) {
    Instance& inst = instances_[i];
    inst.leased = true;
    inst.leased_since = now;
    if (inst.running_since < 0) {
      inst.running_since = now;
      any_cold = true;
      ++cold_starts_;
    }
    growth.instances.push_back(inst.host);
  }
  growth.start_delay = any_cold ? config_.start_delay : config_.warm_start_delay;
  return growth;
}

std::vector<sg4::Host*> ComputePool::acquire(int count) {
  try {
    require_available();
    if (count < 1 || static_cast<std::size_t>(count) > instances_.size())
      throw RequestFailed(FailureCause::NoCapacity, label() + " (" + placement_ + ")");
    Waiter w{count, sg4::ConditionVariable::create(), false, {}};
    {
      std::unique_lock<sg4::Mutex> lock(*mutex_);
      waiters_.push_back(&w);
      grant_waiters();
      const double deadline = sg4::Engine::get_clock() + config_.acquire_timeout;
      while (!w.granted) {
        if (w.wake->wait_until(lock, deadline) == std::cv_status::timeout && !w.granted) {
          waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &w));
          grant_waiters();  // the head may have changed
          throw RequestFailed(FailureCause::NoCapacity, label() + " (" + placement_ + ")");
        }
      }
    }
    // Cold instances start now; the lease waits for the slowest of them.
    bool any_cold = false;
    const double now = sg4::Engine::get_clock();
    for (std::size_t i : w.instances) {
      Instance& inst = instances_[i];
      if (inst.running_since < 0) {
        inst.running_since = now;
        any_cold = true;
        ++cold_starts_;
      }
      inst.leased_since = now;
    }
    const double start = any_cold ? config_.start_delay : config_.warm_start_delay;
    if (start > 0) sg4::this_actor::sleep_for(start);
    std::vector<sg4::Host*> hosts;
    for (std::size_t i : w.instances) hosts.push_back(instances_[i].host);
    count_served();
    return hosts;
  } catch (const RequestFailed& failure) {
    count_failure(failure.cause());
    throw;
  }
}

void ComputePool::release(const std::vector<sg4::Host*>& leased) {
  const double now = sg4::Engine::get_clock();
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  for (sg4::Host* h : leased) {
    for (Instance& inst : instances_) {
      if (inst.host != h || !inst.leased) continue;
      inst.leased = false;
      inst.leased_total += now - inst.leased_since;
      if (!inst.warm && inst.running_since >= 0) {
        inst.billed += now - inst.running_since;
        inst.running_since = -1;  // cold instances stop when released
      }
    }
  }
  grant_waiters();
}

void ComputePool::keep_started(const std::vector<sg4::Host*>& leased) {
  for (Instance& inst : instances_)
    if (inst.leased && std::find(leased.begin(), leased.end(), inst.host) != leased.end()) inst.warm = true;
  release(leased);
}

void ComputePool::set_launch_budget(int launches) {
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  launch_budget_ = launches;
  grant_waiters();
}

int ComputePool::warm_count() const {
  int n = 0;
  for (const Instance& i : instances_) n += i.warm ? 1 : 0;
  return n;
}

void ComputePool::set_launches_blocked(bool blocked) {
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  launches_blocked_ = blocked;
  grant_waiters();  // requests waiting for cold instances may go ahead now
}

double ComputePool::instance_seconds() const {
  const double now = sg4::Engine::get_clock();
  double total = 0;
  for (const Instance& i : instances_) total += i.billed + (i.running_since >= 0 ? now - i.running_since : 0);
  return total;
}

double ComputePool::leased_seconds() const {
  const double now = sg4::Engine::get_clock();
  double total = 0;
  for (const Instance& i : instances_) total += i.leased_total + (i.leased ? now - i.leased_since : 0);
  return total;
}

}  // namespace lakesim::models
