#include "models/workload/workload_driver.hpp"

#include <cstring>
#include <utility>

#include "models/flows/request_flows.hpp"
#include "models/workload/arrival_process.hpp"
#include "sim/wakeup.hpp"
#include "sim/worker_pool.hpp"

namespace lakesim::models {

namespace {

// Requests do no disk I/O of their own, so their workers can live long (sim/worker_pool.hpp).
constexpr int kRequestsPerWorker = 1000;

// Under a DR strategy the job scheduler reruns the primary's jobs and training runs that the
// outage failed, once users are moved to the secondary. A failure is held while an outage may
// still be declared (one detection window) and while a declared failover is under way; true
// when the route changed, so that the work runs again on the new one.
bool await_failover(const Deployment& d, const sim::WorkloadSpec& spec, FailureCause cause, std::uint64_t generation) {
  constexpr double kPoll = 15;
  const sim::DrSpec* dr = d.dr();
  if (!dr || spec.region != dr->primary) return false;
  if (spec.cls != sim::WorkloadClass::Job && spec.cls != sim::WorkloadClass::Training) return false;
  if (cause != FailureCause::RegionUnavailable && cause != FailureCause::ServiceDown) return false;
  const Routing& routing = d.routing();
  const double horizon = d.scenario().duration;
  const double detection = sg4::Engine::get_clock() + dr->health_check_interval * (dr->failure_threshold + 1);
  while (sg4::Engine::get_clock() < horizon) {
    if (routing.generation() != generation) return true;
    if (!routing.failover_pending() && sg4::Engine::get_clock() >= detection) return false;
    sg4::this_actor::sleep_for(kPoll);
  }
  return false;
}

// Interactive users (queries, notebooks) of the primary reach the workspace by its DNS name and
// move to the secondary when their cached answer does; scheduled work (jobs, streams, training)
// moves with the workspace's scheduler when the failover completes.
const sim::WorkloadSpec& route_request(const Deployment& d, const sim::WorkloadSpec& spec, double client) {
  const sim::DrSpec* dr = d.dr();
  const bool follows_dns = spec.cls == sim::WorkloadClass::Sql || spec.cls == sim::WorkloadClass::Notebook;
  if (!dr || !d.dns() || !follows_dns || spec.region != dr->primary) return d.routing().route(spec);
  const std::string& answer = DnsCaching::of(*dr).resolve(*d.dns(), client, sg4::Engine::get_clock());
  return d.routing().route_to(spec, answer);
}

// Runs one request of a workload, on the route its users have when it starts, and records its
// outcome.
void serve(Deployment& d, sim::EventLog& log, RunRecord& record, std::uint32_t index, const sim::WorkloadSpec& spec,
           WorkSample work, bool authorized, double recorded, std::int64_t trace_row, HopRecorder* recorder) {
  const double arrival = sg4::Engine::get_clock();
  FlowContext ctx{d, log, d.platform().external(sim::ExternalSystem::Clients), recorder};
  RequestOutcome outcome;
  outcome.workload = index;
  outcome.arrival = arrival;
  outcome.recorded = recorded;
  outcome.trace_row = trace_row;
  record.started();
  std::uint64_t arrival_bits = 0;
  static_assert(sizeof arrival_bits == sizeof arrival);
  std::memcpy(&arrival_bits, &arrival, sizeof arrival);
  const double client = client_key(index, arrival_bits);
  while (true) {
    const std::uint64_t generation = d.routing().generation();
    const sim::WorkloadSpec& routed = route_request(d, spec, client);
    try {
      outcome.queued = run_request(ctx, routed, work, authorized);
      outcome.ok = true;
      outcome.recorded_end = work.recorded_end;
      break;
    } catch (const RequestFailed& failure) {
      if (failure.cause() != FailureCause::Refused)
        log.record(sg4::Engine::get_clock(), spec.name, routed.region, "request_failed", failure.what());
      if (await_failover(d, routed, failure.cause(), generation)) {
        log.record(sg4::Engine::get_clock(), spec.name, d.routing().route(spec).region, "rerun_after_failover", "");
        ++outcome.reruns;
        continue;
      }
      outcome.cause = failure.cause();
      break;
    }
  }
  outcome.end = sg4::Engine::get_clock();
  record.finished();
  record.add(outcome);
}

// A trace row's sizes as a WorkSample: one stage with the recorded work.
WorkSample from_trace(const sim::TraceQuery& q) {
  WorkSample w;
  StageWork s;
  s.core_seconds = q.core_seconds;
  // What the workers' disk cache served was not read from storage.
  s.read_bytes = q.read_bytes * (1 - q.io_cache_share);
  w.stages.push_back(s);
  w.compute = q.compute;
  w.fixed_seconds = q.fixed_seconds;
  if (q.status == "FAILED" || q.status == "CANCELED") {
    w.recorded_end = q.status == "FAILED" ? RecordedEnd::Failed : RecordedEnd::Canceled;
    w.hold_seconds = q.recorded_duration;
  }
  return w;
}
// A job run's work: the trace's own figures, or a draw from the workload's stages where the trace
// records none (a job-run timeline). A run that failed or was canceled ends so here too: with its
// recorded work, or, without one, holding its instances for its recorded duration.
WorkSample from_trace(const sim::TraceJobRun& r, const sim::WorkloadSpec& spec, sim::RandomStream& sizes) {
  WorkSample w;
  if (r.work_from_profile) {
    w = sample_work(spec, sizes);
  } else {
    StageWork s;
    s.core_seconds = r.core_seconds;
    s.read_bytes = r.read_bytes;
    s.shuffle_bytes = r.shuffle_bytes;
    s.write_bytes = r.write_bytes;
    w.stages.push_back(s);
    w.instances = r.instances;
  }
  if (r.failed() || r.canceled()) {
    w.recorded_end = r.failed() ? RecordedEnd::Failed : RecordedEnd::Canceled;
    if (r.work_from_profile) w.hold_seconds = r.recorded_duration;
  }
  return w;
}

}  // namespace

WorkloadDriver::WorkloadDriver(Deployment& deployment, sim::EventLog& log, RunRecord& record,
                               HopRecorderChoice recorders)
    : deployment_(deployment), log_(log), record_(record), recorders_(std::move(recorders)) {}

void WorkloadDriver::start(double horizon) {
  sg4::Host* clients = deployment_.platform().external(sim::ExternalSystem::Clients);
  const std::uint64_t seed = deployment_.scenario().seed;
  for (const sim::WorkloadSpec& spec : deployment_.scenario().workloads) {
    const std::uint32_t index = record_.add_workload(spec);
    Deployment* d = &deployment_;
    sim::EventLog* log = &log_;
    RunRecord* record = &record_;
    const sim::WorkloadSpec* w = &spec;
    const HopRecorderChoice recorders = recorders_;

    if (spec.cls == sim::WorkloadClass::Streaming) {
      sg4::Actor::create("stream:" + spec.name, clients, [=] {
        sim::RandomStream rng(seed, "workload/" + w->name + "/sizes");
        FlowContext ctx{*d, *log, clients, nullptr};
        run_stream(ctx, *w, rng, horizon, [=](double arrival, double end, bool ok, FailureCause cause) {
          RequestOutcome o;
          o.workload = index;
          o.arrival = arrival;
          o.end = end;
          o.ok = ok;
          o.cause = cause;
          record->add(o);
        });
      })->daemonize();
      continue;
    }

    sg4::Actor::create("arrivals:" + spec.name, clients, [=] {
      std::uint64_t requests = 0;
      // The recorder of the next request, if anyone watches it.
      const auto next_recorder = [&]() -> HopRecorder* { return recorders ? recorders(*w, requests++) : nullptr; };
      if (w->trace) {
        // Replay: each row at its recorded start time with its recorded sizes.
        auto start_request = [&](double at, WorkSample work, double recorded, std::int64_t row) {
          if (at >= horizon) return false;
          sim::sleep_until(at);
          HopRecorder* recorder = next_recorder();
          sim::run_on_worker(clients, kRequestsPerWorker,
                             [=] { serve(*d, *log, *record, index, *w, work, true, recorded, row, recorder); });
          return true;
        };
        const auto& queries = w->trace->queries;
        for (std::size_t i = 0; i < queries.size(); ++i)
          if (!start_request(queries[i].start, from_trace(queries[i]), queries[i].recorded_duration,
                             static_cast<std::int64_t>(i)))
            break;
        const auto& runs = w->trace->runs;
        sim::RandomStream sizes_rng(seed, "workload/" + w->name + "/sizes");
        for (std::size_t i = 0; i < runs.size(); ++i) {
          if (runs[i].never_ran()) continue;  // skipped or blocked: it never held compute
          if (!start_request(runs[i].start, from_trace(runs[i], *w, sizes_rng), runs[i].recorded_duration,
                             static_cast<std::int64_t>(i)))
            break;
        }
        return;
      }
      sim::RandomStream arrivals_rng(seed, "workload/" + w->name + "/arrivals");
      sim::RandomStream sizes_rng(seed, "workload/" + w->name + "/sizes");
      sim::RandomStream access_rng(seed, "workload/" + w->name + "/access");
      ArrivalProcess arrivals(w->arrival, arrivals_rng);
      while (true) {
        const std::optional<double> next = arrivals.next(sg4::Engine::get_clock());
        if (!next || *next >= horizon) break;
        sim::sleep_until(*next);
        WorkSample work = sample_work(*w, sizes_rng);
        const bool authorized = access_rng.uniform() >= w->unauthorized_fraction;
        HopRecorder* recorder = next_recorder();
        sim::run_on_worker(clients, kRequestsPerWorker,
                           [=] { serve(*d, *log, *record, index, *w, work, authorized, -1, -1, recorder); });
      }
    })->daemonize();
  }
}

}  // namespace lakesim::models
