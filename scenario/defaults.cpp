#include "scenario/defaults.hpp"

#include <utility>

#include "scenario/gcp_defaults.hpp"

namespace lakesim::sim::defaults {
namespace {
constexpr double GiB = 1073741824.0;
constexpr double GB = 1e9;
constexpr double MB = 1e6;
constexpr double Gbps = 1e9 / 8;
constexpr double kReferenceCore = 1e9;  // workloads are written in core-seconds of a 1 Gf core

InstanceType make(const char* name, int cores, double memory, double network, std::optional<DiskSpec> disk,
                  double price) {
  InstanceType t;
  t.name = name;
  t.cores = cores;
  t.core_speed = kReferenceCore;
  t.memory = memory;
  t.network_bandwidth = network;
  t.disk = disk;
  t.price_per_hour = price;
  return t;
}
}  // namespace

const std::map<std::string, InstanceType>& instance_types() {
  // NVMe bandwidths are 4 KiB IOPS x 4 KiB from the EC2 user guide (a floor for sequential I/O);
  // network is the sustained baseline, not the "up to" burst figure.
  static const std::map<std::string, InstanceType> table = [] {
    std::map<std::string, InstanceType> t;
    for (InstanceType it : {
             make("m5.xlarge", 4, 16 * GiB, 1.25 * Gbps, std::nullopt, 0.192),
             make("m5.2xlarge", 8, 32 * GiB, 2.5 * Gbps, std::nullopt, 0.384),
             make("m5d.2xlarge", 8, 32 * GiB, 2.5 * Gbps, DiskSpec{480 * MB, 233 * MB, 300 * GB}, 0.452),
             make("r5d.2xlarge", 8, 64 * GiB, 2.5 * Gbps, DiskSpec{480 * MB, 233 * MB, 300 * GB}, 0.576),
             make("i3.xlarge", 4, 30.5 * GiB, 1.25 * Gbps, DiskSpec{845 * MB, 287 * MB, 950 * GB}, 0.312),
             make("i3.2xlarge", 8, 61 * GiB, 2.5 * Gbps, DiskSpec{1690 * MB, 737 * MB, 1900 * GB}, 0.624),
             make("i3.4xlarge", 16, 122 * GiB, 5 * Gbps, DiskSpec{3380 * MB, 1475 * MB, 3800 * GB}, 1.248),
             make("i3.8xlarge", 32, 244 * GiB, 10 * Gbps, DiskSpec{6760 * MB, 2950 * MB, 7600 * GB}, 2.496),
             make("i3.16xlarge", 64, 488 * GiB, 25 * Gbps, DiskSpec{13520 * MB, 5900 * MB, 15200 * GB}, 4.992),
         })
      t.emplace(it.name, it);
    return t;
  }();
  return table;
}

S3Spec s3() {
  S3Spec s;
  s.first_byte_latency = 0.030;          // "tens of milliseconds" median for small objects
  s.per_connection_bandwidth = 85 * MB;  // 85-90 MB/s per connection
  s.read_rate = 5500;                    // GET/HEAD per second per prefix
  s.write_rate = 3500;                   // PUT/COPY/POST/DELETE per second per prefix
  s.bandwidth = 800 * Gbps;              // regional front-end capacity (estimate)
  return s;
}

RequestRateRampUp s3_prefix_scaling() {
  RequestRateRampUp r;
  r.doubling_period = 5 * 60;  // estimate: S3 "scales" a hot prefix over minutes
  r.demand_threshold = 1;      // S3 partitions for load it has to refuse: demand at or over the cap
  r.max_factor = 16;           // estimate: a prefix's capacity at most 16 times the published rate
  r.sample = 60;               // estimate: demand measured per minute
  r.decay_period = 24 * 3600;  // estimate: the capacity is kept for a day without load
  return r;
}

LinkSpec external() { return {0.015, 10 * Gbps}; }  // users and SaaS providers near the region

LinkSpec intra_az() { return {100e-6, 100 * Gbps}; }  // RTT 0.2-0.4 ms inside an AZ
LinkSpec inter_az() { return {500e-6, 100 * Gbps}; }  // RTT about 1 ms between AZs

DrSpec dr_defaults(DrStrategy strategy) {
  constexpr double s = 1, min = 60, h = 3600;
  DrSpec d;
  d.strategy = strategy;
  // Route 53 health checks: request interval 30 s (standard) or 10 s (fast), failure threshold 3
  // (Route 53 Developer Guide, "Values that you specify when you create or update health checks").
  d.health_check_interval = 30 * s;
  d.failure_threshold = 3;
  // Each checker must connect within 4 s and get a status within 2 s more; the endpoint is
  // healthy while more than 18% of the checkers say so (same guide, "How Amazon Route 53
  // determines whether a health check is healthy"). Route 53 uses checkers in several regions;
  // the platform has fewer vantage points, so 4 checkers is an estimate.
  d.health_check_timeout = 6 * s;
  d.unhealthy_share = 0.82;
  d.health_checkers = 4;
  d.dns_ttl = 60 * s;  // a common TTL for failover records (estimate)
  // JVMs cache 30 s by default and forever under a security manager; JDBC/ODBC drivers and pools
  // keep their address until reconnecting (Java networking properties). The share and the
  // reconnect time are estimates.
  d.dns_long_cache_share = 0.1;
  d.dns_long_cache = 15 * min;
  d.restore_connections = 64;
  d.failback_delay = 30 * min;  // estimate
  d.siem = true;
  d.rebuild_vector_index = true;
  // The IaC run: Terraform applies 10 operations at a time by default (Terraform CLI, "apply
  // -parallelism"); the API rate, the per-object call time and a workspace's provisioning time
  // are estimates (a Terraform re-creation of a workspace and its objects takes 10-30 minutes,
  // unsourced).
  d.infrastructure = -1;
  d.iac_parallelism = 10;
  d.iac_api_rate = 10;
  d.iac_call_latency = 1 * s;
  d.iac_workspace_provisioning = 5 * min;
  d.standby_share = -1;  // the readiness's
  d.secondary_free_instances = -1;
  d.capacity_wait = 0;
  // From here on estimates, ordered as in "Disaster Recovery of Workloads on AWS": backup and
  // restore (hours), pilot light (tens of minutes), warm standby (minutes), multi-site
  // active/active (near zero). Decision: people agreeing to fail over; infrastructure: the IaC run.
  auto sync = [](double every, double startup) {
    PeriodicSyncSpec p;
    p.enabled = true;
    p.every = every;
    p.startup = startup;
    return p;
  };
  switch (strategy) {
    case DrStrategy::None: break;  // no failover: zero steps, cold compute, no syncs
    case DrStrategy::BackupRestore:
      d.decision = 1 * h;
      d.restore = true;
      d.deep_clone = d.metadata_export = d.git_sync = sync(4 * h, 2 * min);
      break;
    case DrStrategy::PilotLight:
      d.decision = 15 * min;
      d.deep_clone = sync(30 * min, 30 * s);
      d.metadata_export = sync(30 * min, 30 * s);
      d.git_sync = sync(15 * min, 30 * s);
      break;
    case DrStrategy::WarmStandby:
      d.decision = 5 * min;
      d.compute = ComputeReadiness::Warm;
      d.deep_clone = d.metadata_export = d.git_sync = sync(5 * min, 30 * s);
      break;
    case DrStrategy::ActiveActive:
      d.health_check_interval = 10 * s;  // Route 53 fast health checks
      d.compute = ComputeReadiness::Hot;
      d.deep_clone = d.metadata_export = d.git_sync = sync(1 * min, 10 * s);
      break;
    case DrStrategy::HotStandby:
      // AWS Resilience Hub's HOT_STANDBY: a full-size secondary running but not serving. Its
      // compute is active/active's; the decision (2 min, often automated) and the sync period
      // (2 min) sit between warm standby's and active/active's (estimates).
      d.decision = 2 * min;
      d.compute = ComputeReadiness::Hot;
      d.deep_clone = d.metadata_export = d.git_sync = sync(2 * min, 20 * s);
      break;
    case DrStrategy::Managed:
      // Databricks Managed Disaster Recovery: the platform replicates Unity Catalog metadata,
      // managed tables and workspace assets continuously (dr.managed), so nothing is deep-cloned
      // and no IaC run re-creates the workspace; the failover is operator-triggered (decision
      // 5 min, estimate) and the secondary's compute starts on demand (cold). What Managed DR does
      // not cover (lineage, model registry, monitoring and vector search metadata, feature
      // definitions, Git folders) keeps warm standby's do-it-yourself schedules (estimates).
      d.decision = 5 * min;
      d.metadata_export = d.git_sync = sync(5 * min, 30 * s);
      break;
  }
  return d;
}

std::optional<LinkSpec> inter_region(const std::string& a, const std::string& b) {
  // One-way latency = half the published average RTT.
  static const std::map<std::pair<std::string, std::string>, double> rtt = {
      {{"us-east-1", "us-west-2"}, 0.087},      {{"us-east-1", "eu-west-1"}, 0.0805},
      {{"us-east-1", "us-west-1"}, 0.0727},     {{"us-west-1", "us-west-2"}, 0.0195},
      {{"eu-west-1", "eu-central-1"}, 0.0196},  {{"us-east-1", "eu-central-1"}, 0.0887},
      {{"us-east-1", "ap-northeast-1"}, 0.145},
  };
  auto it = rtt.find({a, b});
  if (it == rtt.end()) it = rtt.find({b, a});
  if (it == rtt.end()) return std::nullopt;
  return LinkSpec{it->second / 2, 100 * Gbps};
}

const ProviderProfile& profile(Provider provider) {
  static const ProviderProfile aws = [] {
    ProviderProfile p;
    p.provider = Provider::Aws;
    p.name = "aws";
    p.object_storage = "S3";
    p.instance_types = &instance_types();
    p.storage = s3();
    p.intra_az = intra_az();
    p.inter_az = inter_az();
    p.external = external();
    p.inter_region = &inter_region;
    p.control_plane_instance_type = kControlPlaneInstanceType;
    p.spark_instance_type = kSparkInstanceType;
    p.sql_warehouse_instance_type = kSqlWarehouseInstanceType;
    p.serverless_spark_start_delay = kServerlessSparkStartDelay;
    p.serverless_sql_start_delay = kServerlessSqlStartDelay;
    p.classic_cluster_start_delay = kClassicClusterStartDelay;
    p.instance_pool_start_delay = kInstancePoolStartDelay;
    p.classic_sql_start_delay = kClassicSqlStartDelay;
    return p;
  }();
  static const ProviderProfile gcp = [] {
    namespace g = gcp_defaults;
    ProviderProfile p;
    p.provider = Provider::Gcp;
    p.name = "gcp";
    p.object_storage = "Cloud Storage";
    p.instance_types = &g::instance_types();
    p.storage = g::gcs();
    p.intra_az = g::intra_zone();
    p.inter_az = g::inter_zone();
    p.external = g::external();
    p.inter_region = &g::inter_region;
    p.known_regions = &g::regions();
    p.is_zone_of = &g::is_zone_of;
    p.control_plane_instance_type = g::kControlPlaneInstanceType;
    p.spark_instance_type = g::kSparkInstanceType;
    p.sql_warehouse_instance_type = g::kSqlWarehouseInstanceType;
    p.serverless_spark_start_delay = g::kServerlessSparkStartDelay;
    p.serverless_sql_start_delay = g::kServerlessSqlStartDelay;
    p.classic_cluster_start_delay = g::kClassicClusterStartDelay;
    p.instance_pool_start_delay = g::kInstancePoolStartDelay;
    p.classic_sql_start_delay = g::kClassicSqlStartDelay;
    return p;
  }();
  return provider == Provider::Gcp ? gcp : aws;
}

}  // namespace lakesim::sim::defaults
