#include "models/flows/job_autoscaler.hpp"

#include <algorithm>
#include <map>

namespace lakesim::models {

struct JobAutoscaler::State {
  ComputePool* pool;
  SparkExecution* spark;
  std::vector<sg4::Host*>* held;
  JobAutoscalingPolicy policy;
  EventSink on_event;
  bool stopped = false;
  std::map<int, std::vector<sg4::Host*>> starting;  // leased, not yet taking tasks, by batch
  int next_batch = 0;
  int starting_count = 0;
  // The run's leases over time.
  double started_at = 0;
  double since = 0;
  double instance_seconds = 0;
  int fewest = 0;
  int most = 0;
  std::uint64_t scale_ups = 0;
  std::uint64_t scale_downs = 0;
  std::uint64_t added = 0;
  sg4::MutexPtr mutex = sg4::Mutex::create();
  sg4::ConditionVariablePtr wake = sg4::ConditionVariable::create();

  int leased() const { return static_cast<int>(held->size()) + starting_count; }
  // Call before the number of leases changes.
  void account() {
    const double now = sg4::Engine::get_clock();
    instance_seconds += (now - since) * leased();
    since = now;
  }
  void observe() {
    fewest = std::min(fewest, leased());
    most = std::max(most, leased());
  }
  void event(const std::string& kind, const std::string& detail) const {
    if (on_event) on_event(kind, detail);
  }
};

namespace {
std::string count_words(int n) { return std::to_string(n) + (n == 1 ? " instance" : " instances"); }
}  // namespace

JobAutoscaler::JobAutoscaler(ComputePool& pool, SparkExecution& spark, std::vector<sg4::Host*>& held,
                             JobAutoscalingPolicy policy, EventSink on_event)
    : state_(std::make_shared<State>()) {
  State& st = *state_;
  st.pool = &pool;
  st.spark = &spark;
  st.held = &held;
  st.policy = policy;
  st.on_event = std::move(on_event);
  st.started_at = st.since = sg4::Engine::get_clock();
  st.fewest = st.most = st.leased();
  // A driver lost before the run began decides nothing (SimGrid starts no actor on a host that is off).
  if (!held.front()->is_on()) return;
  std::shared_ptr<State> shared = state_;
  sg4::Actor::create("autoscaler", held.front(), [shared] {
    State& s = *shared;
    for (;;) {
      const double deadline = sg4::Engine::get_clock() + s.policy.evaluation_interval;
      {
        std::unique_lock<sg4::Mutex> lock(*s.mutex);
        while (!s.stopped && sg4::Engine::get_clock() < deadline) s.wake->wait_until(lock, deadline);
      }
      if (s.stopped) return;
      const double now = sg4::Engine::get_clock();
      const int cores = s.held->front()->get_core_count();
      const int add = s.policy.to_add(s.leased(), s.starting_count, s.spark->pending_tasks(), cores);
      if (add > 0) {
        ComputePool::Growth growth = s.pool->lease_now(add);
        if (growth.instances.empty()) continue;  // nothing free now: try again at the next decision
        s.account();
        const int n = static_cast<int>(growth.instances.size());
        const int batch = s.next_batch++;
        s.starting[batch] = std::move(growth.instances);
        s.starting_count += n;
        s.observe();
        ++s.scale_ups;
        s.added += static_cast<std::uint64_t>(n);
        s.event("scaled_up", "+" + count_words(n) + " starting, " + count_words(s.leased()) + " held");
        // They take tasks once started; unless the run ended first and gave them back.
        sg4::Actor::create("autoscaler-start", s.held->front(), [shared, batch, delay = growth.start_delay] {
          if (delay > 0) sg4::this_actor::sleep_for(delay);
          State& r = *shared;
          auto it = r.starting.find(batch);
          if (r.stopped || it == r.starting.end()) return;
          std::vector<sg4::Host*> ready = std::move(it->second);
          r.starting.erase(it);
          r.starting_count -= static_cast<int>(ready.size());
          r.held->insert(r.held->end(), ready.begin(), ready.end());
          r.spark->add_instances(ready);
          r.event("instances_ready",
                  count_words(static_cast<int>(ready.size())) + " ready, " + count_words(r.leased()) + " held");
        })->daemonize();
        continue;
      }
      // Idle instances go, the longest idle first, down to min_instances.
      std::vector<std::pair<sg4::Host*, double>> idle = s.spark->idle_instances();
      std::stable_sort(idle.begin(), idle.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
      for (const auto& [host, since] : idle) {
        if (s.leased() <= s.policy.min_instances || now - since < s.policy.idle_before_removal) break;
        s.account();
        s.spark->remove_instance(host);
        s.held->erase(std::find(s.held->begin(), s.held->end(), host));
        s.pool->release({host});
        s.observe();
        ++s.scale_downs;
        s.event("scaled_down", "-1 instance idle, " + count_words(s.leased()) + " held");
      }
    }
  })->daemonize();
}

void JobAutoscaler::stop() {
  State& s = *state_;
  if (s.stopped) return;
  s.account();
  s.stopped = true;
  for (auto& [batch, hosts] : s.starting) s.pool->release(hosts);
  s.starting.clear();
  s.starting_count = 0;
  JobAutoscalingStats& stats = s.pool->autoscaling();
  stats.fewest_held = stats.runs == 0 ? s.fewest : std::min(stats.fewest_held, s.fewest);
  stats.most_held = std::max(stats.most_held, s.most);
  ++stats.runs;
  stats.scale_ups += s.scale_ups;
  stats.scale_downs += s.scale_downs;
  stats.instances_added += s.added;
  stats.instance_seconds += s.instance_seconds;
  stats.run_seconds += sg4::Engine::get_clock() - s.started_at;
  s.wake->notify_all();
}

JobAutoscaler::~JobAutoscaler() { stop(); }

}  // namespace lakesim::models
