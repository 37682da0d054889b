#include "models/archetypes/sql_warehouse.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/dedicated_downlink.hpp"
#include "sim/host_watch.hpp"
#include "sim/host_work.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/simulation.hpp"

namespace lakesim::models {
namespace {

// Weight of the newest execution in the mean that the drain estimate uses.
constexpr double kExecutionSmoothing = 0.1;
// Slack for comparing simulated instants reached by sleeping (clock arithmetic rounds).
constexpr double kClockSlack = 1e-9;

// Clusters to add for an estimated drain time: <2 min none, 2-6 one, 6-12 two, 12-22 three,
// beyond that three plus one per further 15 minutes.
int clusters_for_drain(double seconds) {
  const double minutes = std::min(seconds / 60, 1e6);  // an unbounded estimate is capped later
  if (minutes < 2) return 0;
  if (minutes < 6) return 1;
  if (minutes < 12) return 2;
  if (minutes <= 22) return 3;
  return 3 + static_cast<int>(std::floor((minutes - 22) / 15));
}

}  // namespace

void SqlWarehouseConfig::check(const std::string& who, std::size_t instances) const {
  if (cluster_size < 1) throw std::invalid_argument(who + ": cluster size must be at least 1");
  if (min_clusters < 0 || max_clusters < 1 || min_clusters > max_clusters)
    throw std::invalid_argument(who + ": clusters must satisfy 0 <= min <= max and max >= 1");
  if (static_cast<std::size_t>(max_clusters) * static_cast<std::size_t>(cluster_size) > instances)
    throw std::invalid_argument(who + ": " + std::to_string(max_clusters) + " clusters of " +
                                std::to_string(cluster_size) + " need more than the " + std::to_string(instances) +
                                " instances");
  if (slots_per_cluster < 1) throw std::invalid_argument(who + ": slots per cluster must be at least 1");
  if (max_queue < 0) throw std::invalid_argument(who + ": the queue limit must not be negative");
  if (!(start_delay >= 0)) throw std::invalid_argument(who + ": start delay must not be negative");
  if (!(core_time_scale > 0) || !(query_overhead >= 0))
    throw std::invalid_argument(who + ": the core time scale must be positive and the overhead not negative");
  if (!(autoscale_interval > 0) || !(forced_upscale_wait > 0) || !(downscale_after > 0) || !(assumed_query_time > 0))
    throw std::invalid_argument(who + ": autoscaler times must be positive");
}

SqlWarehouseConfig sql_warehouse_config(const sim::ComputeSpec& spec) {
  SqlWarehouseConfig c;
  c.cluster_size = spec.cluster_size;
  c.min_clusters = spec.min_clusters;
  c.max_clusters = spec.max_clusters;
  c.start_delay = spec.start_delay;
  c.core_time_scale = spec.core_time_scale;
  c.query_overhead = spec.query_overhead;
  return c;
}

SqlWarehouse::SqlWarehouse(const Component& entry, std::string region, std::string placement,
                           std::vector<sg4::Host*> instances, SqlWarehouseConfig config)
    : DeployedComponent(entry, std::move(region), instances), placement_(std::move(placement)), config_(config) {
  config_.check(where(), instances.size());
  // A warehouse's instances receive flows only from their S3 ports (the control plane's messages
  // to them travel without flows): their reads are computed in closed form.
  for (sg4::Host* h : instances) sim::dedicate_downlink(h);
  const std::size_t size = static_cast<std::size_t>(config_.cluster_size);
  for (std::size_t first = 0; first + size <= instances.size(); first += size) {
    Cluster c;
    c.hosts.assign(instances.begin() + static_cast<std::ptrdiff_t>(first),
                   instances.begin() + static_cast<std::ptrdiff_t>(first + size));
    double cores = 0;
    for (const sg4::Host* h : c.hosts) cores += h->get_core_count();
    c.cores = sim::ProcessorSharing(cores);
    clusters_.push_back(std::move(c));
  }
  const double now = sg4::Engine::get_clock();
  for (int i = 0; i < config_.min_clusters; ++i) {
    clusters_[static_cast<std::size_t>(i)].state = State::Running;
    clusters_[static_cast<std::size_t>(i)].since = now;
  }
  busy_since_ = now;
  scaling_since_ = now;
  mean_execution_ = config_.assumed_query_time;
}

SqlWarehouse::~SqlWarehouse() { *alive_ = false; }

void SqlWarehouse::start() {
  sg4::ActorPtr actor =
      sg4::Actor::create(label() + "/" + placement_ + "/autoscaler", hosts().front(), [this, alive = alive_] {
        if (*alive) autoscale_loop();
      });
  actor->daemonize();
  actor->set_auto_restart(true);
}

const std::vector<sg4::Host*>& SqlWarehouse::cluster_hosts(int cluster) const {
  return clusters_.at(static_cast<std::size_t>(cluster)).hosts;
}

int SqlWarehouse::running_clusters() const {
  return static_cast<int>(
      std::count_if(clusters_.begin(), clusters_.end(), [](const Cluster& c) { return c.state == State::Running; }));
}

int SqlWarehouse::starting_clusters() const {
  return static_cast<int>(
      std::count_if(clusters_.begin(), clusters_.end(), [](const Cluster& c) { return c.state == State::Starting; }));
}

int SqlWarehouse::active_clusters() const { return running_clusters() + starting_clusters(); }

double SqlWarehouse::instance_seconds() const {
  const double now = sg4::Engine::get_clock();
  double total = 0;
  for (const Cluster& c : clusters_)
    total += (c.billed + (c.state != State::Stopped ? now - c.since : 0)) * static_cast<double>(c.hosts.size());
  return total;
}

double SqlWarehouse::slot_busy_seconds() const {
  return busy_area_ + busy_slots_ * (sg4::Engine::get_clock() - busy_since_);
}

// ---- slots and the queue ----

bool SqlWarehouse::usable(const Cluster& c) const {
  if (c.state != State::Running) return false;
  for (const sg4::Host* h : c.hosts)
    if (!h->is_on()) return false;
  return true;
}

// Lowest index first: load packs onto the first clusters, so the last ones go idle and can stop.
int SqlWarehouse::free_cluster() const {
  for (std::size_t i = 0; i < clusters_.size(); ++i)
    if (usable(clusters_[i]) && clusters_[i].busy < config_.slots_per_cluster) return static_cast<int>(i);
  return -1;
}

void SqlWarehouse::account_busy() {
  const double now = sg4::Engine::get_clock();
  busy_area_ += busy_slots_ * (now - busy_since_);
  busy_since_ = now;
}

void SqlWarehouse::take_slot(Waiter& w, int cluster) {
  account_busy();
  ++clusters_[static_cast<std::size_t>(cluster)].busy;
  ++busy_slots_;
  w.cluster = cluster;
}

void SqlWarehouse::free_slot(Waiter& w) {
  account_busy();
  --clusters_[static_cast<std::size_t>(w.cluster)].busy;
  --busy_slots_;
  w.cluster = -1;
}

void SqlWarehouse::note_demand() {
  peak_since_tick_ = std::max(peak_since_tick_, static_cast<double>(busy_slots_ + queued()));
}

void SqlWarehouse::grant() {
  while (!queue_.empty()) {
    const int cluster = free_cluster();
    if (cluster < 0) return;
    Waiter* w = queue_.front();
    queue_.pop_front();
    w->queued = false;
    take_slot(*w, cluster);
    w->wake->signal();
  }
}

// A query leaves early (failure or its actor killed). A killed actor must not block or wake
// others while it unwinds (may_block false), so then only the bookkeeping is undone and the
// autoscaler's next tick hands the freed slot on. Leaving twice is harmless.
void SqlWarehouse::abandon(Waiter& w, bool may_block) {
  if (w.queued) {
    queue_.erase(std::find(queue_.begin(), queue_.end(), &w));
    w.queued = false;
  }
  if (w.cluster >= 0) free_slot(w);
  if (may_block) grant();
}

QueryTiming SqlWarehouse::run(const QueryWork& work, const ReadFn& read) {
  const std::shared_ptr<bool> alive = alive_;
  try {
    require_available();
    QueryTiming timing;
    Waiter w;
    w.arrived = sg4::Engine::get_clock();
    // FIFO: an arrival takes a free slot only when nobody is waiting for one.
    const int free = queue_.empty() ? free_cluster() : -1;
    if (free >= 0) {
      take_slot(w, free);
    } else {
      if (queued() >= config_.max_queue) throw RequestFailed(FailureCause::NoCapacity, where());
      w.wake = sim::Wakeup::create();
      w.queued = true;
      queue_.push_back(&w);
    }
    note_demand();
    // However this call ends early, the query gives back its place in the queue or its slot.
    // A killed actor only unwinds (no handler runs for a kill), through this guard.
    struct Leave {
      SqlWarehouse& warehouse;
      Waiter& waiter;
      const std::shared_ptr<bool>& alive;
      ~Leave() {
        if (*alive) warehouse.abandon(waiter, false);
      }
    } leave{*this, w, alive};
    try {
      if (w.cluster < 0) w.wake->wait();
      const double started = sg4::Engine::get_clock();
      timing.queued = started - w.arrived;
      timing.cluster = w.cluster;
      execute(clusters_[static_cast<std::size_t>(w.cluster)], work, read);
      timing.executed = sg4::Engine::get_clock() - started;
    } catch (const std::exception&) {
      abandon(w, true);  // a failed query may hand its slot on at once
      throw;
    }
    free_slot(w);
    mean_execution_ = observed_execution_
                          ? (1 - kExecutionSmoothing) * mean_execution_ + kExecutionSmoothing * timing.executed
                          : timing.executed;
    observed_execution_ = true;
    count_served(timing.executed);
    grant();
    return timing;
  } catch (const RequestFailed& failure) {
    if (*alive) count_failure(failure.cause());
    throw;
  }
}

void SqlWarehouse::execute(Cluster& cluster, const QueryWork& work, const ReadFn& read) {
  const double instances = static_cast<double>(cluster.hosts.size());
  translate_failures(where(), [&] {
    if (work.hold_only) {
      sim::wait_while_up(cluster.hosts, work.hold_seconds);
      return;
    }
    const double fixed = config_.query_overhead + work.fixed_seconds;
    if (fixed > 0) sim::wait_while_up(cluster.hosts, fixed);
    if (read && work.read_bytes > 0) read(cluster.hosts, work.read_bytes / instances);
    const double core_seconds = work.core_seconds * config_.core_time_scale;
    if (!(core_seconds > 0)) return;
    share_cores(cluster, core_seconds);
    for (sg4::Host* h : cluster.hosts) {
      sim::add_host_work(h, core_seconds / instances * h->get_speed());
      sim::count_computed_executions(1);
    }
  });
}

// Runs `core_seconds` on the cluster's cores alongside its other executing queries. The query
// that finishes first waits for its finishing instant (a later arrival pushes it back: it wakes,
// finds work left and waits again); the others wait to be woken when a departure makes them first.
void SqlWarehouse::share_cores(Cluster& cluster, double core_seconds) {
  const double arrived = sg4::Engine::get_clock();
  const sim::ProcessorSharing::JobId id = cluster.cores.add(core_seconds, arrived);
  const sim::WakeupPtr wake = sim::Wakeup::create();
  cluster.executing.emplace(id, wake);
  // However the query leaves, it stops sharing the cores; a killed actor only unwinds (it must
  // not wake others), so the wake-up of the next to finish is on the ordinary ways out.
  struct Depart {
    Cluster& cluster;
    sim::ProcessorSharing::JobId id;
    const std::shared_ptr<bool> alive;
    ~Depart() {
      if (!*alive) return;
      cluster.cores.remove(id, sg4::Engine::get_clock());
      cluster.executing.erase(id);
    }
  } depart{cluster, id, alive_};
  const auto wake_next = [&cluster, id] {
    cluster.cores.remove(id, sg4::Engine::get_clock());
    cluster.executing.erase(id);
    auto next = cluster.executing.find(cluster.cores.head());
    if (next != cluster.executing.end()) next->second->signal();
  };
  try {
    for (;;) {
      const double now = sg4::Engine::get_clock();
      if (cluster.cores.done(id, now)) break;
      const bool first = cluster.cores.head() == id;
      const double wait = first ? cluster.cores.head_finish(now) - now : std::numeric_limits<double>::infinity();
      if (first && !(wait > 0)) break;  // what is left is below the clock's resolution
      sim::wait_while_up(cluster.hosts, std::max(0.0, wait), wake);
    }
  } catch (const std::exception&) {
    wake_next();
    throw;
  }
  wake_next();
}

// ---- the autoscaler ----

void SqlWarehouse::autoscale_loop() {
  const std::shared_ptr<bool> alive = alive_;
  const double origin = sg4::Engine::get_clock();
  scaling_since_ = origin;
  demand_.clear();
  for (std::uint64_t n = 1;; ++n) {
    const double next_tick = origin + static_cast<double>(n) * config_.autoscale_interval;
    // Wake for each cluster that becomes ready before the tick, so it serves from that instant.
    for (;;) {
      double wake = next_tick;
      for (const Cluster& c : clusters_)
        if (c.state == State::Starting) wake = std::min(wake, c.ready_at);
      if (wake > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(wake);
      if (!*alive) return;
      promote_ready();
      if (sg4::Engine::get_clock() >= next_tick - kClockSlack) break;
    }
    tick();
  }
}

void SqlWarehouse::promote_ready() {
  const double now = sg4::Engine::get_clock();
  bool changed = false;
  for (Cluster& c : clusters_) {
    if (c.state != State::Starting || c.ready_at > now + kClockSlack) continue;
    c.state = State::Running;
    changed = true;
  }
  if (!changed) return;
  record();
  grant();
}

// Clusters with an instance down stop (and stop billing); their queries fail on their own.
void SqlWarehouse::stop_failed() {
  for (Cluster& c : clusters_) {
    if (c.state == State::Stopped) continue;
    if (std::all_of(c.hosts.begin(), c.hosts.end(), [](const sg4::Host* h) { return h->is_on(); })) continue;
    stop_cluster(c);
  }
}

void SqlWarehouse::stop_cluster(Cluster& c) {
  c.billed += sg4::Engine::get_clock() - c.since;
  c.state = State::Stopped;
}

void SqlWarehouse::start_clusters(int count) {
  if (launches_blocked_) {
    refused_launches_ += static_cast<std::uint64_t>(count);
    return;
  }
  const double now = sg4::Engine::get_clock();
  for (Cluster& c : clusters_) {
    if (count == 0) break;
    if (c.state != State::Stopped || c.busy > 0) continue;  // busy: failed queries still unwinding
    if (!std::all_of(c.hosts.begin(), c.hosts.end(), [](const sg4::Host* h) { return h->is_on(); })) continue;
    c.state = State::Starting;
    c.since = now;
    c.ready_at = now + config_.start_delay;
    ++upscales_;
    --count;
  }
}

double SqlWarehouse::window_peak() const {
  double peak = peak_since_tick_;
  for (const auto& [when, demand] : demand_) peak = std::max(peak, demand);
  return peak;
}

void SqlWarehouse::tick() {
  const double now = sg4::Engine::get_clock();
  stop_failed();

  // Demand (busy slots + queued queries) of the last downscale_after seconds, tick by tick.
  demand_.emplace_back(now, peak_since_tick_);
  peak_since_tick_ = busy_slots_ + queued();
  while (!demand_.empty() && demand_.front().first < now - config_.downscale_after - kClockSlack) demand_.pop_front();

  const int active = active_clusters();
  int add = std::max(0, config_.min_clusters - active);  // replace failed clusters first
  if (add == 0) {
    // Time to drain what is running and waiting with the capacity running or on its way.
    const double slots = std::max(1, active) * static_cast<double>(config_.slots_per_cluster);
    const double drain = (busy_slots_ + queued()) * mean_execution_ / slots;
    add = clusters_for_drain(drain);
    // A query waiting too long forces one more cluster, unless one is already starting; so does
    // any query when no cluster runs (min_clusters 0).
    const bool stuck = !queue_.empty() && starting_clusters() == 0 &&
                       (active == 0 || now - queue_.front()->arrived >= config_.forced_upscale_wait - kClockSlack);
    if (stuck) add = std::max(add, 1);
  }
  add = std::min(add, config_.max_clusters - active);
  if (add > 0) {
    start_clusters(add);
    promote_ready();  // a zero start delay makes them usable at once
  } else if (now - scaling_since_ >= config_.downscale_after - kClockSlack) {
    // Keep capacity for the peak of the window; remove idle clusters, last first.
    const int needed = static_cast<int>(std::ceil(window_peak() / config_.slots_per_cluster - kClockSlack));
    const int target = std::max(config_.min_clusters, needed);
    int running = running_clusters();
    for (auto c = clusters_.rbegin(); c != clusters_.rend() && running > target; ++c) {
      if (c->state != State::Running || c->busy > 0) continue;
      stop_cluster(*c);
      ++downscales_;
      --running;
    }
  }
  grant();  // also hands on slots freed by queries whose actors were killed
  record();
}

void SqlWarehouse::record() {
  const std::tuple<double, int, int> now(sg4::Engine::get_clock(), running_clusters(), queued());
  if (history_.empty() || history_.back() != now) history_.push_back(now);
}

}  // namespace lakesim::models
