#include "analysis/security_report.hpp"

namespace lakesim::analysis {

namespace {

nlohmann::json counts(const models::ControlCount& c) {
  return {{"checked", c.checked}, {"refused", c.refused}, {"admitted", c.checked - c.refused}};
}

// Whether the configuration forbids a request of `spec` arriving at `t` at the workspace edge;
// decided from the scenario alone, not from what the access controls did.
bool forbidden(const sim::Scenario& s, const sim::WorkloadSpec& spec, double t) {
  if (!s.security.ip_access_list.empty() && !spec.source_ip.empty()) {
    const auto ip = sim::parse_ipv4(spec.source_ip);
    bool listed = false;
    for (const sim::Cidr& c : s.security.ip_access_list) listed = listed || (ip && c.contains(*ip));
    if (!listed) return true;
  }
  const bool api = spec.cls != sim::WorkloadClass::Sql && spec.cls != sim::WorkloadClass::Notebook;
  if (api && !spec.token.empty())
    for (const sim::TokenSpec& token : s.security.tokens)
      if (token.name == spec.token &&
          ((token.expires >= 0 && t >= token.expires) || (token.revoked >= 0 && t >= token.revoked)))
        return true;
  return false;
}

}  // namespace

nlohmann::json security_report(const models::Deployment& deployment, const models::RunRecord& record) {
  const sim::Scenario& s = deployment.scenario();
  const models::AccessControl& access = deployment.access();
  nlohmann::json out;
  out["ip_access_list"] = counts(access.ip_access_list());
  out["ip_access_list"]["networks"] = s.security.ip_access_text;
  out["tokens"] = counts(access.tokens());
  out["cluster_policy"] = counts(access.cluster_policy());
  out["cluster_policy"]["max_instances"] =
      s.security.cluster_policy_max_instances > 0 ? nlohmann::json(s.security.cluster_policy_max_instances) : nullptr;

  nlohmann::json stopped = nlohmann::json::array();
  for (const models::DeployedComponent* c : deployment.components()) {
    const std::uint64_t refused = c->failures(models::FailureCause::KeyUnavailable);
    if (refused > 0) stopped.push_back({{"component", c->label()}, {"key_refusals", refused}});
  }
  out["customer_managed_keys"] = {{"managed_services", s.security.cmk_managed_services},
                                  {"workspace_storage", s.security.cmk_workspace_storage},
                                  {"stopped_components", stopped}};
  out["workspace"] = {{"secure_cluster_connectivity", s.workspace.secure_cluster_connectivity},
                      {"s3_path", sim::to_string(s.workspace.s3_path)},
                      {"notebook_results", sim::to_string(s.workspace.notebook_results)}};

  // Requests that completed although the edge had to refuse them: must stay 0. A streaming
  // batch goes through the edge only when its stream (re)starts, so streams are checked per start.
  std::uint64_t forbidden_attempts = 0, admitted = 0;
  for (const models::RequestOutcome& o : record.outcomes()) {
    const sim::WorkloadSpec& spec = *record.workloads().at(o.workload);
    if (spec.cls == sim::WorkloadClass::Streaming || !forbidden(s, spec, o.arrival)) continue;
    ++forbidden_attempts;
    if (o.ok) ++admitted;
  }
  out["forbidden_attempts"] = forbidden_attempts;
  out["forbidden_admitted"] = admitted;
  return out;
}

}  // namespace lakesim::analysis
