#include "analysis/run_results.hpp"

#include <cmath>
#include <cstdio>

#include "analysis/component_metrics.hpp"
#include "analysis/data_loss.hpp"
#include "analysis/failover_report.hpp"
#include "analysis/impact.hpp"
#include "analysis/managed_dr.hpp"
#include "analysis/policy_evaluation.hpp"
#include "analysis/private_link_cost.hpp"
#include "analysis/recovery.hpp"
#include "analysis/replay_error.hpp"
#include "analysis/request_count.hpp"
#include "analysis/resource_usage.hpp"
#include "analysis/security_report.hpp"
#include "analysis/throughput_recovery.hpp"
#include "analysis/throughput_series.hpp"
#include "analysis/workload_metrics.hpp"
#include "analysis/workspace_metrics.hpp"
#include "analysis/zone_recovery_report.hpp"
#include "scenario/units.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::analysis {

// The timeline's fingerprint extended with every request's outcome (workload, arrival, end,
// result), so that any change in what the simulation did changes it.
std::uint64_t trajectory_fingerprint(const sim::EventLog& log, const models::RunRecord& record) {
  std::uint64_t h = log.fingerprint();
  for (const models::RequestOutcome& o : record.outcomes()) {
    const double result = !o.ok                                             ? static_cast<double>(o.cause)
                          : o.recorded_end == models::RecordedEnd::Finished ? -1.0
                          : o.recorded_end == models::RecordedEnd::Failed   ? -2.0
                                                                            : -3.0;
    const double fields[] = {static_cast<double>(o.workload), o.arrival, o.end, result};
    h = sim::fnv1a(std::string_view(reinterpret_cast<const char*>(fields), sizeof fields), h);
  }
  return h;
}

std::string fingerprint_hex(std::uint64_t value) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

nlohmann::json make_results(const sim::Scenario& scenario, const RunStats& stats, const RunView& run) {
  const auto& probes = run.probes;
  nlohmann::json r;
  r["format"] = kResultsFormat;
  r["scenario"] = {{"name", scenario.name}, {"file", scenario.file}, {"variant", scenario.variant}};
  r["seed"] = scenario.seed;
  r["network_model"] = sim::to_string(scenario.network.model);
  r["complete"] = stats.complete;
  r["simulated_seconds"] = stats.simulated_seconds;
  r["wall_seconds"] = stats.wall_seconds;
  r["activities"] = stats.activities;
  r["messages_without_flow"] = stats.messages_without_flow;
  r["executions_computed"] = stats.executions_computed;
  r["transfers_computed"] = stats.transfers_computed;
  r["disk_io_computed"] = stats.disk_io_computed;
  r["platform"] = {{"regions", stats.platform.regions},
                   {"azs", stats.platform.azs},
                   {"hosts", stats.platform.hosts},
                   {"links", stats.platform.links},
                   {"disks", stats.platform.disks}};
  nlohmann::json list = nlohmann::json::array();
  for (const models::ProbeMeasurement& m : probes) {
    list.push_back({{"name", m.name},
                    {"from", m.from},
                    {"to", m.to},
                    {"amount", m.amount},
                    {"start", m.start},
                    {"seconds", m.seconds},
                    {"predicted_seconds", m.predicted}});
  }
  r["probes"] = list;
  r["fingerprint"] = "";  // set last, over everything else
  r["events"] = run.log.events().size();
  r["requests_in_flight_at_end"] = run.record.in_flight();
  r["requests"] = request_count_json(count_requests(run.deployment, run.record));
  nlohmann::json outages = nlohmann::json::array();
  for (const models::OutageRecord& o : run.outages) {
    outages.push_back({{"name", o.name},
                       {"kind", o.kind},
                       {"target", o.target},
                       {"start", o.start},
                       {"end", o.end},
                       {"hosts_off", o.hosts},
                       {"links_off", o.links},
                       {"components_down", o.components}});
  }
  r["outages"] = outages;
  r["recovery"] = recovery(run.service_probes, run.outages);
  r["throughput_recovery"] = throughput_recovery(run.record, run.outages, stats.simulated_seconds);
  r["security"] = security_report(run.deployment, run.record);
  r["dr"] = failover_report(run.failover, run.service_probes, run.outages);
  if (run.protection.managed()) r["dr"]["managed"] = managed_dr_report(run.deployment, run.protection, run.failover);
  r["workloads"] = workload_metrics(run.record, stats.simulated_seconds);
  r["workspaces"] = workspace_metrics(scenario, run.record);
  r["throughput_series"] = throughput_series(run.record, stats.simulated_seconds);
  r["components"] = component_metrics(run.deployment, stats.simulated_seconds);
  r["tables"] = table_metrics(run.deployment);
  r["s3"] = s3_metrics(run.deployment);
  r["resources"] = resource_usage(run.deployment, stats.simulated_seconds);
  r["cost"] = cost(run.deployment, stats.simulated_seconds);
  add_private_link_cost(run.deployment, r["cost"]);
  r["data_loss"] = data_loss(run.deployment, run.protection, run.outages);
  if (run.zone_recovery && run.zone_recovery->active())
    r["control_plane_zone_recoveries"] = zone_recovery_report(*run.zone_recovery);
  if (scenario.resilience_policy) r["policy"] = evaluate_policy(scenario, r);
  if (scenario.impact)
    r["impact"] = impact(*scenario.impact, run.record, run.outages, stats.simulated_seconds,
                         {r["workloads"], r["data_loss"], r["cost"]});
  // The trajectory's fingerprint extended with every figure of the results but the wall time:
  // two runs whose outcomes differ anywhere (an RPO, a cost) have different fingerprints.
  nlohmann::json outcome = r;
  outcome.erase("wall_seconds");
  outcome.erase("fingerprint");
  // Counted from the workloads' outcomes and the components' calls, both hashed already.
  outcome.erase("requests");
  // The same scenario read from another folder runs the same: paths are left out.
  outcome["scenario"].erase("file");
  for (nlohmann::json& w : outcome["workloads"])
    if (w.contains("trace") && w["trace"].is_object()) w["trace"].erase("file");
  r["fingerprint"] = fingerprint_hex(sim::fnv1a(outcome.dump(), trajectory_fingerprint(run.log, run.record)));
  return r;
}

std::string summary_text(const nlohmann::json& results) {
  std::string out;
  char line[256];
  const auto& p = results["platform"];
  std::snprintf(line, sizeof line, "scenario %s (seed %llu)%s\n",
                results["scenario"]["name"].get<std::string>().c_str(),
                static_cast<unsigned long long>(results["seed"].get<std::uint64_t>()),
                results["scenario"]["variant"].get<std::string>().empty()
                    ? ""
                    : (", variant " + results["scenario"]["variant"].get<std::string>()).c_str());
  out += line;
  std::snprintf(line, sizeof line, "platform: %zu regions, %zu AZs, %zu hosts, %zu links, %zu disks\n",
                p["regions"].get<std::size_t>(), p["azs"].get<std::size_t>(), p["hosts"].get<std::size_t>(),
                p["links"].get<std::size_t>(), p["disks"].get<std::size_t>());
  out += line;
  if (!results["complete"].get<bool>()) out += "PARTIAL: stopped by --max-wall before the scenario's end\n";
  std::snprintf(line, sizeof line, "simulated %s in %.3f s wall, %llu activities\n",
                sim::format_duration(results["simulated_seconds"].get<double>()).c_str(),
                results["wall_seconds"].get<double>(),
                static_cast<unsigned long long>(results["activities"].get<std::uint64_t>()));
  out += line;
  for (const auto& w : results["workloads"]) {
    std::snprintf(line, sizeof line, "  %-10s %-12s completed %8llu  failed %6llu  %9.1f/h  p50 %9.3f s  p95 %9.3f s\n",
                  w["class"].get<std::string>().c_str(), w["name"].get<std::string>().c_str(),
                  static_cast<unsigned long long>(w["completed"].get<std::uint64_t>()),
                  static_cast<unsigned long long>(w["failed"].get<std::uint64_t>()),
                  w["throughput_per_hour"].get<double>(), w["latency_seconds"]["p50"].get<double>(),
                  w["latency_seconds"]["p95"].get<double>());
    out += line;
    if (w.contains("trace") && w["trace"].contains("replay_error")) {
      out += replay_error_text(w["trace"]["replay_error"], "      ");
    } else if (w.contains("trace")) {
      // A job replay: how its runs ended as the trace recorded, and how close their durations came.
      const auto& t = w["trace"];
      std::snprintf(line, sizeof line,
                    "      replayed %zu runs: %zu failed and %zu canceled as recorded, %zu not run (skipped); "
                    "simulated / recorded p50 %.2f p95 %.2f (%zu runs)\n",
                    t["rows"].get<std::size_t>(), t["replayed_failed"].get<std::size_t>(),
                    t["replayed_canceled"].get<std::size_t>(), t["not_run"].get<std::size_t>(),
                    t["simulated_over_recorded"]["p50"].get<double>(),
                    t["simulated_over_recorded"]["p95"].get<double>(), t["compared"].get<std::size_t>());
      out += line;
    }
  }
  if (results.contains("dr")) out += failover_text(results["dr"]);
  if (results.contains("dr") && results["dr"].contains("managed")) out += managed_dr_text(results["dr"]["managed"]);
  if (results.contains("control_plane_zone_recoveries"))
    out += zone_recovery_text(results["control_plane_zone_recoveries"]);
  if (results.contains("policy")) out += policy_text(results["policy"]);
  if (results.contains("cost")) {
    std::snprintf(line, sizeof line, "cost: %.2f USD\n", results["cost"]["total_usd"].get<double>());
    out += line;
  }
  if (results.contains("impact")) out += impact_text(results["impact"]);
  std::snprintf(line, sizeof line, "fingerprint %s (%zu events)\n", results["fingerprint"].get<std::string>().c_str(),
                results["events"].get<std::size_t>());
  out += line;
  for (const auto& m : results["probes"]) {
    const double seconds = m["seconds"].get<double>();
    const double predicted = m["predicted_seconds"].get<double>();
    std::snprintf(line, sizeof line, "  probe %-12s %-28s -> %-28s %10.6f s (predicted %.6f s)\n",
                  m["name"].get<std::string>().c_str(), m["from"].get<std::string>().c_str(),
                  m["to"].get<std::string>().c_str(), seconds, predicted);
    out += line;
  }
  return out;
}

}  // namespace lakesim::analysis
