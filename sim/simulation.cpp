#include "sim/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <sstream>
#include <unordered_map>

#include "sim/dedicated_downlink.hpp"
#include "sim/host_work.hpp"
#include "sim/local_disk.hpp"
#include "sim/network_transfers.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/worker_pool.hpp"

namespace lakesim::sim {
namespace {
// Completed activities of the run, and its executions started and not yet ended, by their
// address as activities: most completions (transfers, disk I/O) are then passed over after one
// look-up.
struct ActivityCount {
  std::uint64_t completed = 0;
  std::unordered_map<const sg4::Activity*, double> exec_flops;
};

ActivityCount& activity_count() { return RunState::current().get<ActivityCount>(); }

void remember_start(sg4::Exec const& exec) {
  if (!RunState::active()) return;
  if (exec.get_host_number() == 1) activity_count().exec_flops[&exec] = exec.get_remaining();  // all threads together
}

// Completed work per host, from the executions themselves: SimGrid 3.32's host-load plugin
// crashes when an execution outlives its handle, which happens when a task fails mid-stage.
void count_completion(sg4::Activity const& activity) {
  if (!RunState::active()) return;
  ActivityCount& count = activity_count();
  ++count.completed;
  if (count.exec_flops.empty()) return;
  auto it = count.exec_flops.find(&activity);
  if (it == count.exec_flops.end()) return;
  // An execution dropped without completing leaves its entry; another activity may then reuse
  // its address, so the type is still checked (on hits only).
  const auto* exec = dynamic_cast<const sg4::Exec*>(&activity);
  if (exec && exec->get_state() == sg4::Activity::State::FINISHED) add_host_work(exec->get_host(), it->second);
  count.exec_flops.erase(it);
}
}  // namespace

Simulation::CurrentRun::CurrentRun() : state(std::make_unique<RunState>()) { RunState::set_current(state.get()); }

// Last of the Simulation to go, after its engine: the engine's teardown still finds the run.
Simulation::CurrentRun::~CurrentRun() { RunState::retire(std::move(state)); }

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
  // SimGrid's signals are process-wide: connected by the first Simulation of the process.
  static const bool connected = [] {
    sg4::Activity::on_completion_cb(count_completion);
    sg4::Exec::on_start_cb(remember_start);
    return true;
  }();
  (void)connected;
  const bool exact = scenario.network.model == NetworkModel::Exact;
  use_latency_only_messages(exact);
  enable_dedicated_downlinks(exact);
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
    if (max_wall > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count() > max_wall &&
        i < kSlices) {
      stopped_early_ = true;
      break;
    }
  }
  return sg4::Engine::get_clock();
}

std::uint64_t Simulation::activities() const {
  return RunState::current().get<ActivityCount>().completed + latency_only_messages() + computed_executions() +
         computed_transfers() + computed_disk_ios();
}

}  // namespace lakesim::sim
