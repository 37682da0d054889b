#include "models/flows/request_flows.hpp"

#include "scenario/units.hpp"

namespace lakesim::models {

namespace {
constexpr double kCheckpointBytes = 64e3;  // offsets + commits files of one micro-batch
constexpr double kRestartBackoff = 60;     // seconds before a failed stream tries to restart
}  // namespace

namespace {
// Where a stream that moves from `from` to `to` finds its progress: the time up to which the
// checkpoints replicated into `to` cover the batches made in `from` (their last checkpoint at
// `last_checkpoint`), or a negative value when `to` has no copy of them.
double replicated_progress(const Deployment& d, const std::string& from, const std::string& to,
                           double last_checkpoint) {
  for (const auto& r : d.replications()) {
    if (r->source().entry().which != ComponentId::StreamingCheckpoints || r->source().region() != from ||
        r->destination().region() != to)
      continue;
    const double now = sg4::Engine::get_clock();
    const ReplicationLoss loss = r->loss_at(now);
    return loss.lost == 0 ? last_checkpoint : std::min(last_checkpoint, now - loss.rpo);
  }
  return -1;
}

WorkSample scaled(WorkSample work, double factor) {
  for (StageWork& st : work.stages) {
    st.core_seconds *= factor;
    st.read_bytes *= factor;
    st.shuffle_bytes *= factor;
    st.write_bytes *= factor;
  }
  return work;
}
}  // namespace

void run_stream(const FlowContext& ctx, const sim::WorkloadSpec& home, sim::RandomStream& rng, double horizon,
                const BatchReport& on_batch) {
  Deployment& d = ctx.deployment;
  std::string last_region;      // where the last batch committed
  double last_checkpoint = -1;  // when

  // The stream is (re)started through the job path, on its users' current route, then runs
  // batches until it fails or its users are moved to another region.
  while (sg4::Engine::get_clock() < horizon) {
    const sim::WorkloadSpec& spec = d.routing().route(home);
    ComputePool& pool = d.spark_pool(spec.compute);
    const RegionDeployment& data = d.region(pool.region());
    DeltaTable* table = spec.table.empty() ? nullptr : &d.table(spec.table);
    Dataset* checkpoints = data.datasets.at(ComponentId::StreamingCheckpoints);
    Dataset* source = data.datasets.at(ComponentId::ExternalTables);
    std::vector<sg4::Host*> instances;
    try {
      const double start = sg4::Engine::get_clock();
      enter_workspace(ctx, spec, Edge::Api, true);
      d.control_plane_for(spec).services.at(ComponentId::ClusterManagement)->call(ctx.client);
      check_table_access(ctx, spec, DataCheckpoint::Catalog, ctx.client);
      instances = start_cluster(ctx, spec, pool, spec.instances);
      try {
        check_table_access(ctx, spec, DataCheckpoint::Storage, instances.front());
      } catch (...) {
        pool.release(instances);
        throw;
      }
      ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "stream_started",
                     "after " + std::to_string(sg4::Engine::get_clock() - start) + " s");
    } catch (const RequestFailed& failure) {
      ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "stream_start_failed",
                     to_string(failure.cause()));
      sg4::this_actor::sleep_for(kRestartBackoff);
      continue;
    }
    // In another region the stream resumes from the checkpoints replicated there: the first
    // batch catches up on everything since; without a copy it starts from the latest offsets.
    double backlog = 0;
    double consumed = -1;  // the input instant up to which the stream has read; < 0: from its first batch on
    if (!last_region.empty() && last_region != pool.region()) {
      const double progress = replicated_progress(d, last_region, pool.region(), last_checkpoint);
      const double now = sg4::Engine::get_clock();
      if (progress < 0) {
        ctx.log.record(now, spec.name, pool.region(), "stream_checkpoint_missing",
                       "restarts from the latest offsets; the input since " + sim::format_clock(last_checkpoint) +
                           " (" + sim::format_whole_duration(now - last_checkpoint) + ") is skipped");
      } else {
        backlog = now - progress;
        consumed = progress;
        ctx.log.record(now, spec.name, pool.region(), "stream_resumed",
                       "made at " + sim::format_clock(progress) + ", " + sim::format_whole_duration(backlog) +
                           " old: catching up " + sim::format_whole_duration(backlog) + " of input");
      }
    }
    try {
      SparkExecution spark(instances, data.shuffle, spec.spark, pool.label() + " (" + pool.placement() + ")");
      double next = sg4::Engine::get_clock();
      const double resumed = next;
      bool catching_up = backlog > spec.trigger;
      while (next < horizon && &d.routing().route(home) == &spec) {
        const double arrival = next;
        WorkSample work = sample_work(spec, rng);
        // A batch reads all the input since the previous batch's: one trigger's worth on schedule,
        // more after a resume from older checkpoints or a batch that overran its interval, so a
        // backlog drains as a queue does: each catch-up batch leaves the input of its own run.
        const double span = consumed < 0 ? spec.trigger : arrival - consumed;
        if (span > spec.trigger * (1 + 1e-9)) work = scaled(std::move(work), span / spec.trigger);
        consumed = arrival;
        try {
          double written = 0;
          for (const StageWork& stage : work.stages) {
            written += stage.write_bytes;
            spark.run_stage(stage,
                            [source, prefixes = spec.spark.input_prefixes](sg4::Host* h, double b, int connections) {
                              source->read(h, b, std::max(1.0, b / 16e6), connections, prefixes);
                            },
                            {});
          }
          if (table && written > 0)
            table->write(instances.front(), written, DeltaWriteMode::Append, spec.name,
                         instances.front()->get_core_count());
          checkpoints->write(instances.front(), kCheckpointBytes, 2, 1);
          last_region = pool.region();
          last_checkpoint = sg4::Engine::get_clock();
          if (data.job_logs) data.job_logs->append(1, 32e3);
          on_batch(arrival, sg4::Engine::get_clock(), true, FailureCause::Timeout);
          // Caught up: the first batch after the resume that ends within its own interval.
          if (catching_up && sg4::Engine::get_clock() <= arrival + spec.trigger) {
            catching_up = false;
            ctx.log.record(sg4::Engine::get_clock(), spec.name, pool.region(), "stream_caught_up",
                           sim::format_whole_duration(backlog) + " of input caught up in " +
                               sim::format_whole_duration(sg4::Engine::get_clock() - resumed));
          }
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
    // Moved by a failover or failback: restart at once on the new route.
    if (&d.routing().route(home) != &spec) continue;
    if (sg4::Engine::get_clock() < horizon) sg4::this_actor::sleep_for(kRestartBackoff);
  }
}

}  // namespace lakesim::models
