#include "analysis/security_report.hpp"

#include <map>

namespace lakesim::analysis {

namespace {

nlohmann::json counts(const models::ControlCount& c) {
  return {{"checked", c.checked}, {"refused", c.refused}, {"admitted", c.checked - c.refused}};
}

models::ControlCount& operator+=(models::ControlCount& a, const models::ControlCount& b) {
  a.checked += b.checked;
  a.refused += b.refused;
  return a;
}

bool zero(const sim::Distribution& d) { return d.kind == sim::Distribution::Kind::Fixed && d.mean == 0; }

// Whether the workload's principal lacks a grant its requests need on its table, from the
// scenario alone: reading needs `read` when a stage reads (or a trace replays), writing needs
// `write` when a job or stream writes.
bool over_privileged(const sim::Scenario& s, const sim::WorkloadSpec& spec) {
  if (spec.principal.empty() || spec.table.empty()) return false;
  bool reads = spec.trace.has_value(), writes = false;
  for (const sim::StageSpec& st : spec.stages) {
    reads = reads || !zero(st.read_bytes);
    writes = writes || !zero(st.write_bytes);
  }
  writes = writes && (spec.cls == sim::WorkloadClass::Job || spec.cls == sim::WorkloadClass::Streaming);
  const auto grant = s.security.grants.find(spec.principal);
  auto listed = [&](const std::vector<std::string>& tables) {
    for (const std::string& t : tables)
      if (t == spec.table) return true;
    return false;
  };
  const bool may_read = grant != s.security.grants.end() && listed(grant->second.read);
  const bool may_write = grant != s.security.grants.end() && listed(grant->second.write);
  return (reads && !may_read) || (writes && !may_write);
}

// The control that must refuse a request of `spec` arriving at `t`, or null when the
// configuration lets it through; decided from the scenario alone, not from what the access
// controls did.
const char* forbidding_control(const sim::Scenario& s, const sim::WorkloadSpec& spec, double t) {
  const sim::SecuritySpec& security = s.security_for(spec);
  // Without an address of its own a workload is inside the customer's network.
  const auto parsed = spec.source_ip.empty() ? std::nullopt : sim::parse_ipv4(spec.source_ip);
  const bool has_ip = parsed.has_value();
  const std::uint32_t ip = parsed.value_or(0);
  const sim::PrivateLinkSpec& link = s.workspace.private_link;
  if (link.front_end && !link.public_access && has_ip && !sim::is_private_ipv4(ip)) return "public_access";
  if (!security.ip_access_list.empty() && has_ip) {
    bool listed = false;
    for (const sim::Cidr& c : security.ip_access_list) listed = listed || c.contains(ip);
    if (!listed) return "ip_access_list";
  }
  const bool api = spec.cls != sim::WorkloadClass::Sql && spec.cls != sim::WorkloadClass::Notebook;
  if (api && !spec.token.empty())
    for (const sim::TokenSpec& token : security.tokens)
      if (token.name == spec.token &&
          ((token.expires >= 0 && t >= token.expires) || (token.revoked >= 0 && t >= token.revoked)))
        return "tokens";
  if (security.cluster_policy_max_instances > 0 && spec.cls != sim::WorkloadClass::Sql &&
      spec.instances > security.cluster_policy_max_instances && !spec.trace)
    return "cluster_policy";
  if (s.security.s3_access != sim::S3Access::InstanceProfile && over_privileged(s, spec)) return "s3_access";
  return nullptr;
}

}  // namespace

nlohmann::json security_report(const models::Deployment& deployment, const models::RunRecord& record) {
  const sim::Scenario& s = deployment.scenario();
  // Every workspace's controls, summed; listed workspaces also one by one.
  models::ControlCount public_access, ip, tokens, policy;
  nlohmann::json per_workspace = nlohmann::json::array();
  for (const auto& [name, access] : deployment.access_controls()) {
    public_access += access->public_access();
    ip += access->ip_access_list();
    tokens += access->tokens();
    policy += access->cluster_policy();
    if (name.empty()) continue;
    per_workspace.push_back({{"name", name},
                             {"public_access", counts(access->public_access())},
                             {"ip_access_list", counts(access->ip_access_list())},
                             {"tokens", counts(access->tokens())},
                             {"cluster_policy", counts(access->cluster_policy())}});
  }
  nlohmann::json out;
  out["ip_access_list"] = counts(ip);
  out["ip_access_list"]["networks"] = s.security.ip_access_text;
  out["tokens"] = counts(tokens);
  out["cluster_policy"] = counts(policy);
  out["cluster_policy"]["max_instances"] =
      s.security.cluster_policy_max_instances > 0 ? nlohmann::json(s.security.cluster_policy_max_instances) : nullptr;
  const sim::PrivateLinkSpec& link = s.workspace.private_link;
  out["public_access"] = counts(public_access);
  out["public_access"]["enabled"] = link.public_access;
  const models::DataAccessCount& data = deployment.data_access().counts();
  out["s3_access"] = {{"mode", sim::to_string(s.security.s3_access)},
                      {"checked", data.checked},
                      {"refused", data.refused},
                      {"admitted", data.checked - data.refused},
                      {"over_privileged_admitted", data.over_privileged_admitted}};
  if (!per_workspace.empty()) out["workspaces"] = per_workspace;

  nlohmann::json stopped = nlohmann::json::array();
  for (const models::DeployedComponent* c : deployment.components()) {
    const std::uint64_t refused = c->failures(models::FailureCause::KeyUnavailable);
    if (refused > 0) stopped.push_back({{"component", c->label()}, {"key_refusals", refused}});
  }
  out["customer_managed_keys"] = {{"managed_services", s.security.cmk_managed_services},
                                  {"workspace_storage", s.security.cmk_workspace_storage},
                                  {"stopped_components", stopped}};
  out["workspace"] = {
      {"secure_cluster_connectivity", s.workspace.secure_cluster_connectivity},
      {"s3_path", sim::to_string(s.workspace.s3_path)},
      {"notebook_results", sim::to_string(s.workspace.notebook_results)},
      {"private_link",
       {{"front_end", link.front_end}, {"back_end", link.back_end}, {"public_access", link.public_access}}}};

  // Requests that completed although the configuration forbids them: must stay 0. A streaming
  // batch goes through the edge only when its stream (re)starts, so streams are checked per start.
  // Over-privileged requests under an instance profile are not forbidden: they are counted as
  // admitted where the configuration allows.
  std::uint64_t forbidden_attempts = 0, admitted = 0, over_attempts = 0, over_admitted = 0;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> by_control;
  for (const models::RequestOutcome& o : record.outcomes()) {
    const sim::WorkloadSpec& spec = *record.workloads().at(o.workload);
    if (spec.cls == sim::WorkloadClass::Streaming) continue;
    if (over_privileged(s, spec)) {
      ++over_attempts;
      if (o.ok) ++over_admitted;
    }
    const char* control = forbidding_control(s, spec, o.arrival);
    if (!control) continue;
    ++forbidden_attempts;
    ++by_control[control].first;
    if (o.ok) {
      ++admitted;
      ++by_control[control].second;
    }
  }
  out["over_privileged"] = {{"attempts", over_attempts},
                            {"completed", over_admitted},
                            {"forbidden", s.security.s3_access != sim::S3Access::InstanceProfile},
                            {"note", s.security.s3_access == sim::S3Access::InstanceProfile
                                         ? "admitted where the configuration allows (instance profile)"
                                         : "refused: the principal has no grant on the table"}};
  nlohmann::json controls = nlohmann::json::object();
  for (const auto& [control, n] : by_control) controls[control] = {{"attempts", n.first}, {"admitted", n.second}};
  out["forbidden_by_control"] = controls;
  out["forbidden_attempts"] = forbidden_attempts;
  out["forbidden_admitted"] = admitted;
  return out;
}

}  // namespace lakesim::analysis
