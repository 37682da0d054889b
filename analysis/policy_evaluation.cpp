#include "analysis/policy_evaluation.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "scenario/units.hpp"

namespace lakesim::analysis {

namespace {

using nlohmann::json;

const json& member(const json& parent, const char* key) {
  static const json none;
  return parent.is_object() && parent.contains(key) ? parent[key] : none;
}

const json& array_member(const json& parent, const char* key) {
  static const json empty = json::array();
  const json& v = member(parent, key);
  return v.is_array() ? v : empty;
}

std::optional<double> number(const json& parent, const char* key) {
  const json& v = member(parent, key);
  return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

// One assessment: the target, what was measured (null: never within the run), met or missed.
json assessment(const std::string& scope, const std::string& disruption, const std::string& outage, const char* measure,
                double target, std::optional<double> measured, const char* basis) {
  json a = {{"scope", scope},     {"disruption", disruption}, {"outage", outage},
            {"measure", measure}, {"target_seconds", target}, {"basis", basis}};
  a["measured_seconds"] = measured ? json(*measured) : json(nullptr);
  a["margin_seconds"] = measured ? json(target - *measured) : json(nullptr);
  a["met"] = measured && *measured <= target;
  return a;
}

// The recovery of one outage with its steps: a completed DR failover, else a control-plane zone
// recovery; `recovery` null when neither answered the outage.
struct SteppedRecovery {
  const json* recovery = nullptr;
  const char* basis = "";
};

SteppedRecovery stepped_recovery(const json& results, const std::string& outage) {
  for (const json& f : array_member(member(results, "dr"), "failovers"))
    if (member(f, "outage") == outage && member(f, "completed") == true) return {&f, "dr failover steps"};
  for (const json& z : array_member(results, "control_plane_zone_recoveries"))
    if (member(z, "outage") == outage && member(z, "recovered").is_number()) return {&z, "zone recovery steps"};
  return {};
}

// Steps as [name, start, end, source] from the outage's start: detection first (a failover
// records it apart from its steps), then the listed ones.
json step_list(const json& recovery, double outage_start) {
  json steps = json::array();
  if (const auto detected = number(recovery, "detected"); detected && member(recovery, "steps").is_array()) {
    const json& first = array_member(recovery, "steps");
    const bool listed = !first.empty() && member(first[0], "step") == "detection";
    if (!listed)
      steps.push_back(
          {{"step", "detection"},
           {"start", outage_start},
           {"end", *detected},
           {"seconds", *detected - outage_start},
           {"source", member(recovery, "detection_source").is_string() ? member(recovery, "detection_source")
                                                                       : json("simulated")}});
  }
  for (const json& s : array_member(recovery, "steps"))
    steps.push_back({{"step", member(s, "step")},
                     {"start", number(s, "start").value_or(0)},
                     {"end", number(s, "end").value_or(0)},
                     {"seconds", number(s, "seconds").value_or(0)},
                     {"source", member(s, "source")}});
  return steps;
}

// The step under way when the target ran out (the one that broke it), else the longest.
void name_critical_step(json& a, const json& steps, double outage_start) {
  const json* longest = nullptr;
  const json* breaking = nullptr;
  const double deadline = outage_start + a["target_seconds"].get<double>();
  for (const json& s : steps) {
    if (!longest || s["seconds"].get<double>() > (*longest)["seconds"].get<double>()) longest = &s;
    if (!breaking && s["end"].get<double>() > deadline) breaking = &s;
  }
  if (longest) a["longest_step"] = *longest;
  if (!a["met"].get<bool>() && breaking) a["breaking_step"] = *breaking;
  a["steps"] = steps;
}

// The slowest service to answer again after the outage, from the users' probes; measured null
// when one never answered again within the run.
void probe_rto(const json& results, const std::string& outage, std::optional<double>& measured, json& critical) {
  double worst = 0;
  bool never = false;  // a service never answered again within the run
  for (const json& s : array_member(member(results, "recovery"), "services")) {
    for (const json& o : array_member(s, "outages")) {
      if (member(o, "outage") != outage || member(o, "affected") != true) continue;
      const json& rto = member(o, "rto_seconds");
      const std::string who = member(s, "name").get<std::string>() + "@" + member(s, "region").get<std::string>();
      if (!rto.is_number()) {
        if (!never) critical = {{"component", who}, {"seconds", nullptr}};
        never = true;
      } else if (!never && rto.get<double>() > worst) {
        worst = rto.get<double>();
        critical = {{"component", who}, {"seconds", worst}};
      }
    }
  }
  measured = never ? std::nullopt : std::optional<double>(worst);
}

// The RPO of a region outage from the data-loss accounting: the component or table with the
// worst one; `table` limits it to one table (a workload's).
void data_loss_rpo(const json& results, const std::string& outage, const std::string& table,
                   std::optional<double>& measured, json& critical, json& per_component) {
  bool accounted = false;
  double worst = 0;
  for (const json& o : array_member(member(results, "data_loss"), "region_outages")) {
    if (member(o, "name") != outage) continue;
    accounted = true;
    for (const json& c : array_member(o, "components")) {
      if (!table.empty() && member(c, "name") != table) continue;
      const double rpo = number(c, "rpo_seconds").value_or(0);
      // Derived data (notebook outputs, vector indexes, shuffle) is made again, not restored:
      // what it costs is recovery time, not a recovery point.
      const std::string practice = member(c, "practice").is_string() ? member(c, "practice").get<std::string>() : "";
      const bool derived = practice == "regenerate" || practice == "rebuild" || practice == "recompute";
      per_component.push_back({{"component", member(c, "component")},
                               {"name", member(c, "name")},
                               {"practice", practice},
                               {"rpo_seconds", rpo},
                               {"lost_writes", member(c, "lost_writes")},
                               {"counted", !derived}});
      if (derived) continue;
      if (critical.is_null() || rpo > worst) critical = {{"component", member(c, "name")}, {"seconds", rpo}};
      worst = std::max(worst, rpo);
    }
  }
  measured = accounted ? std::optional<double>(worst) : std::nullopt;
}

// The targets of one scope against every outage of the run.
void assess_scope(const std::string& scope, const std::string& workload, const std::string& table,
                  const sim::PolicyTargets& targets, const json& results, json& out, std::vector<bool>& exercised) {
  for (const json& o : array_member(results, "outages")) {
    const std::string kind = member(o, "kind").is_string() ? member(o, "kind").get<std::string>() : "";
    const auto disruption = sim::disruption_of(kind);
    if (!disruption) continue;
    const auto& target = targets.of(*disruption);
    if (!target) continue;
    exercised[static_cast<std::size_t>(*disruption)] = true;
    const std::string name = member(o, "name").get<std::string>();
    const std::string type = sim::to_string(*disruption);
    const double start = number(o, "start").value_or(0);
    if (target->rto) {
      std::optional<double> measured = 0.0;
      json critical;
      const char* basis = "service probes";
      const SteppedRecovery found = workload.empty() ? stepped_recovery(results, name) : SteppedRecovery{};
      const json* stepped = found.recovery;
      if (!workload.empty()) {
        // The workload's own recovery: back to full throughput (not listed: it never dipped).
        basis = "throughput recovery";
        measured = 0.0;
        for (const json& t : array_member(results, "throughput_recovery"))
          if (member(t, "outage") == name)
            for (const json& w : array_member(t, "workloads"))
              if (member(w, "workload") == workload && member(w, "dipped") == true)
                measured = number(w, "time_to_full_throughput_seconds");
      } else if (stepped) {
        basis = found.basis;
        measured = number(*stepped, "rto_seconds");
      } else {
        probe_rto(results, name, measured, critical);
      }
      json a = assessment(scope, type, name, "rto", *target->rto, measured, basis);
      if (stepped) name_critical_step(a, step_list(*stepped, start), start);
      if (!critical.is_null()) a["critical_component"] = critical;
      if (stepped && number(*stepped, "observed_rto_seconds"))
        a["observed_by_users_seconds"] = *number(*stepped, "observed_rto_seconds");
      out.push_back(a);
    }
    if (target->rpo) {
      std::optional<double> measured = 0.0;
      json critical;
      json per_component = json::array();
      const char* basis = "nothing lost: a fault of this kind leaves every written copy in place";
      if (*disruption == sim::Disruption::Region) {
        basis = "data loss accounting";
        data_loss_rpo(results, name, table, measured, critical, per_component);
      }
      json a = assessment(scope, type, name, "rpo", *target->rpo, measured, basis);
      if (!critical.is_null()) a["critical_component"] = critical;
      if (!per_component.empty()) a["components"] = per_component;
      out.push_back(a);
    }
  }
  if (targets.availability) {
    double completed = 0, failed = 0;
    for (const json& w : array_member(results, "workloads")) {
      if (!workload.empty() && member(w, "name") != workload) continue;
      completed += number(w, "completed").value_or(0);
      failed += number(w, "failed").value_or(0);
    }
    const double share = completed + failed > 0 ? completed / (completed + failed) : 1.0;
    json a = {{"scope", scope},
              {"measure", "availability"},
              {"target", *targets.availability},
              {"measured", share},
              {"margin", share - *targets.availability},
              {"met", share >= *targets.availability},
              {"basis", "share of requests that succeeded"},
              {"requests", completed + failed}};
    out.push_back(a);
  }
}

}  // namespace

json evaluate_policy(const sim::Scenario& scenario, const json& results) {
  if (!scenario.resilience_policy) return nullptr;
  const sim::ResiliencePolicySpec& policy = *scenario.resilience_policy;
  json assessments = json::array();
  std::vector<bool> exercised(sim::kDisruptionCount, false);
  assess_scope("account", "", "", policy.account, results, assessments, exercised);
  for (const sim::WorkloadPolicy& w : policy.workloads) {
    std::string table;
    for (const sim::WorkloadSpec& spec : scenario.workloads)
      if (spec.name == w.workload) table = spec.table;
    assess_scope("workload " + w.workload, w.workload, table, w.targets, results, assessments, exercised);
  }
  std::size_t met = 0, missed = 0;
  for (const json& a : assessments) (a["met"].get<bool>() ? met : missed) += 1;
  json not_exercised = json::array();
  for (std::size_t d = 0; d < sim::kDisruptionCount; ++d) {
    bool set = policy.account.by_disruption[d].has_value();
    for (const sim::WorkloadPolicy& w : policy.workloads) set = set || w.targets.by_disruption[d].has_value();
    if (set && !exercised[d]) not_exercised.push_back(sim::to_string(static_cast<sim::Disruption>(d)));
  }
  return {{"name", policy.name},
          {"met", missed == 0},
          {"targets_met", met},
          {"targets_missed", missed},
          {"not_exercised", not_exercised},
          {"assessments", assessments}};
}

bool policy_met(const json& policy) { return policy.is_null() || member(policy, "met") == true; }

std::vector<std::string> missed_targets(const json& policy) {
  std::vector<std::string> out;
  char line[512];
  for (const json& a : array_member(policy, "assessments")) {
    if (a["met"].get<bool>()) continue;
    const std::string measure = a["measure"].get<std::string>();
    if (measure == "availability") {
      std::snprintf(line, sizeof line, "%s availability %.5f < %.5f", a["scope"].get<std::string>().c_str(),
                    a["measured"].get<double>(), a["target"].get<double>());
      out.emplace_back(line);
      continue;
    }
    const json& m = a["measured_seconds"];
    const std::string what = m.is_null() ? "not recovered within the run" : sim::format_duration(m.get<double>());
    std::string cause;
    if (a.contains("breaking_step")) {
      const json& s = a["breaking_step"];
      cause = "; broken during the " + s["step"].get<std::string>() + " step (" +
              sim::format_duration(s["seconds"].get<double>()) + ", " +
              (s["source"].is_string() ? s["source"].get<std::string>() : std::string("simulated")) + ")";
    } else if (a.contains("critical_component")) {
      cause = "; worst: " + a["critical_component"]["component"].get<std::string>();
    }
    std::snprintf(line, sizeof line, "%s %s %s of %s: %s against %s%s", a["scope"].get<std::string>().c_str(),
                  a["disruption"].get<std::string>().c_str(), measure == "rto" ? "RTO" : "RPO",
                  a["outage"].get<std::string>().c_str(), what.c_str(),
                  sim::format_duration(a["target_seconds"].get<double>()).c_str(), cause.c_str());
    out.emplace_back(line);
  }
  return out;
}

std::string policy_text(const json& policy) {
  if (!policy.is_object()) return "";
  std::string out;
  char line[512];
  const std::size_t met = member(policy, "targets_met").get<std::size_t>();
  const std::size_t missed = member(policy, "targets_missed").get<std::size_t>();
  std::snprintf(line, sizeof line, "policy %s: %s (%zu of %zu targets met)\n",
                member(policy, "name").get<std::string>().c_str(), missed == 0 ? "met" : "MISSED", met, met + missed);
  out += line;
  for (const std::string& m : missed_targets(policy)) out += "  missed: " + m + "\n";
  if (!member(policy, "not_exercised").empty()) {
    std::string list;
    for (const json& d : array_member(policy, "not_exercised"))
      list += (list.empty() ? "" : ", ") + d.get<std::string>();
    out += "  not exercised by this run's faults: " + list + "\n";
  }
  return out;
}

}  // namespace lakesim::analysis
