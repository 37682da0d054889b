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
    // The probes of the DR primary are clients of its DNS record like its users: each holds the
    // answer it resolved for its cache lifetime. Other regions' probes go to their own region.
    const sim::DrSpec* dr = d->dns() && d->dr()->primary == r.name ? d->dr() : nullptr;
    std::vector<double> keys;
    for (std::size_t i = 0; i < mine.size(); ++i)
      keys.push_back(client_key(0x70726f6265ULL, static_cast<std::uint64_t>(mine[i]->service->entry().which)));
    sg4::Actor::create("probes@" + r.name, clients, [d, dr, mine, keys, interval, horizon, clients] {
      for (double next = interval; next < horizon; next += interval) {
        sg4::this_actor::sleep_until(next);
        for (std::size_t i = 0; i < mine.size(); ++i) {
          ProbeSeries* s = mine[i];
          const double at = sg4::Engine::get_clock();
          Service* target = s->service;
          if (dr) {
            const std::string& answer = DnsCaching::of(*dr).resolve(*d->dns(), keys[i], at);
            if (answer != s->service->region()) target = d->region(answer).services.at(s->service->entry().which);
          }
          const bool ok = target->probe(clients);
          s->times.push_back(at);
          s->ok.push_back(ok);
        }
      }
    })->daemonize();
  }
}

}  // namespace lakesim::models
