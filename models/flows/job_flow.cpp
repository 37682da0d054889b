#include "models/flows/request_flows.hpp"

namespace lakesim::models {

namespace {
constexpr double kLogBytesPerTask = 256e3;
constexpr double kLineageBytes = 2e3;
constexpr double kRetryDelay = 30;  // seconds before a failed task runs again

// Control-plane calls a running job makes (catalog lookups, lineage) do not stop it when the
// control plane is unreachable: the cluster keeps the metadata and grants it obtained at start,
// and lineage is sent later. Refusals and data-plane failures still fail the task.
template <class Call>
void tolerate_control_plane_outage(const FlowContext& ctx, const sim::WorkloadSpec& spec, const std::string& region,
                                   Call&& call) {
  try {
    call();
  } catch (const RequestFailed& failure) {
    if (failure.cause() == FailureCause::Refused || failure.cause() == FailureCause::AccessDenied) throw;
    ctx.log.record(sg4::Engine::get_clock(), spec.name, region, "control_plane_unreachable", failure.what());
  }
}

// Reads a stage's input from the raw landing zone: external tables and governed volumes.
StorageAccess landing_reads(const Deployment& d, const std::string& region) {
  Dataset* external = &d.dataset(region, ComponentId::ExternalTables);
  Dataset* volumes = &d.dataset(region, ComponentId::UnityCatalogVolumes);
  return [external, volumes](sg4::Host* host, double bytes) {
    const int connections = host->get_core_count();
    external->read(host, bytes * 0.7, std::max(1.0, bytes * 0.7 / 64e6), connections);
    volumes->read(host, bytes * 0.3, std::max(1.0, bytes * 0.3 / 64e6), connections);
  };
}
}  // namespace

double run_job(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized) {
  Deployment& d = ctx.deployment;
  enter_workspace(ctx, spec, Edge::Api, authorized);
  const RegionDeployment& cp = d.control_plane_for(spec);
  const RegionDeployment& data = d.region(d.spark_pool(spec.compute).region());
  sg4::Host* scheduler_host = cp.services.at(ComponentId::JobScheduler)->hosts().front();
  cp.services.at(ComponentId::JobScheduler)->call(ctx.client);
  cp.services.at(ComponentId::Workflows)->call(scheduler_host);
  cp.services.at(ComponentId::ClusterManagement)->call(scheduler_host);

  ComputePool& pool = d.spark_pool(spec.compute);
  const double lease_start = sg4::Engine::get_clock();
  std::vector<sg4::Host*> instances = start_cluster(ctx, spec, pool, work.instances);
  const double queued = sg4::Engine::get_clock() - lease_start;
  ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "job_started",
                 std::to_string(instances.size()) + " instances");
  try {
    // Libraries and init scripts come from DBFS root when the cluster starts.
    data.datasets.at(ComponentId::DbfsRoot)->read(instances.front(), 50e6, 10, 4);
    SparkExecution spark(instances, data.shuffle);
    const StorageAccess read = landing_reads(d, data.region);
    DeltaTable* table = spec.table.empty() ? nullptr : &d.table(spec.table);
    Dataset* output = &d.dataset(data.region, ComponentId::DeltaTableData);
    for (int task = 0; task < spec.tasks; ++task) {
      for (int attempt = 0;; ++attempt) {
        try {
          tolerate_control_plane_outage(ctx, spec, pool.region(), [&] {
            cp.services.at(ComponentId::UnityCatalog)->call(instances.front());
            cp.stores.at(ComponentId::Metastore)->read(instances.front());
            check_table_access(ctx, spec, DataCheckpoint::Catalog, instances.front());
          });
          check_table_access(ctx, spec, DataCheckpoint::Storage, instances.front());
          double written = 0;
          for (const StageWork& stage : work.stages) {
            written += stage.write_bytes;
            // Without a table, output files go straight to the Delta data prefix.
            spark.run_stage(stage, read,
                            table ? StorageAccess{} : [output](sg4::Host* h, double b) {
                              output->write(h, b, std::max(1.0, b / 128e6), h->get_core_count());
                            });
          }
          if (table && written > 0) {
            table->write(instances.front(), written,
                         spec.write_mode == sim::WriteMode::Merge ? DeltaWriteMode::Merge : DeltaWriteMode::Append,
                         spec.name, instances.front()->get_core_count() * static_cast<int>(instances.size()));
          }
          tolerate_control_plane_outage(ctx, spec, pool.region(),
                                        [&] { cp.stores.at(ComponentId::DataLineage)->write(instances.front(), kLineageBytes); });
          if (data.job_logs) data.job_logs->append(1, kLogBytesPerTask);
          break;
        } catch (const RequestFailed& failure) {
          // A refusal is the same on every attempt.
          if (failure.cause() == FailureCause::Refused || failure.cause() == FailureCause::AccessDenied ||
              attempt >= spec.retries)
            throw;
          ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "task_retry", to_string(failure.cause()));
          sg4::this_actor::sleep_for(kRetryDelay);
        }
      }
    }
  } catch (...) {
    pool.release(instances);
    throw;
  }
  pool.release(instances);
  if (cp.audit_logs) cp.audit_logs->append(2);
  ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "job_finished", "");
  return queued;
}

}  // namespace lakesim::models
