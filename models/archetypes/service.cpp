#include "models/archetypes/service.hpp"
#include "models/transfer.hpp"
#include "sim/network_transfers.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/wakeup.hpp"

#include <stdexcept>

namespace lakesim::models {

void ServiceConfig::check(const std::string& who) const {
  if (!(service_time >= 0)) throw std::invalid_argument(who + ": service time must not be negative");
  if (concurrency < 1) throw std::invalid_argument(who + ": concurrency must be at least 1");
  if (!(request_bytes >= 0) || !(response_bytes >= 0))
    throw std::invalid_argument(who + ": message sizes must not be negative");
  if (!(timeout > 0)) throw std::invalid_argument(who + ": timeout must be positive");
}

Service::Service(const Component& entry, std::string region, std::vector<sg4::Host*> replicas, ServiceConfig config)
    : DeployedComponent(entry, std::move(region), std::move(replicas)), config_(config) {
  config_.check(label());
  if (hosts().empty()) throw std::invalid_argument(label() + ": a service needs at least one replica host");
  for (sg4::Host* h : hosts()) groups_.push_back(sim::shared_cpu(h).add_group(config_.concurrency, config_.timeout));
}

CallTiming Service::call(sg4::Host* client, double work_scale) { return serve(client, work_scale, true); }

bool Service::probe(sg4::Host* client) {
  try {
    serve(client, 1.0, false);
    return true;
  } catch (const RequestFailed&) {
    return false;
  }
}

CallTiming Service::serve(sg4::Host* client, double work_scale, bool counted) {
  try {
    require_available();
    sg4::Host* replica = pick_host();
    std::size_t index = 0;
    while (hosts()[index] != replica) ++index;
    CallTiming timing;
    timing.replica = replica;
    const double start = sg4::Engine::get_clock();
    translate_failures(label(), [&] {
      const sim::NetworkRoute& there = sim::network_route(client, replica);
      const sim::NetworkRoute& back = sim::network_route(replica, client);
      const bool lean_request = sim::carried_without_flow(config_.request_bytes);
      const bool lean_response = sim::carried_without_flow(config_.response_bytes);
      // The request reaches the replica after its idle-route time, or after its flow.
      double arrival = start;
      if (lean_request) {
        sim::message_leaves(there);
        arrival = start + there.idle_time(config_.request_bytes);
      } else {
        transfer(client, replica, config_.request_bytes, label());
        arrival = sg4::Engine::get_clock();
      }
      sim::SharedCpu& cpu = sim::shared_cpu(replica);
      const sim::WakeupPtr wake = sim::Wakeup::create();
      const sim::SharedCpu::JobId id =
          cpu.submit(groups_[index], arrival, config_.service_time * work_scale * replica->get_speed(), wake);
      struct Forget {
        sim::SharedCpu& cpu;
        sim::SharedCpu::JobId id;
        ~Forget() { cpu.forget(id); }
      } forget{cpu, id};
      const double way_back = lean_response ? back.idle_time(config_.response_bytes) : 0.0;
      // Wait until the earliest instant the call can be over; requests that arrived meanwhile
      // may have pushed it back, so look again. A host failure wakes the caller at once.
      for (;;) {
        const double at = cpu.earliest_return(id, way_back);
        const sim::SharedCpu::Phase phase = cpu.job(id).phase;
        const bool over = phase == sim::SharedCpu::Phase::Done || phase == sim::SharedCpu::Phase::TimedOut ||
                          phase == sim::SharedCpu::Phase::Failed;
        if (over && at <= sg4::Engine::get_clock() + 1e-9) break;
        if (phase == sim::SharedCpu::Phase::Failed) break;
        wake->wait_for(std::max(0.0, at - sg4::Engine::get_clock()));
      }
      const sim::SharedCpu::Job& done = cpu.job(id);
      if (done.phase == sim::SharedCpu::Phase::Failed) throw RequestFailed(FailureCause::HostDown, label());
      if (done.phase == sim::SharedCpu::Phase::TimedOut) throw RequestFailed(FailureCause::Timeout, label());
      timing.queued = done.admitted - done.arrival;
      if (counted) count_served(done.ended - done.admitted);
      if (lean_request) sim::message_arrives(there, config_.request_bytes);
      if (lean_response)
        sim::message_arrives(back, config_.response_bytes);
      else
        transfer(replica, client, config_.response_bytes, label());
    });
    if (counted) queued_seconds_ += timing.queued;
    timing.total = sg4::Engine::get_clock() - start;
    return timing;
  } catch (const RequestFailed& failure) {
    if (counted) count_failure(failure.cause());
    throw;
  }
}

}  // namespace lakesim::models
