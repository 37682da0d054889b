#include "models/dr/restore_metadata.hpp"

#include <algorithm>
#include <vector>

#include "models/failure.hpp"
#include "models/transfer.hpp"

namespace lakesim::models {

namespace {
// A refused call is tried again after this pause (as the IaC run's; an estimate).
constexpr double kRetryPause = 30;
}  // namespace

MetadataImport::MetadataImport(Deployment& deployment, const sim::DrSpec& spec, const DataProtection& protection)
    : deployment_(deployment), spec_(spec), protection_(protection) {}

bool MetadataImport::import(const Item& item, double horizon, MetadataImportOutcome& out) {
  sg4::Host* terraform = deployment_.platform().external(sim::ExternalSystem::Terraform);
  Service* apis = deployment_.region(spec_.secondary).services.at(ComponentId::WorkspaceApis);
  while (sg4::Engine::get_clock() < horizon) {
    const double slot = std::max(sg4::Engine::get_clock(), next_slot_);
    next_slot_ = slot + 1 / spec_.iac_api_rate;
    sg4::this_actor::sleep_until(slot);
    try {
      apis->call(terraform);
      transfer(item.source, terraform, item.bytes, "metadata import");
      item.target->write(terraform, item.bytes);
      sg4::this_actor::sleep_for(spec_.iac_call_latency);
      return true;
    } catch (const RequestFailed&) {
      ++out.failed_calls;
      sg4::this_actor::sleep_for(kRetryPause);
    }
  }
  return false;
}

MetadataImportOutcome MetadataImport::run(double horizon) {
  MetadataImportOutcome out;
  const double start = sg4::Engine::get_clock();
  next_slot_ = start;
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
