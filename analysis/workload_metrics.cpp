#include "analysis/workload_metrics.hpp"

#include "analysis/replay_error.hpp"
#include "analysis/statistics.hpp"

namespace lakesim::analysis {

namespace {
const char* class_name(sim::WorkloadClass c) {
  switch (c) {
    case sim::WorkloadClass::Job: return "job";
    case sim::WorkloadClass::Sql: return "sql";
    case sim::WorkloadClass::Notebook: return "notebook";
    case sim::WorkloadClass::Streaming: return "streaming";
    case sim::WorkloadClass::Training: return "training";
  }
  return "unknown";
}
}  // namespace

nlohmann::json workload_metrics(const models::RunRecord& record, double duration) {
  nlohmann::json out = nlohmann::json::array();
  for (std::uint32_t w = 0; w < record.workloads().size(); ++w) {
    const sim::WorkloadSpec& spec = *record.workloads()[w];
    std::vector<double> latency, queued;
    std::vector<double> sim_vs_recorded;
    // Replays: rows the trace says finished, and how many of those finished here too.
    std::uint64_t trace_finished = 0, trace_finished_completed = 0;
    std::uint64_t never_ran = 0;  // job runs the trace says were skipped or blocked: not replayed
    if (spec.trace) {
      for (const sim::TraceQuery& q : spec.trace->queries) trace_finished += q.status == "FINISHED";
      for (const sim::TraceJobRun& r : spec.trace->runs) {
        trace_finished += r.finished();
        never_ran += r.never_ran();
      }
    }
    std::uint64_t completed = 0, failed = 0, reruns = 0;
    // Replayed statements that failed or were canceled in the trace, ended so here too.
    std::uint64_t replayed_failed = 0, replayed_canceled = 0;
    std::map<std::string, std::uint64_t> causes;
    for (const models::RequestOutcome& o : record.outcomes()) {
      if (o.workload != w) continue;
      reruns += static_cast<std::uint64_t>(o.reruns);
      if (o.ok && o.recorded_end != models::RecordedEnd::Finished) {
        ++(o.recorded_end == models::RecordedEnd::Failed ? replayed_failed : replayed_canceled);
      } else if (o.ok) {
        ++completed;
        latency.push_back(o.end - o.arrival);
        queued.push_back(o.queued);
        if (o.recorded > 0) sim_vs_recorded.push_back((o.end - o.arrival) / o.recorded);
        if (spec.trace && o.trace_row >= 0) {
          const auto row = static_cast<std::size_t>(o.trace_row);
          if (row < spec.trace->queries.size())
            trace_finished_completed += spec.trace->queries[row].status == "FINISHED";
          else if (row < spec.trace->runs.size())
            trace_finished_completed += spec.trace->runs[row].finished();
        }
      } else {
        ++failed;
        ++causes[models::to_string(o.cause)];
      }
    }
    nlohmann::json m;
    m["name"] = spec.name;
    m["class"] = class_name(spec.cls);
    m["compute"] = spec.compute;
    m["completed"] = completed;
    m["failed"] = failed;
    m["failed_by_cause"] = causes;
    m["reruns_after_failover"] = reruns;
    m["throughput_per_hour"] = duration > 0 ? static_cast<double>(completed) * 3600.0 / duration : 0.0;
    m["latency_seconds"] = {{"mean", mean(latency)},
                            {"p50", percentile(latency, 50)},
                            {"p95", percentile(latency, 95)},
                            {"p99", percentile(latency, 99)}};
    m["queued_seconds"] = {{"mean", mean(queued)}, {"p95", percentile(queued, 95)}};
    if (spec.trace) {
      // Replayed requests: simulated over recorded duration.
      m["trace"] = {{"file", spec.trace->file},
                    {"rows", spec.trace->queries.size() + spec.trace->runs.size()},
                    {"compared", sim_vs_recorded.size()},
                    {"finished_in_trace", trace_finished},
                    {"finished_in_trace_completed", trace_finished_completed},
                    {"replayed_failed", replayed_failed},
                    {"replayed_canceled", replayed_canceled},
                    {"not_run", never_ran},
                    {"simulated_over_recorded",
                     {{"mean", mean(sim_vs_recorded)},
                      {"p50", percentile(sim_vs_recorded, 50)},
                      {"p95", percentile(sim_vs_recorded, 95)}}}};
      if (!spec.trace->queries.empty()) m["trace"]["replay_error"] = replay_error_json(replayed_statements(record, w));
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace lakesim::analysis
