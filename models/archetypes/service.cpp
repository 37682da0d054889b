#include "models/archetypes/service.hpp"
#include "models/transfer.hpp"
#include "sim/activity_start.hpp"

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
  for (std::size_t i = 0; i < hosts().size(); ++i) slots_.emplace_back(config_.concurrency);
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
    const double start = sg4::Engine::get_clock();
    translate_failures(label(), [&] {
      transfer(client, replica, config_.request_bytes, label());
      const double arrived = sg4::Engine::get_clock();
      if (!slots_[index].acquire(config_.timeout)) throw RequestFailed(FailureCause::Timeout, label());
      timing.queued = sg4::Engine::get_clock() - arrived;
      const double work_start = sg4::Engine::get_clock();
      try {
        sim::start_exec({replica, config_.service_time * work_scale * replica->get_speed()})->wait();
      } catch (...) {
        slots_[index].release();
        throw;
      }
      slots_[index].release();
      if (counted) count_served(sg4::Engine::get_clock() - work_start);
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
