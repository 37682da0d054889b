#include "models/dr/restore_rebuild.hpp"

#include <algorithm>

#include "models/failure.hpp"
#include "models/flows/spark_execution.hpp"

namespace lakesim::models {

VectorIndexRebuild::VectorIndexRebuild(Deployment& deployment, const sim::DrSpec& spec)
    : deployment_(deployment), spec_(spec) {}

std::shared_ptr<IndexRebuildOutcome> VectorIndexRebuild::start(
    const std::vector<std::shared_ptr<PlacementTakeover>>& compute) {
  if (!spec_.rebuild_vector_index) return nullptr;
  const RegionDeployment& primary = deployment_.region(spec_.primary);
  const RegionDeployment& secondary = deployment_.region(spec_.secondary);
  auto index = primary.datasets.find(ComponentId::VectorSearchIndexData);
  if (index == primary.datasets.end() || index->second->stored_bytes() <= 0) return nullptr;
  std::string placement = compute.empty() ? std::string() : compute.front()->placement;
  if (placement.empty() && !secondary.spark_pools.empty()) placement = secondary.spark_pools.begin()->first;
  if (placement.empty()) return nullptr;
  auto target = secondary.datasets.find(ComponentId::VectorSearchIndexData);
  auto source = secondary.datasets.find(ComponentId::DeltaTableData);
  if (target == secondary.datasets.end() || source == secondary.datasets.end()) return nullptr;

  auto out = std::make_shared<IndexRebuildOutcome>();
  out->placement = placement;
  out->bytes = index->second->stored_bytes();
  out->core_seconds = out->bytes * kIndexCoreSecondsPerByte;
  for (const Component& c : catalog())
    for (const Dependency& dep : c.calls)
      if (const auto* id = std::get_if<ComponentId>(&dep.callee); id && *id == ComponentId::VectorSearchIndexData)
        out->dependants.emplace_back(c.id);
  out->dependants.emplace_back(key(ComponentId::VectorSearchIndexData));

  ComputePool* pool = &deployment_.spark_pool(placement);
  Scratch* shuffle = secondary.shuffle;
  Dataset* embeddings = source->second;
  Dataset* rebuilt = target->second;
  out->instances = std::min<int>(kRebuildInstances, static_cast<int>(pool->hosts().size()));
  out->start = sg4::Engine::get_clock();
  sg4::Host* home = deployment_.platform().external(sim::ExternalSystem::Clients);
  sg4::Actor::create("vector-index-rebuild", home, [out, pool, shuffle, embeddings, rebuilt] {
    std::vector<sg4::Host*> instances;
    try {
      instances = pool->acquire(out->instances);
      out->leased = sg4::Engine::get_clock();
      SparkExecution spark(instances, shuffle, {}, pool->label() + " (" + pool->placement() + ")");
      StageWork stage;
      stage.core_seconds = out->core_seconds;
      stage.read_bytes = out->bytes;
      stage.write_bytes = out->bytes;
      spark.run_stage(
          stage,
          [embeddings](sg4::Host* h, double b, int connections) {
            embeddings->read(h, b, std::max(1.0, b / 128e6), connections);
          },
          [rebuilt](sg4::Host* h, double b, int connections) {
            rebuilt->write(h, b, std::max(1.0, b / 128e6), connections);
          });
      out->end = sg4::Engine::get_clock();
    } catch (const RequestFailed& failure) {
      out->failure = to_string(failure.cause());
    }
    if (!instances.empty()) pool->release(instances);
  })->daemonize();
  return out;
}

}  // namespace lakesim::models
