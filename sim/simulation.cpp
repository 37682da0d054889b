#include "sim/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <sstream>
#include <unordered_map>

#include "sim/dedicated_downlink.hpp"
#include "sim/host_watch.hpp"
#include "sim/local_disk.hpp"
#include "sim/network_transfers.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/worker_pool.hpp"

namespace lakesim::sim {
namespace {
// Completed activities of the current engine; SimGrid's signals are process-wide, like the engine.
std::uint64_t g_activities = 0;
std::unordered_map<const sg4::Host*, double> g_flops;  // looked up, never iterated
// Executions started and not yet ended, by their address as activities: most completions
// (transfers, disk I/O) are then passed over after one look-up.
std::unordered_map<const sg4::Activity*, double> g_exec_flops;
bool g_counter_connected = false;

void remember_start(sg4::Exec const& exec) {
  if (exec.get_host_number() == 1) g_exec_flops[&exec] = exec.get_remaining();  // all threads together
}

// Completed work per host, from the executions themselves: SimGrid 3.32's host-load plugin
// crashes when an execution outlives its handle, which happens when a task fails mid-stage.
void count_completion(sg4::Activity const& activity) {
  ++g_activities;
  if (g_exec_flops.empty()) return;
  auto it = g_exec_flops.find(&activity);
  if (it == g_exec_flops.end()) return;
  // An execution dropped without completing leaves its entry; another activity may then reuse
  // its address, so the type is still checked (on hits only).
  const auto* exec = dynamic_cast<const sg4::Exec*>(&activity);
  if (exec && exec->get_state() == sg4::Activity::State::FINISHED) g_flops[exec->get_host()] += it->second;
  g_exec_flops.erase(it);
}
}  // namespace

Simulation::Simulation(const Scenario& scenario, const std::vector<std::string>& engine_flags) : scenario_(scenario) {
  argv_storage_ = {"lakesim", "--log=root.thres:critical"};
  for (const std::string& f : network_model_flags(scenario.network.model)) argv_storage_.push_back(f);
  for (const std::string& f : engine_flags) argv_storage_.push_back(f);
  if (const char* env = std::getenv("LAKESIM_ENGINE_FLAGS")) {
    std::istringstream words(env);
    for (std::string w; words >> w;) argv_storage_.push_back(w);
  }
  std::vector<char*> argv;
  for (std::string& s : argv_storage_) argv.push_back(s.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(argv_storage_.size());
  engine_ = std::make_unique<sg4::Engine>(&argc, argv.data());
  g_activities = 0;
  g_flops.clear();
  g_exec_flops.clear();
  if (!g_counter_connected) {
    sg4::Activity::on_completion_cb(count_completion);
    sg4::Exec::on_start_cb(remember_start);
    g_counter_connected = true;
  }
  reset_network_transfers(scenario.network.model == NetworkModel::Exact);
  reset_shared_cpus();
  reset_host_watch();
  reset_dedicated_downlinks(scenario.network.model == NetworkModel::Exact);
  reset_worker_pools();
  reset_local_disks();
  platform_ = std::make_unique<Platform>(scenario_);
}

// Actors still running when the engine goes are unwound then: the worker pools stop following
// their ends first.
Simulation::~Simulation() { close_worker_pools(); }

double Simulation::run(double max_wall, const std::function<void(double, double)>& progress) {
  // The horizon actor keeps the clock going to the scenario's end even when the workload is
  // idle, so every run covers the same simulated span.
  const double horizon = scenario_.duration;
  // It lives on the Internet's clients host, which no outage takes down.
  sg4::Actor::create("horizon", platform_->external(ExternalSystem::Clients),
                     [horizon] { sg4::this_actor::sleep_until(horizon); });
  if (max_wall <= 0 && !progress) {
    engine_->run_until(horizon);
    return sg4::Engine::get_clock();
  }
  // Bounded or watched run: advance in slices of simulated time and look at the wall clock (and
  // report progress) in between.
  const auto wall_start = std::chrono::steady_clock::now();
  constexpr int kSlices = 1000;
  for (int i = 1; i <= kSlices; ++i) {
    engine_->run_until(horizon * i / kSlices);
    if (progress) progress(sg4::Engine::get_clock(), horizon);
    if (max_wall > 0 && std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count() > max_wall && i < kSlices) {
      stopped_early_ = true;
      break;
    }
  }
  return sg4::Engine::get_clock();
}

std::uint64_t Simulation::activities() const {
  return g_activities + latency_only_messages() + computed_executions() + computed_transfers() + computed_disk_ios();
}

void Simulation::add_computed_flops(const sg4::Host* host, double flops) { g_flops[host] += flops; }

double Simulation::computed_flops(const sg4::Host* host) {
  auto it = g_flops.find(host);
  return it == g_flops.end() ? 0.0 : it->second;
}

}  // namespace lakesim::sim
