#include "analysis/component_metrics.hpp"

#include <algorithm>

namespace lakesim::analysis {

using namespace lakesim::models;

nlohmann::json component_metrics(const Deployment& deployment, double duration) {
  nlohmann::json out = nlohmann::json::array();
  for (const DeployedComponent* c : deployment.components()) {
    nlohmann::json m;
    m["id"] = c->entry().id;
    m["name"] = c->entry().name;
    m["plane"] = plane_key(c->entry().plane);
    m["archetype"] = to_string(c->entry().archetype);
    m["region"] = c->region();
    m["hosts"] = c->hosts().size();
    m["requests_served"] = c->served();
    nlohmann::json failures = nlohmann::json::object();
    for (FailureCause cause : kAllFailureCauses)
      if (c->failures(cause) > 0) failures[to_string(cause)] = c->failures(cause);
    m["failures"] = failures;
    const double capacity = c->capacity();
    m["utilisation"] = capacity > 0 && duration > 0 ? c->busy_seconds() / (capacity * duration) : 0.0;
    if (const auto* pool = dynamic_cast<const ComputePool*>(c)) {
      m["placement"] = pool->placement();
      m["instance_seconds"] = pool->instance_seconds();
      m["cold_starts"] = pool->cold_starts();
      // Only where job runs autoscaled, so that other results keep their shape.
      if (const JobAutoscalingStats& a = pool->autoscaling(); a.runs > 0)
        m["job_autoscaling"] = {{"min_instances", pool->config().min_instances},
                                {"max_instances", pool->config().max_instances},
                                {"runs", a.runs},
                                {"fewest_instances_held", a.fewest_held},
                                {"most_instances_held", a.most_held},
                                {"mean_instances_held", a.mean_held()},
                                {"scale_ups", a.scale_ups},
                                {"instances_added", a.instances_added},
                                {"scale_downs", a.scale_downs}};
      m["utilisation"] = duration > 0 ? pool->leased_seconds() / (capacity * duration) : 0.0;
    } else if (const auto* wh = dynamic_cast<const SqlWarehouse*>(c)) {
      m["placement"] = wh->placement();
      m["instance_seconds"] = wh->instance_seconds();
      m["upscales"] = wh->upscales();
      m["downscales"] = wh->downscales();
      m["refused_launches"] = wh->refused_launches();  // clusters a capacity shortage kept from starting
      m["utilisation"] = capacity > 0 && duration > 0 ? wh->slot_busy_seconds() / (capacity * duration) : 0.0;
    } else if (const auto* ds = dynamic_cast<const Dataset*>(c)) {
      // A prefix has no concurrency limit but a request rate: utilisation is the share of the
      // (initial) rate used by the busier of reads and writes; requests in progress on average
      // is the busy time per second.
      const sim::S3Spec& s3 = ds->s3().spec();
      m["utilisation"] =
          duration > 0
              ? std::max(ds->requests(S3Op::Read) / s3.read_rate, ds->requests(S3Op::Write) / s3.write_rate) / duration
              : 0.0;
      m["requests_in_progress_mean"] = duration > 0 ? ds->busy_seconds() / duration : 0.0;
      m["objects"] = ds->objects();
      m["versions"] = ds->versions();
      m["stored_bytes"] = ds->stored_bytes();
    } else if (const auto* log = dynamic_cast<const LogSink*>(c)) {
      m["appended_records"] = log->appended_records();
      m["shipped_records"] = log->shipped_records();
      m["pending_records"] = log->pending_records();
    } else if (const auto* store = dynamic_cast<const MetadataStore*>(c)) {
      m["version"] = store->version();
      m["stored_bytes"] = store->stored_bytes();
      m["reads"] = store->reads();
    } else if (const auto* scratch = dynamic_cast<const Scratch*>(c)) {
      m["bytes_written"] = scratch->bytes_written();
      m["bytes_read"] = scratch->bytes_read();
      m["held_bytes"] = scratch->held_bytes();
    }
    out.push_back(m);
  }
  return out;
}

nlohmann::json table_metrics(const Deployment& deployment) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : deployment.tables()) {
    out.push_back({{"name", t->name()},
                   {"version", t->version()},
                   {"checkpoints", t->checkpoints()},
                   {"conflicts", t->conflicts()},
                   {"commits", t->commits().size()}});
  }
  return out;
}

nlohmann::json s3_metrics(const Deployment& deployment) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s3 : deployment.s3_services()) {
    out.push_back({{"region", s3->region()},
                   {"get_requests", s3->requests(S3Op::Read)},
                   {"put_requests", s3->requests(S3Op::Write)},
                   {"throttled_reads", s3->throttled(S3Op::Read)},
                   {"throttled_writes", s3->throttled(S3Op::Write)},
                   {"bytes_read", s3->bytes(S3Op::Read)},
                   {"bytes_written", s3->bytes(S3Op::Write)}});
  }
  return out;
}

}  // namespace lakesim::analysis
