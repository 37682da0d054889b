#pragma once
// Built-in figures for Google Cloud (`"provider": "gcp"`): Compute Engine machine types, Cloud
// Storage in place of S3, Google's regions, zones and inter-region latencies, and the start-up
// times of Databricks compute on Google Cloud. Each value's source, or its status as an estimate,
// is in docs/scenario-format.md ("Provider profile: gcp"). The AWS figures stay in scenario/defaults.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace lakesim::sim::gcp_defaults {

// n2-standard-8 (control plane) and n2-highmem-4/8/16 with the local SSDs Databricks attaches.
const std::map<std::string, InstanceType>& instance_types();

// Cloud Storage as the object store: a bucket's initial request rates (about 1,000 object writes
// and 5,000 reads per second) with the ramp-up that doubles them under sustained demand.
S3Spec gcs();
// The ramp-up alone (also what `"ramp_up": true` turns on).
RequestRateRampUp gcs_ramp_up();

LinkSpec intra_zone();
LinkSpec inter_zone();
LinkSpec external();  // Internet to a region
// Regions with built-in latencies, in a fixed order (the order of error messages).
const std::vector<std::string>& regions();
// One-way latency and backbone capacity between two of regions(); nullopt for any other pair.
std::optional<LinkSpec> inter_region(const std::string& a, const std::string& b);
// Compute Engine names zones `<region>-<letter>`, e.g. "us-central1-a".
bool is_zone_of(const std::string& zone, const std::string& region);

inline constexpr const char* kControlPlaneInstanceType = "n2-standard-8";
inline constexpr const char* kSparkInstanceType = "n2-highmem-4";
inline constexpr const char* kSqlWarehouseInstanceType = "n2-highmem-8";
// Serverless compute starts in seconds on either cloud (the serverless figures of scenario/defaults).
inline constexpr double kServerlessSparkStartDelay = 20;
inline constexpr double kServerlessSqlStartDelay = 4;
// Classic compute runs in the customer's project: a cluster takes minutes (a Compute Engine VM
// boots in 25-45 s, then the image and Spark start); an idle pool VM skips the boot.
inline constexpr double kClassicClusterStartDelay = 300;
inline constexpr double kInstancePoolStartDelay = 40;
inline constexpr double kClassicSqlStartDelay = 240;

}  // namespace lakesim::sim::gcp_defaults
