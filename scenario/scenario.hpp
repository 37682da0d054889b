#pragma once
// The typed scenario: what a `lakesim/1` file says once it has been parsed, overridden and
// validated. All quantities are in SI base units (seconds, bytes, bytes/s, flops per core).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario/catalog.hpp"
#include "scenario/dr_spec.hpp"
#include "scenario/fault_spec.hpp"
#include "scenario/impact_spec.hpp"
#include "scenario/replication_spec.hpp"
#include "scenario/resilience_policy_spec.hpp"
#include "scenario/risk_spec.hpp"
#include "scenario/rpo_sampling_spec.hpp"
#include "scenario/security_spec.hpp"
#include "scenario/workload_spec.hpp"
#include "scenario/workspaces_spec.hpp"

namespace lakesim::sim {

inline constexpr const char* kScenarioFormat = "lakesim/1";

struct DiskSpec {
  double read_bandwidth = 0;   // bytes/s
  double write_bandwidth = 0;  // bytes/s
  double size = 0;             // bytes
};

struct InstanceType {
  std::string name;
  int cores = 0;
  double core_speed = 0;         // flops per second per core
  double memory = 0;             // bytes
  double network_bandwidth = 0;  // bytes/s, sustained (baseline) NIC bandwidth
  std::optional<DiskSpec> disk;  // local instance-store disk, if any
  double price_per_hour = 0;     // USD, on-demand
};

struct LinkSpec {
  double latency = 0;    // seconds, one way
  double bandwidth = 0;  // bytes/s
};

struct RegionPairLink {
  std::string a;
  std::string b;
  LinkSpec link;
};

enum class NetworkModel {
  Exact,  // CM02 without cross-traffic or TCP window: a transfer takes latency + size/bandwidth
  Tcp,    // SimGrid's LV08 calibration: TCP slow start, window bound and ACK cross-traffic
};

struct NetworkSpec {
  NetworkModel model = NetworkModel::Exact;
  LinkSpec intra_az;  // host to host inside one AZ; bandwidth = the AZ's uplink to the region
  LinkSpec inter_az;  // between two AZs of one region
  LinkSpec external;  // from the Internet (users, identity provider, Git, SIEM) to each region
  std::vector<RegionPairLink> inter_region;
};

// The cloud whose built-in figures fill what a scenario leaves out.
enum class Provider { Aws, Gcp };

// An object store that raises a prefix's request-rate cap under sustained demand (Cloud Storage:
// a bucket's rate doubles every 20 minutes of sustained load). Demand is measured per `sample`:
// a sample asking for at least `demand_threshold` x the cap counts as sustained; after
// `doubling_period` of consecutive sustained samples the cap doubles, up to `max_factor` x the
// initial rate; after `decay_period` of consecutive samples below the threshold it halves, down
// to the initial rate.
struct RequestRateRampUp {
  double doubling_period = 0;   // seconds
  double demand_threshold = 0;  // fraction of the current cap
  double max_factor = 1;        // the highest cap, as a multiple of the initial rate
  double sample = 0;            // seconds
  double decay_period = 0;      // seconds
};

// How the Databricks runtime's storage client (Hadoop S3A) uses S3 from one instance
// (domain-numbers.md section 8; values differ by version, Databricks tunes its own client).
struct S3ClientSpec {
  int connection_maximum = 96;           // fs.s3a.connection.maximum (Hadoop 3.3): connections open at once
  int throttle_retry_limit = 20;         // fs.s3a.retry.throttle.limit: retries of a request answered 503
  double throttle_retry_interval = 0.5;  // fs.s3a.retry.throttle.interval: the back-off base, doubled per retry
  double max_backoff = 20;               // estimate: the longest single back-off (the AWS SDK's cap)
};

struct S3Spec {
  double first_byte_latency = 0;             // seconds
  double per_connection_bandwidth = 0;       // bytes/s for one connection
  double read_rate = 0;                      // GET/HEAD per second per prefix
  double write_rate = 0;                     // PUT/COPY/POST/DELETE per second per prefix
  double bandwidth = 0;                      // bytes/s, the regional endpoint's aggregate capacity
  std::optional<RequestRateRampUp> ramp_up;  // none: the rates are fixed (S3)
  S3ClientSpec client;
};

struct RegionSpec {
  std::string name;
  std::vector<std::string> azs;
  S3Spec s3;
};

struct ControlPlaneSpec {
  std::string region;
  std::vector<std::string> azs;  // where its service replicas run
  int hosts_per_az = 0;
  std::string instance_type;
};

// Spark (jobs, notebooks, streams, training) or SQL; the plane says where it runs.
enum class ComputeKind { ServerlessSpark, SqlWarehouse };
// Serverless compute runs in the provider's serverless plane (starts in seconds); classic
// compute runs in the customer's account and VPC (starts in minutes, the customer's capacity).
enum class ComputePlane { Serverless, Classic };

struct ComputeSpec {
  std::string name;
  ComputeKind kind = ComputeKind::ServerlessSpark;
  std::string region;
  std::vector<std::string> azs;  // instances are spread round-robin over these
  std::string instance_type;
  int instances = 0;            // instances provisioned (the pool's maximum size)
  double start_delay = 0;       // seconds for a cold instance to be ready
  int warm_instances = 0;       // kept started while idle (a classic instance pool's idle instances)
  double warm_start_delay = 0;  // seconds to start on a warm instance (classic pools: Spark on an idle VM)
  ComputePlane plane = ComputePlane::Serverless;
  // SQL warehouses only: instances per cluster and the autoscaling range in clusters.
  int cluster_size = 1;
  int min_clusters = 1;
  int max_clusters = 1;
  std::string size;  // SQL warehouses: the size it was given by ("Medium"), empty for a custom shape
  // SQL warehouses, effective figures that `lakesim calibrate` fits to a trace: core-seconds of
  // execution per core-second of recorded task time, and seconds each query holds its slot beside
  // its work (compilation, scheduling, result fetch).
  double core_time_scale = 1;
  double query_overhead = 0;
  // Spark placements only: each job run starts on min_instances and autoscales up to
  // max_instances (docs/scenario-format.md, "Job autoscaling"); 0: runs lease a fixed size.
  int min_instances = 0;
  int max_instances = 0;
  bool autoscales() const { return max_instances > 0; }
};

// Behaviour of one control-plane service, overriding the built-in figures.
struct ServiceOverride {
  models::ComponentId component = models::ComponentId::WorkspaceUi;  // the service it overrides
  std::optional<double> service_time;
  std::optional<int> concurrency;
  std::optional<double> timeout;
};

// What a scenario may ask for before it is refused as absurd; each has a command-line flag.
struct Limits {
  std::size_t max_hosts = 100000;        // --max-hosts
  std::size_t max_trace_rows = 5000000;  // --max-trace-rows
  double max_requests = 50e6;            // --max-requests: expected arrivals over the run
  bool allow_outside_paths = false;      // --allow-outside-paths: traces outside the scenario's folder
};

struct Scenario {
  std::string file;  // where it was read from
  Limits limits;     // as given when it was loaded
  std::string name;
  std::string description;
  std::string variant;  // the variant applied, empty for the base scenario
  std::uint64_t seed = 0;
  double duration = 0;                // seconds of simulated time
  Provider provider = Provider::Aws;  // whose built-in figures the defaults are
  NetworkSpec network;
  std::map<std::string, InstanceType> instance_types;  // built-ins merged with the file's own
  std::vector<RegionSpec> regions;
  std::vector<ControlPlaneSpec> control_plane;
  std::vector<ComputeSpec> compute;
  std::vector<ServiceOverride> services;
  std::vector<WorkloadSpec> workloads;
  std::vector<TableSpec> tables;
  std::vector<FaultSpec> faults;
  std::optional<ReplicationSpec> replication;
  SecuritySpec security;
  WorkspaceSpec workspace;
  std::vector<AccountWorkspaceSpec> workspaces;  // listed workspaces; empty: one implicit per region
  std::optional<DrSpec> dr;                      // the `dr` section, strategy defaults filled in
  PriceSpec prices;
  std::vector<std::string> variant_names;                 // every variant the file defines
  std::optional<RpoSamplingSpec> rpo_sampling;            // the RPO of a region loss at many instants
  std::optional<ResiliencePolicySpec> resilience_policy;  // the RTO/RPO targets results are held against
  std::optional<ImpactSpec> impact;                       // business cost of failures, unavailability, lost data
  std::optional<RiskSpec> risk;                           // how often outages come and how long they last

  const RegionSpec* find_region(const std::string& name) const;
  const InstanceType& instance_type(const std::string& name) const;  // must exist (validated)
  const AccountWorkspaceSpec* find_workspace(const std::string& name) const;
  // The listed workspace a workload's requests enter: its own `workspace`, else the first listed
  // in its region; null for a region's implicit workspace.
  const AccountWorkspaceSpec* workspace_of(const WorkloadSpec& w) const;
  // The access controls that apply to a workload: its workspace's, else the account's.
  const SecuritySpec& security_for(const WorkloadSpec& w) const;
};

const char* to_string(NetworkModel m);
const char* to_string(Provider p);
const char* to_string(ComputeKind k);
const char* to_string(ComputePlane p);

}  // namespace lakesim::sim
