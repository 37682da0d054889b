#include "models/dr/failover.hpp"

#include <algorithm>
#include <cmath>

#include "models/failure.hpp"
#include "models/storage/s3_service.hpp"

namespace lakesim::models {

namespace {
// A restore copies whole files; objects of this size bound the request count it costs.
constexpr double kRestoreObjectBytes = 128e6;

std::string seconds_text(double s) { return std::to_string(static_cast<long long>(std::llround(s))) + " s"; }
}  // namespace

Failover::Failover(Deployment& deployment, sim::EventLog& log)
    : deployment_(deployment),
      log_(log),
      spec_(*deployment.scenario().dr),
      home_(deployment.platform().external(sim::ExternalSystem::Clients)),
      checkers_(deployment, spec_) {}

void Failover::start(double horizon) {
  if (spec_.strategy == sim::DrStrategy::None) return;
  checkers_.start(horizon);
  sg4::Actor::create("dr-orchestrator", home_, [this, horizon] { orchestrate(horizon); })->daemonize();
}

void Failover::step(FailoverRecord& record, const std::string& name, double seconds, bool simulated,
                    const std::string& detail) {
  FailoverStep s{name, sg4::Engine::get_clock(), 0, detail, simulated};
  if (seconds > 0) sg4::this_actor::sleep_for(seconds);
  s.end = sg4::Engine::get_clock();
  log_.record(s.end, "dr", spec_.secondary, "failover_" + name,
              detail.empty() ? seconds_text(s.end - s.start) : detail);
  record.steps.push_back(s);
}

// Backup & restore: the backed-up tables are copied into live tables of the new workspace by
// restore workers on the secondary's control-plane hosts, through the secondary's S3.
double Failover::restore() {
  const RegionDeployment& target = deployment_.region(spec_.secondary);
  std::vector<Dataset*> datasets;
  std::vector<double> bytes;
  for (const TableReplica& r : deployment_.table_replicas()) {
    datasets.push_back(&r.replica->data());
    bytes.push_back(r.bytes);
  }
  // Every service runs on the secondary's control-plane hosts: they are the restore workers.
  const std::vector<sg4::Host*> workers =
      target.services.empty() ? std::vector<sg4::Host*>{} : target.services.begin()->second->hosts();
  if (datasets.empty() || workers.empty()) return 0;
  double total = 0;
  for (double b : bytes) total += b;
  const int connections = std::max(1, spec_.restore_connections / static_cast<int>(workers.size()));
  std::vector<sg4::ActorPtr> copies;
  for (std::size_t w = 0; w < workers.size(); ++w) {
    sg4::Host* host = workers[w];
    const double share = 1.0 / static_cast<double>(workers.size());
    copies.push_back(sg4::Actor::create("restore-" + std::to_string(w), host, [=] {
      for (std::size_t i = 0; i < datasets.size(); ++i) {
        const double b = bytes[i] * share;
        if (b <= 0) continue;
        for (int attempt = 0;; ++attempt) {
          try {
            datasets[i]->read(host, b, std::ceil(b / kRestoreObjectBytes), connections);
            datasets[i]->overwrite(host, b, std::ceil(b / kRestoreObjectBytes), connections);
            break;
          } catch (const RequestFailed&) {
            sg4::this_actor::sleep_for(60);  // the secondary's S3 is itself unavailable: retry
          }
        }
      }
    }));
  }
  for (const sg4::ActorPtr& a : copies) a->join();
  return total;
}

// Managed DR's promotion of the secondary. A planned failover stops writes to the primary's
// storage and waits until every write made before it began has been replicated (possible only
// while the primary's storage can be read); a forced one promotes at once. Either way the
// replication ends there: what the secondary lacks is lost to it.
std::string Failover::managed_catch_up(FailoverRecord& record, double horizon) {
  const double start = sg4::Engine::get_clock();
  std::string detail;
  if (spec_.managed.failover == sim::ManagedFailover::Planned) {
    S3Service* s3 = deployment_.region(spec_.primary).s3;
    // Made read-only also while the region is down, so that it stays so if the region returns
    // before the catch-up ends (a region outage turns the endpoint off, not the flag).
    const bool read_only = s3 && (s3->available(S3Op::Write) || !s3->endpoint()->is_on());
    if (read_only) s3->set_available(S3Op::Write, false);
    const bool caught_up = managed_->await(start, horizon);
    if (read_only) s3->set_available(S3Op::Write, true);
    detail = caught_up ? "planned: waited for the replication point to reach the failover's start"
                       : "planned: the replication point had not caught up by the end";
  } else {
    detail = "forced: promoted at the replication point, lag " + seconds_text(start - managed_->point_at(start));
  }
  record.promoted = sg4::Engine::get_clock();
  record.replication_point = managed_->point_at(record.promoted);
  managed_->stop();
  return detail;
}

void Failover::orchestrate(double horizon) {
  while (sg4::Engine::get_clock() < horizon) {
    if (!checkers_.await(false, horizon)) return;
    // Recorded at once, so that a failover still under way when the run ends is reported.
    records_.emplace_back();
    FailoverRecord& record = records_.back();
    record.first_failed_check = checkers_.streak_start();
    record.detected = sg4::Engine::get_clock();
    deployment_.routing().set_failover_pending(true);
    log_.record(record.detected, "dr", spec_.primary, "outage_detected", "health checkers find the endpoint unhealthy");

    step(record, "decision", spec_.decision, false);
    // People who see the primary answering again before they decide stand down.
    if (spec_.decision > 0 && checkers_.healthy()) {
      record.aborted = true;
      deployment_.routing().set_failover_pending(false);
      log_.record(sg4::Engine::get_clock(), "dr", spec_.primary, "failover_aborted", "the primary answers again");
      continue;
    }
    if (spec_.infrastructure >= 0) {
      step(record, "infrastructure", spec_.infrastructure, false,
           spec_.infrastructure > 0 ? "IaC run, " + seconds_text(spec_.infrastructure) : "already provisioned");
    } else {
      FailoverStep s{"infrastructure", sg4::Engine::get_clock(), 0, "", true};
      IacRun iac(deployment_, spec_);
      record.iac = iac.run(horizon);
      s.end = sg4::Engine::get_clock();
      std::uint64_t objects = 0;
      for (const auto& [kind, count] : record.iac.objects) objects += count;
      s.detail =
          objects == 0
              ? "already provisioned"
              : "IaC run: " + std::to_string(objects) + " objects, " + std::to_string(record.iac.calls) + " API calls" +
                    (record.iac.failed_calls ? ", " + std::to_string(record.iac.failed_calls) + " refused and retried"
                                             : "");
      log_.record(s.end, "dr", spec_.secondary, "failover_infrastructure", s.detail);
      record.steps.push_back(s);
    }
    if (spec_.restore && protection_) {
      // The exported catalogue, grants, notebooks and definitions go into the new workspace.
      FailoverStep s{"metadata_import", sg4::Engine::get_clock(), 0, "", true};
      record.metadata_import = MetadataImport(deployment_, spec_, *protection_).run(horizon);
      s.end = sg4::Engine::get_clock();
      const MetadataImportOutcome& m = record.metadata_import;
      s.detail = "imported " + std::to_string(m.objects) + " objects (" +
                 std::to_string(static_cast<long long>(std::llround(m.bytes / 1e3))) + " kB)" +
                 (m.failed_calls ? ", " + std::to_string(m.failed_calls) + " refused and retried" : "");
      log_.record(s.end, "dr", spec_.secondary, "failover_metadata_import", s.detail);
      record.steps.push_back(s);
    }
    {
      FailoverStep s{"compute_start", sg4::Engine::get_clock(), 0, "", true};
      record.compute = ComputeTakeover(deployment_, spec_).run(horizon);
      s.end = sg4::Engine::get_clock();
      int started = 0, waiting = 0;
      for (const auto& t : record.compute) {
        started += t->launched;
        waiting += t->capacity_arrived >= 0 ? 0 : t->short_by;
      }
      s.detail = std::to_string(started) + " instances launched" +
                 (waiting ? ", " + std::to_string(waiting) + " refused for lack of capacity" : "");
      log_.record(s.end, "dr", spec_.secondary, "failover_compute_start", s.detail);
      record.steps.push_back(s);
    }
    // The users do not wait for the vector index: what needs it recovers when it is rebuilt.
    record.rebuild = VectorIndexRebuild(deployment_, spec_).start(record.compute);
    record.regeneration = NotebookRegeneration(deployment_, spec_).start();
    {
      FailoverStep s{"catch_up", sg4::Engine::get_clock(), 0, "", true};
      if (spec_.restore) {
        record.restored_bytes = restore();
        s.detail = "restored " + std::to_string(static_cast<long long>(record.restored_bytes / 1e9)) + " GB";
      }
      if (managed_) s.detail = managed_catch_up(record, horizon);
      s.end = sg4::Engine::get_clock();
      log_.record(s.end, "dr", spec_.secondary, "failover_catch_up",
                  s.detail.empty() ? "nothing to restore" : s.detail);
      record.steps.push_back(s);
    }
    // The record answers with the secondary from now on; users follow as their cached answers
    // expire, all of those that honour the TTL within it. Scheduled work moves at the end.
    record.dns_switched = sg4::Engine::get_clock();
    deployment_.dns()->publish(record.dns_switched, spec_.secondary);
    step(record, "redirection", spec_.dns_ttl, false,
         (managed_ ? "stable URL switched by the platform, TTL " : "DNS TTL ") + seconds_text(spec_.dns_ttl));
    deployment_.routing().fail_over();
    record.completed = true;
    record.redirected = sg4::Engine::get_clock();
    log_.record(record.redirected, "dr", spec_.secondary, "failover_complete", "users served by " + spec_.secondary);

    if (!spec_.failback) return;  // users stay in the secondary
    if (!checkers_.await(true, horizon)) return;
    sg4::this_actor::sleep_for(spec_.failback_delay);
    if (sg4::Engine::get_clock() >= horizon) return;
    deployment_.dns()->publish(sg4::Engine::get_clock(), spec_.primary);
    deployment_.routing().fail_back();
    record.failed_back = sg4::Engine::get_clock();
    log_.record(record.failed_back, "dr", spec_.primary, "failback_complete", "users served by " + spec_.primary);
  }
}

}  // namespace lakesim::models
