#include "models/dr/restore_regenerate.hpp"

#include <algorithm>

#include "models/failure.hpp"
#include "models/flows/request_flows.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::models {

NotebookRegeneration::NotebookRegeneration(Deployment& deployment, const sim::DrSpec& spec)
    : deployment_(deployment), spec_(spec) {}

std::shared_ptr<RegenerationOutcome> NotebookRegeneration::start() {
  const sim::Scenario& s = deployment_.scenario();
  const RegionDeployment& primary = deployment_.region(spec_.primary);
  const RegionDeployment& secondary = deployment_.region(spec_.secondary);
  auto outputs = primary.stores.find(ComponentId::NotebookOutputs);
  auto target = secondary.stores.find(ComponentId::NotebookOutputs);
  auto input = secondary.datasets.find(ComponentId::DeltaTableData);
  if (outputs == primary.stores.end() || outputs->second->version() == 0 || target == secondary.stores.end() ||
      input == secondary.datasets.end())
    return nullptr;
  // Notebooks of the primary with a placement taking over theirs (results kept in the control
  // plane: the store wrote them).
  struct Rerun {
    const sim::WorkloadSpec* spec;
    ComputePool* pool;
  };
  std::vector<Rerun> reruns;
  auto out = std::make_shared<RegenerationOutcome>();
  for (const sim::WorkloadSpec& w : s.workloads) {
    if (w.cls != sim::WorkloadClass::Notebook || w.region != spec_.primary) continue;
    auto to = spec_.compute_map.find(w.compute);
    if (to == spec_.compute_map.end() || !secondary.spark_pools.count(to->second)) continue;
    reruns.push_back({&w, secondary.spark_pools.at(to->second)});
    out->notebooks.push_back(w.name);
  }
  if (reruns.empty()) return nullptr;
  out->start = sg4::Engine::get_clock();
  MetadataStore* results = target->second;
  Dataset* data = input->second;
  Scratch* shuffle = secondary.shuffle;
  const std::uint64_t seed = s.seed;
  sg4::Host* home = deployment_.platform().external(sim::ExternalSystem::Clients);
  sg4::Actor::create("notebook-regeneration", home, [out, reruns, results, data, shuffle, seed] {
    for (const Rerun& r : reruns) {
      sim::RandomStream rng(seed, "dr/regenerate/" + r.spec->name);
      const WorkSample work = sample_work(*r.spec, rng);
      std::vector<sg4::Host*> instances;
      try {
        instances = r.pool->acquire(r.spec->instances);
        SparkExecution spark(instances, shuffle, r.spec->spark, r.pool->label() + " (" + r.pool->placement() + ")");
        for (const StageWork& stage : work.stages) {
          spark.run_stage(stage,
                          [data](sg4::Host* h, double b, int connections) {
                            data->read(h, b, std::max(1.0, b / 64e6), connections);
                          },
                          {});
          out->core_seconds += stage.core_seconds;
        }
        results->write(instances.front(), work.result_bytes);
        out->result_bytes += work.result_bytes;
        ++out->regenerated;
      } catch (const RequestFailed& failure) {
        out->failure = r.spec->name + ": " + to_string(failure.cause());
      }
      if (!instances.empty()) r.pool->release(instances);
      if (!out->failure.empty()) return;
    }
    out->end = sg4::Engine::get_clock();
  })->daemonize();
  return out;
}

}  // namespace lakesim::models
