#include "models/dr/restore_metadata.hpp"

#include <algorithm>
#include <vector>

#include "models/failure.hpp"
#include "models/transfer.hpp"

namespace lakesim::models {

MetadataImport::MetadataImport(Deployment& deployment, const sim::DrSpec& spec, const DataProtection& protection)
    : deployment_(deployment), spec_(spec), protection_(protection), api_(deployment, spec) {}

bool MetadataImport::import(const Item& item, double horizon, MetadataImportOutcome& out) {
  sg4::Host* terraform = deployment_.platform().external(sim::ExternalSystem::Terraform);
  return api_.call(horizon, out.failed_calls, [&] {
    transfer(item.source, terraform, item.bytes, "metadata import");
    item.target->write(terraform, item.bytes);
  });
}

MetadataImportOutcome MetadataImport::run(double horizon) {
  MetadataImportOutcome out;
  const double start = sg4::Engine::get_clock();
  api_.start_at(start);
  const RegionDeployment& secondary = deployment_.region(spec_.secondary);
  sg4::Host* git = deployment_.platform().external(sim::ExternalSystem::Git);
  std::vector<Item> items;
  for (const ProtectedData& e : protection_.entries()) {
    if (e.region != spec_.primary || !e.ledger || e.table) continue;
    if (e.practice != Practice::MetadataExport && e.practice != Practice::GitSync) continue;
    const Component* c = find_component(e.component);
    auto target = c ? secondary.stores.find(c->which) : secondary.stores.end();
    if (target == secondary.stores.end()) continue;
    // An export lies next to the secondary's store; a Git sync at the Git provider.
    sg4::Host* source = e.practice == Practice::GitSync ? git : target->second->first_live_host();
    if (!source) continue;
    for (const ReplicatedWrite& w : e.ledger->entries()) {
      if (w.arrived < 0 || w.arrived > start) continue;
      items.push_back({source, target->second, w.bytes});
      out.bytes += w.bytes;
      ++out.stores[e.component];
    }
  }
  out.objects = items.size();
  std::size_t next = 0;
  bool ok = true;
  const int n = static_cast<int>(std::min<std::size_t>(items.size(), static_cast<std::size_t>(spec_.iac_parallelism)));
  sg4::Host* terraform = deployment_.platform().external(sim::ExternalSystem::Terraform);
  std::vector<sg4::ActorPtr> workers;
  for (int w = 0; w < n; ++w)
    workers.push_back(sg4::Actor::create("metadata-import-" + std::to_string(w), terraform, [&, horizon] {
      while (next < items.size()) {
        const Item& item = items[next++];
        if (!import(item, horizon, out)) {
          ok = false;
          return;
        }
      }
    }));
  for (const sg4::ActorPtr& a : workers) a->join();
  out.finished = ok && sg4::Engine::get_clock() < horizon;
  out.seconds = sg4::Engine::get_clock() - start;
  return out;
}

}  // namespace lakesim::models
