#pragma once
// The typed form of a scenario's `security` and `workspace` sections: the deployment choices of
// the E2 architecture that change how the platform behaves and fails — customer-managed keys,
// IP access lists, personal access tokens, cluster policies, secure cluster connectivity, the
// data path to S3, and where interactive notebook results are kept.
#include <cstdint>
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

struct TokenSpec {
  std::string name;
  double expires = -1;  // seconds; < 0: never
  double revoked = -1;  // seconds; < 0: never
};

struct SecuritySpec {
  // Customer-managed keys (one KMS key per region): managed services (notebooks, workspace
  // files, repos, notebook results in the control plane) and workspace storage (DBFS root,
  // managed tables, Unity Catalog managed storage).
  bool cmk_managed_services = false;
  bool cmk_workspace_storage = false;
  std::vector<Cidr> ip_access_list;       // empty: any address may reach the workspace
  std::vector<std::string> ip_access_text;  // as written, for messages
  std::vector<TokenSpec> tokens;
  int cluster_policy_max_instances = 0;   // 0: no policy
};

enum class S3Path { GatewayEndpoint, NatGateway };
enum class NotebookResults { ControlPlane, CustomerStorage };

struct WorkspaceSpec {
  // Classic compute reaches the control plane through the region's relay (no public IPs).
  bool secure_cluster_connectivity = true;
  S3Path s3_path = S3Path::GatewayEndpoint;  // how classic compute in the customer VPC reaches S3
  NotebookResults notebook_results = NotebookResults::ControlPlane;
};

const char* to_string(S3Path p);
const char* to_string(NotebookResults r);

}  // namespace lakesim::sim
