#include <optional>

#include "models/flows/hop.hpp"
#include "models/flows/job_autoscaler.hpp"
#include "models/flows/request_flows.hpp"

namespace lakesim::models {

namespace {
constexpr double kLogBytesPerTask = 256e3;
constexpr double kLineageBytes = 2e3;
constexpr double kLibraryBytes = 50e6;  // libraries and init scripts, read when the cluster starts
constexpr double kRetryDelay = 30;      // seconds before a failed task runs again

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

// Reads a stage's input from the raw landing zone: external tables and governed volumes, their
// files spread over `prefixes` prefixes.
StorageAccess landing_reads(const Deployment& d, const std::string& region, int prefixes) {
  Dataset* external = &d.dataset(region, ComponentId::ExternalTables);
  Dataset* volumes = &d.dataset(region, ComponentId::UnityCatalogVolumes);
  return [external, volumes, prefixes](sg4::Host* host, double bytes, int connections) {
    external->read(host, bytes * 0.7, std::max(1.0, bytes * 0.7 / 64e6), connections, prefixes);
    volumes->read(host, bytes * 0.3, std::max(1.0, bytes * 0.3 / 64e6), connections, prefixes);
  };
}
}  // namespace

double run_job(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized) {
  Deployment& d = ctx.deployment;
  enter_workspace(ctx, spec, Edge::Api, authorized);
  const RegionDeployment& cp = d.control_plane_for(spec);
  const RegionDeployment& data = d.region(d.spark_pool(spec.compute).region());
  Service& scheduler = *cp.services.at(ComponentId::JobScheduler);
  sg4::Host* scheduler_host = scheduler.hosts().front();
  hop(
      ctx, scheduler, [] { return "accepts the run"; }, [&] { return scheduler.call(ctx.client).replica; });
  Service& workflows = *cp.services.at(ComponentId::Workflows);
  hop(
      ctx, workflows, [] { return "expands the task graph"; }, [&] { return workflows.call(scheduler_host).replica; });
  Service& clusters = *cp.services.at(ComponentId::ClusterManagement);
  hop(
      ctx, clusters, [] { return "asks the data plane for compute"; },
      [&] { return clusters.call(scheduler_host).replica; });

  ComputePool& pool = d.spark_pool(spec.compute);
  // On an autoscaling placement a run starts on min_instances; a replayed run of a job-run trace
  // keeps the size it recorded.
  const ComputePoolConfig& sizing = pool.config();
  const bool recorded_size = spec.trace && spec.trace->format == sim::TraceSpec::Format::JobRuns;
  const bool sized_by_placement = sizing.max_instances > 0 && !recorded_size;
  const bool autoscaled = sized_by_placement && sizing.max_instances > sizing.min_instances;
  if (autoscaled) d.access(spec).admit_cluster(spec, sizing.max_instances);  // a policy bounds the range
  const double lease_start = sg4::Engine::get_clock();
  std::vector<sg4::Host*> instances =
      start_cluster(ctx, spec, pool, sized_by_placement ? sizing.min_instances : work.instances);
  const double queued = sg4::Engine::get_clock() - lease_start;
  ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "job_started",
                 std::to_string(instances.size()) + " instances");
  if (hold_for_recorded_end(ctx, pool, instances, work)) return queued;
  try {
    sg4::Host* driver = instances.front();
    // Libraries and init scripts come from DBFS root when the cluster starts.
    Dataset& dbfs = *data.datasets.at(ComponentId::DbfsRoot);
    hop(
        ctx, dbfs, [] { return "reads libraries and init scripts (" + bytes_words(kLibraryBytes) + ")"; },
        [&] {
          dbfs.read(driver, kLibraryBytes, 10, 4);
          return d.platform().s3_endpoint(dbfs.region());
        });
    SparkExecution spark(instances, data.shuffle, spec.spark, pool.label() + " (" + pool.placement() + ")");
    // Declared after `spark`, so that it stops (and `instances` holds the run's leases) first.
    std::optional<JobAutoscaler> autoscaler;
    if (autoscaled) {
      spark.set_elastic(true);
      JobAutoscalingPolicy policy;
      policy.min_instances = sizing.min_instances;
      policy.max_instances = sizing.max_instances;
      autoscaler.emplace(pool, spark, instances, policy,
                         [&ctx, &spec, &pool](const std::string& kind, const std::string& detail) {
                           ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), kind, detail);
                         });
    }
    const StorageAccess read = landing_reads(d, data.region, spec.spark.input_prefixes);
    DeltaTable* table = spec.table.empty() ? nullptr : &d.table(spec.table);
    Dataset* output = &d.dataset(data.region, ComponentId::DeltaTableData);
    for (int task = 0; task < spec.tasks; ++task) {
      const auto prefix = [&] { return spec.tasks > 1 ? "task " + std::to_string(task + 1) + ": " : std::string(); };
      for (int attempt = 0;; ++attempt) {
        try {
          tolerate_control_plane_outage(ctx, spec, pool.region(), [&] {
            Service& uc = *cp.services.at(ComponentId::UnityCatalog);
            hop(
                ctx, uc, [&] { return prefix() + "resolves tables and grants for the cluster"; },
                [&] { return uc.call(driver).replica; });
            MetadataStore& metastore = *cp.stores.at(ComponentId::Metastore);
            hop(
                ctx, metastore, [&] { return prefix() + "reads table metadata"; },
                [&] { return metastore.read(driver).replica; });
            check_table_access(ctx, spec, DataCheckpoint::Catalog, driver);
          });
          check_table_access(ctx, spec, DataCheckpoint::Storage, driver);
          double written = 0;
          for (std::size_t i = 0; i < work.stages.size(); ++i) {
            const StageWork& stage = work.stages[i];
            written += stage.write_bytes;
            const auto describe = [&] {
              std::string what = prefix() + "stage " + std::to_string(i + 1) + ": ";
              if (stage.read_bytes > 0)
                what += "reads " + bytes_words(stage.read_bytes) + " from External Tables and Volumes, ";
              what += "computes " + duration_words(stage.core_seconds) + " of core time";
              if (stage.shuffle_bytes > 0)
                what += ", shuffles " + bytes_words(stage.shuffle_bytes) + " through Temporary Spark Shuffle Data";
              if (!table && stage.write_bytes > 0) what += ", writes " + bytes_words(stage.write_bytes) + " of files";
              return what;
            };
            hop(ctx, pool, describe, [&] {
              // Without a table, output files go straight to the Delta data prefix.
              spark.run_stage(
                  stage, read, table ? StorageAccess{} : [output](sg4::Host* h, double b, int connections) {
                    output->write(h, b, std::max(1.0, b / 128e6), connections);
                  });
              return driver;
            });
          }
          if (table && written > 0) {
            hop(
                ctx, "delta_table_data+delta_transaction_logs", table->data().region(),
                [&] {
                  return prefix() + "writes " + bytes_words(written) + " of data files to table " + table->name() +
                         ", then commits the next version (put-if-absent)";
                },
                [&] {
                  table->write(
                      driver, written,
                      spec.write_mode == sim::WriteMode::Merge ? DeltaWriteMode::Merge : DeltaWriteMode::Append,
                      spec.name, driver->get_core_count() * static_cast<int>(instances.size()));
                  return d.platform().s3_endpoint(table->data().region());
                });
          }
          tolerate_control_plane_outage(ctx, spec, pool.region(), [&] {
            MetadataStore& lineage = *cp.stores.at(ComponentId::DataLineage);
            hop(
                ctx, lineage, [&] { return prefix() + "records lineage"; },
                [&] { return lineage.write(driver, kLineageBytes).replica; });
          });
          if (data.job_logs)
            hop(
                ctx, *data.job_logs, [&] { return prefix() + "appends the task's Spark logs (shipped in batches)"; },
                [&] {
                  data.job_logs->append(1, kLogBytesPerTask);
                  return data.job_logs->hosts().front();
                });
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
  hop(
      ctx, pool, [] { return "releases the instances"; },
      [&] {
        pool.release(instances);
        return instances.front();
      });
  if (cp.audit_logs)
    hop(
        ctx, *cp.audit_logs, [] { return "records the run's end"; },
        [&] {
          cp.audit_logs->append(2);
          return cp.audit_logs->hosts().front();
        });
  ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "job_finished", "");
  return queued;
}

}  // namespace lakesim::models
