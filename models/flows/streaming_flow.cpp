#include "models/flows/request_flows.hpp"

namespace lakesim::models {

namespace {
constexpr double kCheckpointBytes = 64e3;  // offsets + commits files of one micro-batch
constexpr double kRestartBackoff = 60;     // seconds before a failed stream tries to restart
}  // namespace

void run_stream(const FlowContext& ctx, const sim::WorkloadSpec& spec, sim::RandomStream& rng, double horizon,
                const BatchReport& on_batch) {
  Deployment& d = ctx.deployment;
  ComputePool& pool = d.spark_pool(spec.compute);
  const RegionDeployment& data = d.region(pool.region());
  DeltaTable* table = spec.table.empty() ? nullptr : &d.table(spec.table);
  Dataset* checkpoints = data.datasets.at("streaming_checkpoints");
  Dataset* source = data.datasets.at("external_tables");

  // The stream is (re)started through the job path, then runs batches until it fails.
  while (sg4::Engine::get_clock() < horizon) {
    std::vector<sg4::Host*> instances;
    try {
      const double start = sg4::Engine::get_clock();
      enter_workspace(ctx, spec.region, Edge::Api, true);
      d.control_plane_for(spec.region).services.at("cluster_management")->call(ctx.client);
      instances = pool.acquire(spec.instances);
      ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "stream_started",
                     "after " + std::to_string(sg4::Engine::get_clock() - start) + " s");
    } catch (const RequestFailed& failure) {
      ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "stream_start_failed",
                     to_string(failure.cause()));
      sg4::this_actor::sleep_for(kRestartBackoff);
      continue;
    }
    try {
      SparkExecution spark(instances, data.shuffle);
      double next = sg4::Engine::get_clock();
      while (next < horizon) {
        const double arrival = next;
        const WorkSample work = sample_work(spec, rng);
        try {
          double written = 0;
          for (const StageWork& stage : work.stages) {
            written += stage.write_bytes;
            spark.run_stage(
                stage,
                [source](sg4::Host* h, double b) { source->read(h, b, std::max(1.0, b / 16e6), h->get_core_count()); },
                {});
          }
          if (table && written > 0)
            table->write(instances.front(), written, DeltaWriteMode::Append, spec.name,
                         instances.front()->get_core_count());
          checkpoints->write(instances.front(), kCheckpointBytes, 2, 1);
          if (data.job_logs) data.job_logs->append(1, 32e3);
          on_batch(arrival, sg4::Engine::get_clock(), true, FailureCause::Timeout);
        } catch (const RequestFailed& failure) {
          on_batch(arrival, sg4::Engine::get_clock(), false, failure.cause());
          throw;
        }
        // The next trigger fires on schedule, or at once when a batch overran its interval.
        next = std::max(arrival + spec.trigger, sg4::Engine::get_clock());
        if (next < horizon) sg4::this_actor::sleep_until(next);
      }
    } catch (const RequestFailed& failure) {
      ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "stream_failed", to_string(failure.cause()));
    }
    pool.release(instances);
    if (sg4::Engine::get_clock() < horizon) sg4::this_actor::sleep_for(kRestartBackoff);
  }
}

}  // namespace lakesim::models
