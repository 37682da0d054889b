#include "sim/security_reader.hpp"

#include <set>

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

void read_security(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("security")) return;
  const json& sec = root["security"];
  const std::string at = "/security";
  if (!in.object(sec, at, {"cmk", "ip_access_list", "tokens", "cluster_policy"})) return;
  SecuritySpec spec;
  if (sec.contains("cmk")) {
    const std::string cmk_at = at + "/cmk";
    if (in.object(sec["cmk"], cmk_at, {"managed_services", "workspace_storage"})) {
      spec.cmk_managed_services = in.boolean(sec["cmk"], cmk_at, "managed_services", Need::Optional).value_or(false);
      spec.cmk_workspace_storage = in.boolean(sec["cmk"], cmk_at, "workspace_storage", Need::Optional).value_or(false);
    }
  }
  if (auto list = in.names(sec, at, "ip_access_list", Need::Optional)) {
    if (list->empty())
      in.error(at + "/ip_access_list", "empty list", "at least one address or network, or no key for no list");
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (auto c = parse_cidr((*list)[i])) {
        spec.ip_access_list.push_back(*c);
        spec.ip_access_text.push_back((*list)[i]);
      } else {
        in.error(at + "/ip_access_list/" + std::to_string(i), "\"" + (*list)[i] + "\" is not an IPv4 address or network",
                 "a.b.c.d or a.b.c.d/n with n from 0 to 32");
      }
    }
  }
  if (sec.contains("tokens") && in.array(sec["tokens"], at + "/tokens")) {
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
      spec.cluster_policy_max_instances =
          static_cast<int>(in.integer(sec["cluster_policy"], p_at, "max_instances", Need::Required, 1, 10000000).value_or(0));
  }
  s.security = spec;
}

void read_workspace(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("workspace")) return;
  const json& ws = root["workspace"];
  const std::string at = "/workspace";
  if (!in.object(ws, at, {"secure_cluster_connectivity", "s3_path", "notebook_results"})) return;
  WorkspaceSpec spec;
  spec.secure_cluster_connectivity = in.boolean(ws, at, "secure_cluster_connectivity", Need::Optional).value_or(true);
  if (auto path = in.keyword(ws, at, "s3_path", Need::Optional, {"gateway_endpoint", "nat_gateway"}, "S3 path"))
    spec.s3_path = static_cast<S3Path>(*path);
  if (auto where =
          in.keyword(ws, at, "notebook_results", Need::Optional, {"control_plane", "customer_storage"}, "place"))
    spec.notebook_results = static_cast<NotebookResults>(*where);
  s.workspace = spec;
}

}  // namespace lakesim::sim
