#include "models/flows/request_flows.hpp"
#include "models/transfer.hpp"

namespace lakesim::models {

double run_notebook_command(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work,
                            bool authorized) {
  Deployment& d = ctx.deployment;
  enter_workspace(ctx, spec, Edge::Ui, authorized);
  const RegionDeployment& cp = d.control_plane_for(spec);
  sg4::Host* ui = cp.services.at(ComponentId::WorkspaceUi)->hosts().front();
  cp.stores.at(ComponentId::NotebookSourceCode)->read(ui);
  cp.stores.at(ComponentId::WorkspaceFiles)->read(ui);
  cp.stores.at(ComponentId::ReposGitIntegration)->read(ui);
  cp.services.at(ComponentId::ClusterManagement)->call(ui);
  check_table_access(ctx, spec, DataCheckpoint::Catalog, ui);

  ComputePool& pool = d.spark_pool(spec.compute);
  const RegionDeployment& data = d.region(pool.region());
  const double lease_start = sg4::Engine::get_clock();
  std::vector<sg4::Host*> instances = start_cluster(ctx, spec, pool, work.instances);
  const double queued = sg4::Engine::get_clock() - lease_start;
  try {
    check_table_access(ctx, spec, DataCheckpoint::Storage, instances.front());
    SparkExecution spark(instances, data.shuffle, spec.spark, pool.label() + " (" + pool.placement() + ")");
    Dataset* input = data.datasets.at(ComponentId::DeltaTableData);
    Dataset* scratch_out = data.datasets.at(ComponentId::DbfsRoot);
    for (const StageWork& stage : work.stages) {
      spark.run_stage(
          stage,
          [input, prefixes = spec.spark.input_prefixes](sg4::Host* h, double b, int connections) {
            input->read(h, b, std::max(1.0, b / 64e6), connections, prefixes);
          },
          [scratch_out](sg4::Host* h, double b, int) { scratch_out->write(h, b, std::max(1.0, b / 128e6), 4); });
    }
    // Results are kept in the control plane for the UI, or only in the customer's storage.
    if (d.scenario().workspace.notebook_results == sim::NotebookResults::CustomerStorage)
      data.datasets.at(ComponentId::DbfsRoot)->write(instances.front(), work.result_bytes, 1, 1);
    else
      cp.stores.at(ComponentId::NotebookOutputs)
          ->write(control_plane_hop(ctx, pool, instances.front(), work.result_bytes), work.result_bytes);
    transfer(instances.front(), ctx.client, work.result_bytes, pool.label() + " (" + pool.placement() + ")");
  } catch (...) {
    pool.release(instances);
    throw;
  }
  pool.release(instances);
  return queued;
}

}  // namespace lakesim::models
