#include "sim/shared_cpu.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "sim/host_work.hpp"
#include "sim/run_state.hpp"

namespace lakesim::sim {
namespace {

// Events closer than this to an instant count as at that instant: the clock SimGrid wakes a
// caller at and the model's own sums of rates and durations differ in the last bits.
constexpr double kSlack = 1e-9;

enum EventKind { kNone, kDeparture, kTimeout, kArrival };

bool ended(SharedCpu::Phase p) {
  return p == SharedCpu::Phase::Done || p == SharedCpu::Phase::TimedOut || p == SharedCpu::Phase::Failed;
}

// The run's shared CPUs, by host (sim/run_state.hpp).
struct SharedCpus {
  std::unordered_map<const sg4::Host*, SharedCpu> by_host;
  std::uint64_t computed = 0;
};

SharedCpus& cpus() { return RunState::current().get<SharedCpus>(); }

}  // namespace

SharedCpu::SharedCpu(sg4::Host* host)
    : host_(host), speed_(host->get_speed()), cores_(host->get_core_count()), now_(sg4::Engine::get_clock()) {}

SharedCpu::SharedCpu(sg4::Host* host, double speed, double units, std::uint64_t* departures)
    : host_(host), speed_(speed), cores_(units), departures_(departures), now_(sg4::Engine::get_clock()) {}

int SharedCpu::add_group(int slots, double timeout) {
  if (slots < 1) throw std::invalid_argument("a service needs at least one slot per replica");
  Group g;
  g.slots = slots;
  g.timeout = timeout;
  groups_.push_back(g);
  fewest_slots_ = std::min(fewest_slots_, slots);
  return static_cast<int>(groups_.size()) - 1;
}

SharedCpu::JobId SharedCpu::submit(int group, double arrival, double flops, WakeupPtr wake) {
  advance(sg4::Engine::get_clock());
  JobId id;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    id = static_cast<JobId>(jobs_.size());
    jobs_.emplace_back();
  }
  Job& j = jobs_[id];
  j = Job{};
  j.group = group;
  j.arrival = std::max(arrival, now_);
  j.flops = flops;
  j.remaining = flops;
  j.wake = std::move(wake);
  j.in_use = true;
  // Keep arrivals ordered by (instant, submission): equal instants arrive in submission order.
  auto later = std::upper_bound(arriving_.begin(), arriving_.end(), j.arrival,
                                [this](double at, JobId other) { return at < jobs_[other].arrival; });
  arriving_.insert(later, id);
  ++version_;
  // While every known request has a slot, a new one can only slow the others down: nobody's
  // request ends sooner, so nobody is woken.
  if (!slots_suffice()) wake_early_returns();
  return id;
}

bool SharedCpu::uncontended() const {
  const std::size_t known = running_.size() + arriving_.size();
  return static_cast<double>(known) <= cores_ && slots_suffice();
}

bool SharedCpu::slots_suffice() const {
  const std::size_t known = running_.size() + arriving_.size();
  if (queued_ > 0) return false;
  if (static_cast<std::size_t>(fewest_slots_) >= known) return true;
  // With no more known requests than cores, a group can only run out of slots if it has fewer
  // slots than that: count its arrivals then.
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const Group& group = groups_[g];
    if (static_cast<std::size_t>(group.slots) >= known) continue;
    int demand = group.in_service;
    for (JobId id : arriving_)
      if (static_cast<std::size_t>(jobs_[id].group) == g) ++demand;
    if (demand > group.slots) return false;
  }
  return true;
}

double SharedCpu::projected_return(const Job& j) const {
  return j.ended + (j.phase == Phase::Done ? j.after_finish : 0.0);
}

void SharedCpu::wake_early_returns() {
  // When every known request has a slot, only the sharing of the cores decides their ends.
  const bool sharing_only = slots_suffice();
  std::optional<SharedCpu> copy;
  if (sharing_only) {
    project_sharing();
  } else {
    copy.emplace(*this);
    copy->projecting_ = true;
    copy->advance(std::numeric_limits<double>::infinity());
  }
  for (std::size_t id = 0; id < jobs_.size(); ++id) {
    const Job& j = jobs_[id];
    if (!j.in_use || ended(j.phase) || !j.wake || !std::isfinite(j.wake_at)) continue;
    double back = sharing_only ? projected_ends_[id] + j.after_finish : projected_return(copy->jobs_[id]);
    if (j.phase != Phase::Running)
      back = std::min(back, j.arrival + groups_[static_cast<std::size_t>(j.group)].timeout);
    if (back < j.wake_at - kSlack) {
      jobs_[id].wake_at = back;
      j.wake->signal();
    }
  }
}

const SharedCpu::Job& SharedCpu::job(JobId id) {
  advance(sg4::Engine::get_clock());
  return jobs_[id];
}

void SharedCpu::forget(JobId id) {
  Job& j = jobs_[id];
  if (!ended(j.phase)) return;  // still holds a place in the model (a killed caller's request)
  j.in_use = false;
  j.wake = nullptr;
  free_ids_.push_back(id);
}

double SharedCpu::earliest_return(JobId id, double after_finish) {
  advance(sg4::Engine::get_clock());
  Job& j = jobs_[id];
  j.after_finish = after_finish;
  if (ended(j.phase)) return j.wake_at = projected_return(j);
  // Until it has a slot, a request submitted later can push the job past its time-out.
  const double give_up = j.phase == Phase::Running ? std::numeric_limits<double>::infinity()
                                                   : j.arrival + groups_[static_cast<std::size_t>(j.group)].timeout;
  if (uncontended())  // it runs at full speed from its arrival
    return j.wake_at = std::min(give_up, std::max(now_, j.arrival) + j.remaining / speed_ + after_finish);
  if (slots_suffice()) {  // no queue can form: the sharing of the cores alone decides
    project_sharing();
    return j.wake_at = std::min(give_up, projected_ends_[id] + after_finish);
  }
  // Otherwise play the known requests forward on a copy (which accounts nothing and wakes nobody).
  SharedCpu copy = *this;
  copy.projecting_ = true;
  while (!ended(copy.jobs_[id].phase)) {
    int kind = kNone;
    const double at = copy.next_event(&kind);
    if (kind == kNone) break;  // cannot happen while the job is in the model
    copy.advance(at);
  }
  return j.wake_at = std::min(give_up, projected_return(copy.jobs_[id]));
}

void SharedCpu::fail_all() {
  ++version_;
  const double now = sg4::Engine::get_clock();
  auto fail = [&](JobId id) {
    Job& j = jobs_[id];
    j.phase = Phase::Failed;
    j.ended = now;
    if (j.wake) j.wake->signal();
  };
  for (JobId id : running_) fail(id);
  for (JobId id : arriving_) fail(id);
  for (Group& g : groups_) {
    for (JobId id : g.queue) fail(id);
    g.queue.clear();
    queued_ = 0;
    g.in_service = 0;
  }
  running_.clear();
  arriving_.clear();
  now_ = std::max(now_, now);
}

void SharedCpu::project_sharing() const {
  if (projected_version_ == version_) return;  // nothing has changed since the last projection
  projected_version_ = version_;
  // The same steps and arithmetic as advance() with every arrival admitted at once (next_event,
  // progress, depart, arrive), on the remaining work alone.
  projected_ends_.assign(jobs_.size(), std::numeric_limits<double>::infinity());
  std::vector<std::pair<JobId, double>>& running = projection_;
  running.clear();
  for (JobId id : running_) running.emplace_back(id, jobs_[id].remaining);
  std::size_t next_arrival = 0;
  double now = now_;
  for (;;) {
    double at = std::numeric_limits<double>::infinity();
    bool departure = false;
    double least = std::numeric_limits<double>::infinity();
    double rate = 0;
    if (!running.empty()) {
      for (const auto& r : running) least = std::min(least, r.second);
      rate = speed_ * std::min(1.0, cores_ / static_cast<double>(running.size()));
      at = now + least / rate;
      departure = true;
    }
    if (next_arrival < arriving_.size() && jobs_[arriving_[next_arrival]].arrival < at) {
      at = jobs_[arriving_[next_arrival]].arrival;
      departure = false;
    }
    if (!std::isfinite(at)) break;
    if (at > now && !running.empty()) {
      const double done = rate * (at - now);
      for (auto& r : running) r.second -= done;
    }
    now = std::max(now, at);
    if (departure) {
      least = std::numeric_limits<double>::infinity();
      for (const auto& r : running) least = std::min(least, r.second);
      const double threshold = least + kSlack * speed_;
      for (std::size_t i = 0; i < running.size();) {
        if (running[i].second > threshold) {
          ++i;
          continue;
        }
        projected_ends_[running[i].first] = now;
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      }
    } else {
      running.emplace_back(arriving_[next_arrival], jobs_[arriving_[next_arrival]].remaining);
      ++next_arrival;
    }
  }
}

double SharedCpu::next_event(int* kind) const {
  double at = std::numeric_limits<double>::infinity();
  *kind = kNone;
  if (!running_.empty()) {
    double least = std::numeric_limits<double>::infinity();
    for (JobId id : running_) least = std::min(least, jobs_[id].remaining);
    const double rate = speed_ * std::min(1.0, cores_ / static_cast<double>(running_.size()));
    at = now_ + least / rate;
    *kind = kDeparture;
  }
  for (const Group& g : groups_) {
    if (queued_ == 0) break;
    if (g.queue.empty()) continue;
    const double give_up = jobs_[g.queue.front()].arrival + g.timeout;
    if (give_up < at) {
      at = give_up;
      *kind = kTimeout;
    }
  }
  if (!arriving_.empty() && jobs_[arriving_.front()].arrival < at) {
    at = jobs_[arriving_.front()].arrival;
    *kind = kArrival;
  }
  return at;
}

void SharedCpu::advance(double until) {
  for (;;) {
    int kind = kNone;
    const double at = next_event(&kind);
    if (kind == kNone || at > until + kSlack) break;
    progress(at);
    switch (kind) {
      case kDeparture: depart(); break;
      case kTimeout: time_out(); break;
      case kArrival: arrive(); break;
      default: break;
    }
  }
  if (until > now_) progress(until);
}

void SharedCpu::progress(double to) {
  if (to <= now_) return;
  ++version_;
  if (!running_.empty()) {
    const double rate = speed_ * std::min(1.0, cores_ / static_cast<double>(running_.size()));
    const double done = rate * (to - now_);
    for (JobId id : running_) jobs_[id].remaining -= done;
  }
  now_ = to;
}

void SharedCpu::depart() {
  ++version_;
  // Every job whose work is (within rounding) complete leaves now; its slot goes to its queue.
  double least = std::numeric_limits<double>::infinity();
  for (JobId id : running_) least = std::min(least, jobs_[id].remaining);
  const double threshold = least + kSlack * speed_;
  std::vector<std::size_t> freed;
  for (std::size_t i = 0; i < running_.size();) {
    Job& j = jobs_[running_[i]];
    if (j.remaining > threshold) {
      ++i;
      continue;
    }
    j.remaining = 0;
    j.phase = Phase::Done;
    j.ended = now_;
    --groups_[static_cast<std::size_t>(j.group)].in_service;
    if (!projecting_ && departures_) {
      ++*departures_;
    } else if (!projecting_) {
      add_host_work(host_, j.flops);
      ++cpus().computed;
    }
    freed.push_back(static_cast<std::size_t>(j.group));
    running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  for (std::size_t g : freed) admit(groups_[g]);
}

void SharedCpu::time_out() {
  ++version_;
  // The queue whose head gives up first.
  Group* first = nullptr;
  for (Group& g : groups_) {
    if (g.queue.empty()) continue;
    if (!first || jobs_[g.queue.front()].arrival + g.timeout < jobs_[first->queue.front()].arrival + first->timeout)
      first = &g;
  }
  Job& j = jobs_[first->queue.front()];
  first->queue.pop_front();
  --queued_;
  j.phase = Phase::TimedOut;
  j.ended = now_;
}

void SharedCpu::arrive() {
  ++version_;
  const JobId id = arriving_.front();
  arriving_.erase(arriving_.begin());
  Job& j = jobs_[id];
  Group& g = groups_[static_cast<std::size_t>(j.group)];
  j.phase = Phase::Queued;
  g.queue.push_back(id);
  ++queued_;
  admit(g);
}

void SharedCpu::admit(Group& group) {
  while (group.in_service < group.slots && !group.queue.empty()) {
    Job& j = jobs_[group.queue.front()];
    group.queue.pop_front();
    --queued_;
    j.phase = Phase::Running;
    j.admitted = now_;
    ++group.in_service;
    running_.push_back(static_cast<JobId>(&j - jobs_.data()));
  }
}

SharedCpu& shared_cpu(sg4::Host* host) {
  // Connected to SimGrid's process-wide signal once, at first use, as every run of the process
  // uses it: a host that goes down fails the requests on it at once, as it fails executions.
  static const bool connected = [] {
    sg4::Host::on_state_change_cb([](const sg4::Host& h) {
      if (h.is_on() || !RunState::active()) return;
      auto& all = cpus().by_host;
      auto it = all.find(&h);
      if (it != all.end()) it->second.fail_all();
    });
    return true;
  }();
  (void)connected;
  auto& all = cpus().by_host;
  auto it = all.find(host);
  if (it == all.end()) it = all.emplace(host, SharedCpu(host)).first;
  return it->second;
}

std::uint64_t computed_executions() { return cpus().computed; }

void count_computed_executions(std::uint64_t n) { cpus().computed += n; }

}  // namespace lakesim::sim
