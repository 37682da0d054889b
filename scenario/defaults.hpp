#pragma once
// Built-in figures for AWS behaviour, used when a scenario does not say otherwise, and the choice
// of a provider profile (AWS, or Google Cloud from sim/gcp_defaults).
// Each value's source is documented in docs/scenario-format.md ("Defaults and their sources").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace lakesim::sim::defaults {

// Instance types every scenario may use without defining them.
const std::map<std::string, InstanceType>& instance_types();

S3Spec s3();
// S3 raising a prefix's request-rate capacity after sustained throttling (`"prefix_scaling"`):
// the behaviour is documented, the pace is not (estimates).
RequestRateRampUp s3_prefix_scaling();
LinkSpec intra_az();
LinkSpec inter_az();
// One-way latency and WAN capacity between two AWS regions, when published figures exist.
std::optional<LinkSpec> inter_region(const std::string& a, const std::string& b);

LinkSpec external();  // Internet to a region

// A `dr` section's values for the keys it leaves out, per strategy. The strategies' ordering
// (cost against recovery time) follows the AWS whitepaper "Disaster Recovery of Workloads on
// AWS"; the health checks are Route 53's (30 s interval, fast 10 s; 3 failures). The decision,
// infrastructure and sync figures are estimates (see docs/scenario-format.md, `dr`).
DrSpec dr_defaults(DrStrategy strategy);

// What a provider profile changes: the built-in figures a scenario's `provider` selects. The AWS
// profile is this file's figures; the GCP one is sim/gcp_defaults.
struct ProviderProfile {
  Provider provider = Provider::Aws;
  const char* name = "";            // as the file writes it: "aws", "gcp"
  const char* object_storage = "";  // the object store's name in messages: "S3", "Cloud Storage"
  const std::map<std::string, InstanceType>* instance_types = nullptr;
  S3Spec storage;
  LinkSpec intra_az;
  LinkSpec inter_az;
  LinkSpec external;
  std::optional<LinkSpec> (*inter_region)(const std::string& a, const std::string& b) = nullptr;
  // Region names checked when the file relies on a built-in latency, and zone names checked
  // against the provider's naming; empty: any name (AWS).
  const std::vector<std::string>* known_regions = nullptr;
  bool (*is_zone_of)(const std::string& zone, const std::string& region) = nullptr;
  const char* control_plane_instance_type = "";
  const char* spark_instance_type = "";
  const char* sql_warehouse_instance_type = "";
  double serverless_spark_start_delay = 0;
  double serverless_sql_start_delay = 0;
  double classic_cluster_start_delay = 0;
  double instance_pool_start_delay = 0;
  double classic_sql_start_delay = 0;
};
const ProviderProfile& profile(Provider provider);

inline constexpr double kServerlessSparkStartDelay = 20;  // serverless jobs cold start 15-25 s
inline constexpr double kServerlessSqlStartDelay = 4;     // serverless SQL warehouse 2-6 s
// Classic compute in the customer's VPC: a cluster without a pool starts in 3-8 minutes (EC2
// launch, image, Spark); from an instance pool's idle VMs in under 40 s; a pro or classic SQL
// warehouse in about 4 minutes (domain numbers 4).
inline constexpr double kClassicClusterStartDelay = 300;
inline constexpr double kInstancePoolStartDelay = 40;
inline constexpr double kClassicSqlStartDelay = 240;
inline constexpr int kSqlClusterSize = 2;  // X-Small warehouse: 2 workers
inline constexpr int kControlPlaneHostsPerAz = 2;
inline constexpr const char* kControlPlaneInstanceType = "m5.2xlarge";
inline constexpr const char* kSparkInstanceType = "i3.xlarge";
inline constexpr const char* kSqlWarehouseInstanceType = "i3.2xlarge";
inline constexpr double kDuration = 3600.0;
inline constexpr std::uint64_t kSeed = 1;

}  // namespace lakesim::sim::defaults
