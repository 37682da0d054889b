#include "models/flows/request_flows.hpp"

namespace lakesim::models {

double run_training(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized) {
  Deployment& d = ctx.deployment;
  enter_workspace(ctx, spec, Edge::Api, authorized);
  const RegionDeployment& cp = d.control_plane_for(spec);
  sg4::Host* api = cp.services.at(ComponentId::WorkspaceApis)->hosts().front();
  cp.services.at(ComponentId::JobScheduler)->call(api);
  cp.services.at(ComponentId::ClusterManagement)->call(api);
  cp.stores.at(ComponentId::FeatureStoreMetadata)->read(api);
  check_table_access(ctx, spec, DataCheckpoint::Catalog, api);

  ComputePool& pool = d.spark_pool(spec.compute);
  const RegionDeployment& data = d.region(pool.region());
  const double lease_start = sg4::Engine::get_clock();
  std::vector<sg4::Host*> instances = start_cluster(ctx, spec, pool, work.instances);
  const double queued = sg4::Engine::get_clock() - lease_start;
  ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "training_started", "");
  if (hold_for_recorded_end(ctx, pool, instances, work)) return queued;
  try {
    check_table_access(ctx, spec, DataCheckpoint::Storage, instances.front());
    SparkExecution spark(instances, data.shuffle, spec.spark, pool.label() + " (" + pool.placement() + ")");
    Dataset* training_data = data.datasets.at(ComponentId::MlTrainingData);
    Dataset* features = data.datasets.at(ComponentId::FeatureStoreData);
    Dataset* embeddings = data.datasets.at(ComponentId::VectorSearchIndexData);
    for (const StageWork& stage : work.stages) {
      // Training reads its dataset and the feature tables (four to one), and writes refreshed
      // embeddings for the vector index.
      spark.run_stage(
          stage,
          [training_data, features, prefixes = spec.spark.input_prefixes](sg4::Host* h, double b, int connections) {
            training_data->read(h, b * 0.8, std::max(1.0, b * 0.8 / 64e6), connections, prefixes);
            features->read(h, b * 0.2, std::max(1.0, b * 0.2 / 64e6), connections);
          },
          [embeddings](sg4::Host* h, double b, int) { embeddings->write(h, b, std::max(1.0, b / 128e6), 4); });
    }
    data.datasets.at(ComponentId::MlflowModelArtifacts)
        ->write(instances.front(), work.artifact_bytes, std::max(1.0, work.artifact_bytes / 64e6), 8);
    cp.stores.at(ComponentId::ModelRegistryMetadata)->write(instances.front(), 4e3);
    cp.stores.at(ComponentId::LakehouseMonitoringMetadata)->write(instances.front(), 16e3);
    cp.stores.at(ComponentId::VectorSearchMetadata)->write(instances.front(), 2e3);
    if (data.job_logs) data.job_logs->append(1, 512e3);
  } catch (...) {
    pool.release(instances);
    throw;
  }
  pool.release(instances);
  if (cp.audit_logs) cp.audit_logs->append(3);
  ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "training_finished", "");
  return queued;
}

}  // namespace lakesim::models
