#include "scenario/security_reader.hpp"

#include <algorithm>
#include <set>

#include "scenario/json_source.hpp"

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

bool Cidr::contains(std::uint32_t ip) const {
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return (ip & mask) == (address & mask);
}

std::optional<std::uint32_t> parse_ipv4(const std::string& text) {
  std::uint32_t ip = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
    unsigned value = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
      ++i;
      ++digits;
    }
    if (value > 255 || digits > 3) return std::nullopt;
    ip = ip << 8 | value;
    if (++parts < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return ip;
}

std::optional<Cidr> parse_cidr(const std::string& text) {
  const auto slash = text.find('/');
  const auto ip = parse_ipv4(text.substr(0, slash));
  if (!ip) return std::nullopt;
  Cidr c{*ip, 32};
  if (slash == std::string::npos) return c;
  const std::string bits = text.substr(slash + 1);
  if (bits.empty() || bits.size() > 2 || bits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  c.prefix = std::stoi(bits);
  if (c.prefix > 32) return std::nullopt;
  return c;
}

const char* to_string(S3Path p) { return p == S3Path::GatewayEndpoint ? "gateway_endpoint" : "nat_gateway"; }
const char* to_string(NotebookResults r) {
  return r == NotebookResults::ControlPlane ? "control_plane" : "customer_storage";
}

const char* to_string(S3Access a) {
  switch (a) {
    case S3Access::InstanceProfile: return "instance_profile";
    case S3Access::CredentialPassthrough: return "credential_passthrough";
    case S3Access::UnityCatalog: return "unity_catalog";
  }
  return "?";
}

bool is_private_ipv4(std::uint32_t ip) {
  static const Cidr kPrivate[] = {{10u << 24, 8}, {(172u << 24) | (16u << 16), 12}, {(192u << 24) | (168u << 16), 16}};
  for (const Cidr& c : kPrivate)
    if (c.contains(ip)) return true;
  return false;
}

bool TableGrant::may_read(const std::string& table) const {
  return std::find(read.begin(), read.end(), table) != read.end();
}
bool TableGrant::may_write(const std::string& table) const {
  return std::find(write.begin(), write.end(), table) != write.end();
}

void read_access_controls(const json& sec, const std::string& at, FieldReader& in, SecuritySpec& spec) {
  if (auto list = in.names(sec, at, "ip_access_list", Need::Optional)) {
    spec.ip_access_list.clear();
    spec.ip_access_text.clear();
    if (list->empty())
      in.error(at + "/ip_access_list", "empty list", "at least one address or network, or no key for no list");
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (auto c = parse_cidr((*list)[i])) {
        spec.ip_access_list.push_back(*c);
        spec.ip_access_text.push_back((*list)[i]);
      } else {
        in.error(at + "/ip_access_list/" + std::to_string(i),
                 "\"" + (*list)[i] + "\" is not an IPv4 address or network",
                 "a.b.c.d or a.b.c.d/n with n from 0 to 32");
      }
    }
  }
  if (sec.contains("tokens") && in.array(sec["tokens"], at + "/tokens")) {
    spec.tokens.clear();
    std::set<std::string> names;
    const json& tokens = sec["tokens"];
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string t_at = at + "/tokens/" + std::to_string(i);
      if (!in.object(tokens[i], t_at, {"name", "expires", "revoked"})) continue;
      TokenSpec t;
      t.name = in.string(tokens[i], t_at, "name", Need::Required).value_or("");
      if (!t.name.empty() && !names.insert(t.name).second)
        in.error(t_at + "/name", "duplicate token name \"" + t.name + "\"", "each name once");
      t.expires = in.duration(tokens[i], t_at, "expires", Need::Optional, Zero::Allowed).value_or(-1);
      t.revoked = in.duration(tokens[i], t_at, "revoked", Need::Optional, Zero::Allowed).value_or(-1);
      spec.tokens.push_back(t);
    }
  }
  if (sec.contains("cluster_policy")) {
    const std::string p_at = at + "/cluster_policy";
    if (in.object(sec["cluster_policy"], p_at, {"max_instances"}))
      spec.cluster_policy_max_instances = static_cast<int>(
          in.integer(sec["cluster_policy"], p_at, "max_instances", Need::Required, 1, 10000000).value_or(0));
  }
}

namespace {

// `grants`: principal -> {"read": [tables], "write": [tables]}. Table names are checked against
// `tables` once those are read (check_grant_tables).
void read_grants(const json& sec, const std::string& at, FieldReader& in, SecuritySpec& spec) {
  if (!sec.contains("grants")) return;
  const std::string g_at = at + "/grants";
  const json& grants = sec["grants"];
  if (!grants.is_object()) {
    in.error(g_at, std::string("a ") + grants.type_name() + " where grants belong",
             "an object: principal -> {\"read\": [tables], \"write\": [tables]}");
    return;
  }
  for (const auto& [principal, g] : grants.items()) {
    const std::string p_at = pointer_append(g_at, principal);
    if (principal.empty()) in.error(p_at, "empty principal name", "a user or service principal name");
    if (!in.object(g, p_at, {"read", "write"})) continue;
    TableGrant grant;
    grant.read = in.names(g, p_at, "read", Need::Optional).value_or(std::vector<std::string>{});
    grant.write = in.names(g, p_at, "write", Need::Optional).value_or(std::vector<std::string>{});
    spec.grants[principal] = grant;
  }
}

}  // namespace

void read_security(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("security")) return;
  const json& sec = root["security"];
  const std::string at = "/security";
  if (!in.object(sec, at, {"cmk", "ip_access_list", "tokens", "cluster_policy", "s3_access", "grants"})) return;
  SecuritySpec spec;
  if (sec.contains("cmk")) {
    const std::string cmk_at = at + "/cmk";
    if (in.object(sec["cmk"], cmk_at, {"managed_services", "workspace_storage"})) {
      spec.cmk_managed_services = in.boolean(sec["cmk"], cmk_at, "managed_services", Need::Optional).value_or(false);
      spec.cmk_workspace_storage = in.boolean(sec["cmk"], cmk_at, "workspace_storage", Need::Optional).value_or(false);
    }
  }
  read_access_controls(sec, at, in, spec);
  if (auto mode = in.keyword(sec, at, "s3_access", Need::Optional,
                             {"instance_profile", "credential_passthrough", "unity_catalog"}, "S3 access mode"))
    spec.s3_access = static_cast<S3Access>(*mode);
  read_grants(sec, at, in, spec);
  s.security = spec;
}

void check_grant_tables(const Scenario& s, FieldReader& in) {
  std::vector<std::string> tables;
  for (const TableSpec& t : s.tables) tables.push_back(t.name);
  for (const auto& [principal, grant] : s.security.grants) {
    const std::string p_at = pointer_append("/security/grants", principal);
    for (const auto* list : {&grant.read, &grant.write}) {
      const std::string l_at = p_at + (list == &grant.read ? "/read/" : "/write/");
      for (std::size_t i = 0; i < list->size(); ++i) in.known(l_at + std::to_string(i), "table", (*list)[i], tables);
    }
  }
}

void read_workspace(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("workspace")) return;
  const json& ws = root["workspace"];
  const std::string at = "/workspace";
  if (!in.object(ws, at, {"secure_cluster_connectivity", "s3_path", "notebook_results", "private_link"})) return;
  WorkspaceSpec spec;
  spec.secure_cluster_connectivity = in.boolean(ws, at, "secure_cluster_connectivity", Need::Optional).value_or(true);
  if (auto path = in.keyword(ws, at, "s3_path", Need::Optional, {"gateway_endpoint", "nat_gateway"}, "S3 path"))
    spec.s3_path = static_cast<S3Path>(*path);
  if (auto where =
          in.keyword(ws, at, "notebook_results", Need::Optional, {"control_plane", "customer_storage"}, "place"))
    spec.notebook_results = static_cast<NotebookResults>(*where);
  if (ws.contains("private_link")) {
    const std::string pl_at = at + "/private_link";
    const json& pl = ws["private_link"];
    if (in.object(pl, pl_at, {"front_end", "back_end", "public_access"})) {
      PrivateLinkSpec& p = spec.private_link;
      p.front_end = in.boolean(pl, pl_at, "front_end", Need::Optional).value_or(false);
      p.back_end = in.boolean(pl, pl_at, "back_end", Need::Optional).value_or(false);
      p.public_access = in.boolean(pl, pl_at, "public_access", Need::Optional).value_or(true);
      // Without a front-end endpoint the public address is the only way in.
      if (!p.public_access && !p.front_end)
        in.error(pl_at + "/public_access",
                 "public access disabled without a front-end endpoint: nobody could reach the workspace",
                 "\"front_end\": true, or \"public_access\": true");
      // Back-end PrivateLink carries the secure cluster connectivity relay's traffic.
      if (p.back_end && !spec.secure_cluster_connectivity)
        in.error(pl_at + "/back_end", "back-end PrivateLink needs secure cluster connectivity",
                 "\"secure_cluster_connectivity\": true, or \"back_end\": false");
    }
  }
  s.workspace = spec;
}

}  // namespace lakesim::sim
