#include "models/measurement/service_probes.hpp"

namespace lakesim::models {

ServiceProbes::ServiceProbes(Deployment& deployment, double interval) : deployment_(deployment), interval_(interval) {
  for (const sim::RegionSpec& r : deployment.scenario().regions)
    for (const auto& [id, service] : deployment.region(r.name).services) series_.push_back({service, {}, {}});
}

void ServiceProbes::start(double horizon) {
  sg4::Host* clients = deployment_.platform().external(sim::ExternalSystem::Clients);
  for (const sim::RegionSpec& r : deployment_.scenario().regions) {
    std::vector<ProbeSeries*> mine;
    for (ProbeSeries& s : series_)
      if (s.service->region() == r.name) mine.push_back(&s);
    if (mine.empty()) continue;
    const double interval = interval_;
    const Deployment* d = &deployment_;
    sg4::Actor::create("probes@" + r.name, clients, [d, mine, interval, horizon, clients] {
      for (double next = interval; next < horizon; next += interval) {
        sg4::this_actor::sleep_until(next);
        for (ProbeSeries* s : mine) {
          const double at = sg4::Engine::get_clock();
          // Users reach the service where their region is served now (a DR failover moves them).
          const std::string& serving = d->routing().region_for(s->service->region());
          Service* target = s->service;
          if (serving != s->service->region()) target = d->region(serving).services.at(s->service->entry().which);
          const bool ok = target->probe(clients);
          s->times.push_back(at);
          s->ok.push_back(ok);
        }
      }
    })->daemonize();
  }
}

}  // namespace lakesim::models
