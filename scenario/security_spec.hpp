#pragma once
// The typed form of a scenario's `security` and `workspace` sections: the deployment choices of
// the E2 architecture that change how the platform behaves and fails — customer-managed keys,
// IP access lists, personal access tokens, cluster policies, secure cluster connectivity, the
// data path to S3, and where interactive notebook results are kept.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lakesim::sim {

// An IPv4 network in CIDR notation.
struct Cidr {
  std::uint32_t address = 0;
  int prefix = 0;
  bool contains(std::uint32_t ip) const;
};
std::optional<std::uint32_t> parse_ipv4(const std::string& text);
std::optional<Cidr> parse_cidr(const std::string& text);
// RFC 1918 private networks (10/8, 172.16/12, 192.168/16): addresses that reach a workspace from
// the customer's own network rather than the Internet.
bool is_private_ipv4(std::uint32_t ip);

struct TokenSpec {
  std::string name;
  double expires = -1;  // seconds; < 0: never
  double revoked = -1;  // seconds; < 0: never
};

// How compute is allowed to reach table data in S3: with the cluster's IAM role (every bucket the
// role is attached to), with the user's own IAM identity, or by Unity Catalog grants.
enum class S3Access { InstanceProfile, CredentialPassthrough, UnityCatalog };

// What one principal may do with tables (names from `tables`).
struct TableGrant {
  std::vector<std::string> read;
  std::vector<std::string> write;
  bool may_read(const std::string& table) const;
  bool may_write(const std::string& table) const;
};

struct SecuritySpec {
  // Customer-managed keys (one KMS key per region): managed services (notebooks, workspace
  // files, repos, notebook results in the control plane) and workspace storage (DBFS root,
  // managed tables, Unity Catalog managed storage).
  bool cmk_managed_services = false;
  bool cmk_workspace_storage = false;
  std::vector<Cidr> ip_access_list;         // empty: any address may reach the workspace
  std::vector<std::string> ip_access_text;  // as written, for messages
  std::vector<TokenSpec> tokens;
  int cluster_policy_max_instances = 0;  // 0: no policy
  S3Access s3_access = S3Access::InstanceProfile;
  std::map<std::string, TableGrant> grants;  // by principal
};

enum class S3Path { GatewayEndpoint, NatGateway };
enum class NotebookResults { ControlPlane, CustomerStorage };

// AWS PrivateLink for the workspace: the front-end endpoint (users to the web application and
// REST APIs), the back-end endpoints (classic compute to the control plane and relay), and
// whether the workspace still answers on its public address.
struct PrivateLinkSpec {
  bool front_end = false;
  bool back_end = false;
  bool public_access = true;
};

struct WorkspaceSpec {
  // Classic compute reaches the control plane through the region's relay (no public IPs).
  bool secure_cluster_connectivity = true;
  S3Path s3_path = S3Path::GatewayEndpoint;  // how classic compute in the customer VPC reaches S3
  NotebookResults notebook_results = NotebookResults::ControlPlane;
  PrivateLinkSpec private_link;
};

const char* to_string(S3Path p);
const char* to_string(NotebookResults r);
const char* to_string(S3Access a);

}  // namespace lakesim::sim
