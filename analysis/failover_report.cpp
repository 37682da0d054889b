#include "analysis/failover_report.hpp"

#include <algorithm>
#include <cstdio>

namespace lakesim::analysis {

namespace {

// The outage a failover answered: the latest one to start by the first failed health check.
const models::OutageRecord* cause_of(const models::FailoverRecord& f,
                                     const std::vector<models::OutageRecord>& outages) {
  const models::OutageRecord* found = nullptr;
  for (const models::OutageRecord& o : outages)
    if (o.start <= f.first_failed_check && (!found || o.start >= found->start)) found = &o;
  return found;
}

// The RTO the users saw: from the outage's start to the first answered probe of the primary's
// workspace after it stopped answering.
nlohmann::json observed_rto(const models::ServiceProbes& probes, const std::string& primary, double start) {
  for (const models::ProbeSeries& s : probes.series()) {
    if (s.service->region() != primary || s.service->entry().which != models::ComponentId::WorkspaceUi) continue;
    bool failed = false;
    for (std::size_t i = 0; i < s.times.size(); ++i) {
      if (s.times[i] < start) continue;
      if (!s.ok[i])
        failed = true;
      else if (failed)
        return s.times[i] - start;
    }
    return failed ? nlohmann::json(nullptr) : nlohmann::json(0.0);
  }
  return nullptr;
}

}  // namespace

nlohmann::json failover_report(const models::Failover* failover, const models::ServiceProbes& probes,
                               const std::vector<models::OutageRecord>& outages) {
  if (!failover) return nullptr;
  const sim::DrSpec& spec = failover->spec();
  nlohmann::json out = {
      {"strategy", sim::to_string(spec.strategy)},
      {"primary", spec.primary},
      {"secondary", spec.secondary},
      {"parameters",
       {{"health_check_interval_seconds", spec.health_check_interval},
        {"failure_threshold", spec.failure_threshold},
        {"health_checkers", spec.health_checkers},
        {"health_check_timeout_seconds", spec.health_check_timeout},
        {"unhealthy_share", spec.unhealthy_share},
        {"dns_ttl_seconds", spec.dns_ttl},
        {"dns_long_cache_share", spec.dns_long_cache_share},
        {"dns_long_cache_seconds", spec.dns_long_cache},
        {"decision_seconds", spec.decision},
        {"infrastructure_seconds",
         spec.infrastructure >= 0 ? nlohmann::json(spec.infrastructure) : nlohmann::json("simulated")},
        {"infrastructure_objects", spec.infrastructure_objects},
        {"iac_parallelism", spec.iac_parallelism},
        {"iac_api_rate_per_second", spec.iac_api_rate},
        {"iac_call_latency_seconds", spec.iac_call_latency},
        {"iac_workspace_provisioning_seconds", spec.iac_workspace_provisioning},
        {"standby_share", spec.standby_share >= 0 ? spec.standby_share : sim::standby_share_of(spec.compute)},
        {"secondary_free_instances",
         spec.secondary_free_instances >= 0 ? nlohmann::json(spec.secondary_free_instances) : nlohmann::json(nullptr)},
        {"capacity_wait_seconds", spec.capacity_wait},
        {"restore", spec.restore},
        {"compute", sim::to_string(spec.compute)},
        {"compute_map", spec.compute_map},
        {"failback", spec.failback},
        {"failback_delay_seconds", spec.failback_delay}}},
      {"health_checks", failover->health_checks()}};
  nlohmann::json checkers = nlohmann::json::array();
  for (std::size_t k = 0; k < failover->checkers().hosts().size(); ++k)
    checkers.push_back(
        {{"host", failover->checkers().hosts()[k]->get_cname()}, {"first_check", failover->checkers().phases()[k]}});
  out["health_checkers"] = checkers;

  nlohmann::json list = nlohmann::json::array();
  for (const models::FailoverRecord& f : failover->records()) {
    const models::OutageRecord* outage = cause_of(f, outages);
    const double start = outage ? outage->start : f.first_failed_check;
    nlohmann::json steps = nlohmann::json::array();
    nlohmann::json rto = nlohmann::json::object();
    rto["detection"] = f.detected - start;
    double sum = f.detected - start;
    for (const models::FailoverStep& s : f.steps) {
      steps.push_back({{"step", s.name},
                       {"start", s.start},
                       {"end", s.end},
                       {"seconds", s.end - s.start},
                       {"detail", s.detail},
                       {"source", s.simulated ? "simulated" : "configured"}});
      rto[s.name] = s.end - s.start;
      sum += s.end - s.start;
    }
    nlohmann::json entry = {
        {"outage", outage ? nlohmann::json(outage->name) : nlohmann::json(nullptr)},
        {"outage_start", start},
        {"first_failed_check", f.first_failed_check},
        {"detection_source", "simulated"},
        {"detected", f.detected},
        {"steps", steps},
        {"completed", f.completed},
        {"aborted", f.aborted},
        {"dns_switched", f.dns_switched >= 0 ? nlohmann::json(f.dns_switched) : nlohmann::json(nullptr)},
        {"redirected", f.completed ? nlohmann::json(f.redirected) : nlohmann::json(nullptr)},
        {"restored_bytes", f.restored_bytes},
        {"infrastructure",
         {{"objects", f.iac.objects},
          {"api_calls", f.iac.calls},
          {"refused_calls", f.iac.failed_calls},
          {"finished", f.iac.finished}}},
        {"failed_back", f.failed_back >= 0 ? nlohmann::json(f.failed_back) : nlohmann::json(nullptr)}};
    if (spec.restore)
      entry["metadata_import"] = {
          {"objects", f.metadata_import.objects},         {"bytes", f.metadata_import.bytes},
          {"objects_by_store", f.metadata_import.stores}, {"refused_calls", f.metadata_import.failed_calls},
          {"seconds", f.metadata_import.seconds},         {"finished", f.metadata_import.finished}};
    nlohmann::json compute = nlohmann::json::array();
    std::vector<std::string> waiting;
    for (const auto& shared : f.compute) {
      const models::PlacementTakeover& t = *shared;
      compute.push_back(
          {{"placement", t.placement},
           {"demand_instances", t.demand},
           {"warm_instances", t.warm},
           {"launched_instances", t.launched},
           {"short_instances", t.short_by},
           {"serving", t.serving >= 0 ? nlohmann::json(t.serving) : nlohmann::json(nullptr)},
           {"ready", t.ready >= 0 ? nlohmann::json(t.ready) : nlohmann::json(nullptr)},
           {"capacity_arrived", t.capacity_arrived >= 0 ? nlohmann::json(t.capacity_arrived) : nlohmann::json(nullptr)},
           {"waiting_workloads", t.waiting_workloads}});
      waiting.insert(waiting.end(), t.waiting_workloads.begin(), t.waiting_workloads.end());
    }
    entry["compute"] = compute;
    if (f.regeneration) {
      const models::RegenerationOutcome& g = *f.regeneration;
      const bool done = g.end >= 0;
      const double recovered = done && f.completed ? std::max(g.end, f.redirected) : -1;
      entry["notebook_regeneration"] = {
          {"notebooks", g.notebooks},
          {"regenerated_outputs", g.regenerated},
          {"core_seconds", g.core_seconds},
          {"result_bytes", g.result_bytes},
          {"start", g.start},
          {"end", done ? nlohmann::json(g.end) : nlohmann::json(nullptr)},
          {"seconds", done ? nlohmann::json(g.end - g.start) : nlohmann::json(nullptr)},
          {"failure", g.failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.failure)},
          {"source", "simulated"},
          {"components",
           nlohmann::json::array({{{"component", "notebook_outputs"},
                                   {"recovered", recovered >= 0 ? nlohmann::json(recovered) : nlohmann::json(nullptr)},
                                   {"recovery_seconds",
                                    recovered >= 0 ? nlohmann::json(recovered - start) : nlohmann::json(nullptr)}}})}};
    }
    if (f.rebuild) {
      const models::IndexRebuildOutcome& r = *f.rebuild;
      const bool done = r.end >= 0;
      // What needs the index serves once both the users are redirected and the index is there.
      const double recovered = done && f.completed ? std::max(r.end, f.redirected) : -1;
      nlohmann::json dependants = nlohmann::json::array();
      for (const std::string& c : r.dependants)
        dependants.push_back(
            {{"component", c},
             {"recovered", recovered >= 0 ? nlohmann::json(recovered) : nlohmann::json(nullptr)},
             {"recovery_seconds", recovered >= 0 ? nlohmann::json(recovered - start) : nlohmann::json(nullptr)}});
      entry["vector_index_rebuild"] = {
          {"placement", r.placement},
          {"instances", r.instances},
          {"bytes", r.bytes},
          {"core_seconds", r.core_seconds},
          {"start", r.start},
          {"leased", r.leased >= 0 ? nlohmann::json(r.leased) : nlohmann::json(nullptr)},
          {"end", done ? nlohmann::json(r.end) : nlohmann::json(nullptr)},
          {"seconds", done ? nlohmann::json(r.end - r.start) : nlohmann::json(nullptr)},
          {"failure", r.failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.failure)},
          {"source", "simulated"},
          {"components", dependants}};
    }
    entry["waiting_workloads"] = waiting;
    bool partial = false;
    for (const auto& t : f.compute) partial = partial || (t->short_by > 0 && t->capacity_arrived < 0);
    entry["compute_partial"] = partial;
    if (f.completed) {
      rto["sum"] = sum;
      entry["rto_steps_seconds"] = rto;
      entry["rto_seconds"] = f.redirected - start;
      entry["observed_rto_seconds"] = observed_rto(probes, spec.primary, start);
      // Users follow the record as their caches expire: those honouring the TTL by `redirected`,
      // the long-caching share by the end of its cache lifetime.
      entry["users_moved_by"] = {
          {"ttl_clients", f.redirected},
          {"long_cache_clients", spec.dns_long_cache_share > 0 ? f.dns_switched + spec.dns_long_cache : f.redirected}};
    }
    list.push_back(entry);
  }
  out["failovers"] = list;
  return out;
}

std::string failover_text(const nlohmann::json& dr) {
  if (dr.is_null()) return "";
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "DR %s: %s -> %s\n", dr["strategy"].get<std::string>().c_str(),
                dr["primary"].get<std::string>().c_str(), dr["secondary"].get<std::string>().c_str());
  out += line;
  bool configured_steps = false;
  for (const auto& f : dr["failovers"]) {
    if (!f["completed"].get<bool>()) {
      std::snprintf(line, sizeof line, "  failover after %s: %s\n",
                    f["outage"].is_null() ? "an outage" : f["outage"].get<std::string>().c_str(),
                    f["aborted"].get<bool>() ? "aborted, the primary came back" : "still under way at the end");
      out += line;
      continue;
    }
    char part[128];
    std::snprintf(part, sizeof part, "detection %.0f s", f["rto_steps_seconds"]["detection"].get<double>());
    std::string parts = part;
    for (const auto& s : f["steps"]) {
      const bool configured = s.value("source", std::string()) == "configured";
      std::snprintf(part, sizeof part, " + %s %.0f s%s", s["step"].get<std::string>().c_str(),
                    s["seconds"].get<double>(), configured ? " [configured]" : "");
      parts += part;
    }
    const auto& observed = f["observed_rto_seconds"];
    std::snprintf(part, sizeof part, "%.0f s", observed.is_null() ? 0.0 : observed.get<double>());
    std::snprintf(line, sizeof line, "  RTO %.0f s = %s; the users' probes saw %s\n", f["rto_seconds"].get<double>(),
                  parts.c_str(), observed.is_null() ? "no recovery" : part);
    out += line;
    configured_steps = configured_steps || parts.find("[configured]") != std::string::npos;
    if (f.contains("waiting_workloads") && !f["waiting_workloads"].empty()) {
      std::string names;
      for (const auto& w : f["waiting_workloads"]) names += (names.empty() ? "" : ", ") + w.get<std::string>();
      out += "  the secondary region lacked free instances" +
             std::string(f.value("compute_partial", false) ? " (recovery partial)" : "") + "; waited: " + names + "\n";
    }
  }
  if (configured_steps) out += "  [configured]: the step's length is a configured input, not simulated work\n";
  return out;
}

}  // namespace lakesim::analysis
