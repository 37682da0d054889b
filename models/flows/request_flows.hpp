#pragma once
// The request paths of the seed's Architecture Flow, hop by hop. Each runs inside the request's
// own actor, calls the deployed components in order, and returns how long the request queued
// for compute; any failure surfaces as RequestFailed with its cause.
//
//   job:       client -> Workspace APIs -> Auth (token) -> Users & Groups -> RBAC -> Job Scheduler
//              -> Workflows -> Cluster Management -> Spark pool (lease) -> per task: Unity Catalog,
//              Metastore, stages reading S3, shuffling on local disk -> Delta write + commit
//              -> Data Lineage, Audit Logs, Job Execution Logs -> release
//   sql:       client -> Workspace UI -> Auth (SSO, identity provider) -> RBAC -> SQL Warehouse
//              Management -> SQL Query Planner -> Unity Catalog, Metastore -> SQL warehouse slot
//              reading S3 -> result to the client -> Audit Logs
//   notebook:  client -> Workspace UI -> Auth (SSO) -> RBAC -> Notebook Source, Workspace Files,
//              Repos -> Cluster Management -> Spark pool -> one stage -> Notebook Outputs
//   streaming: one long run: lease instances, then every trigger a micro-batch reading new data,
//              appending to its Delta table and writing its Streaming Checkpoint
//   training:  ML Training Data and Feature Store reads, training on the pool, MLflow artifact
//              and Model Registry write, monitoring metrics, vector index refresh
#include <functional>
#include <string>

#include "models/deployment.hpp"
#include "models/flows/hop_recorder.hpp"
#include "models/flows/spark_execution.hpp"
#include "models/run_record.hpp"
#include "scenario/workload_spec.hpp"
#include "sim/event_log.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::models {

struct FlowContext {
  Deployment& deployment;
  sim::EventLog& log;
  sg4::Host* client;      // where users' requests come from
  HopRecorder* recorder;  // null unless someone watches this request hop by hop
};

// One execution's sizes, drawn from the workload's distributions (or taken from a trace row).
struct WorkSample {
  std::vector<StageWork> stages;
  double result_bytes = 0;
  double artifact_bytes = 0;
  int instances = 1;
  std::string compute;  // a replayed statement's own placement (warehouse_map); empty: the workload's
  // Failed or Canceled: a replayed statement that ended so in its trace; it holds its compute for
  // `hold_seconds` (its recorded duration) instead of doing its work.
  RecordedEnd recorded_end = RecordedEnd::Finished;
  double hold_seconds = 0;
  double fixed_seconds = 0;  // a replayed statement's recorded compilation and result fetch
};

WorkSample sample_work(const sim::WorkloadSpec& spec, sim::RandomStream& rng);

// The workspace edge: UI (interactive, SSO through the identity provider) or APIs (tokens),
// then identity and permission checks. `authorized` false: RBAC refuses the request.
// The workload's IP access list and token checks come first, at the edge.
enum class Edge { Ui, Api };
void enter_workspace(const FlowContext& ctx, const sim::WorkloadSpec& spec, Edge edge, bool authorized);

// Compute for a request: the cluster policy is checked, instances are leased from `pool` (a
// classic cluster starts in minutes, serverless in seconds), and a classic cluster without
// public IPs registers with the control plane through the region's relay.
std::vector<sg4::Host*> start_cluster(const FlowContext& ctx, const sim::WorkloadSpec& spec, ComputePool& pool,
                                      int instances);

// A replayed run that failed or was canceled with no recorded work holds its leased instances
// for its recorded duration, then gives them back. False (nothing done) for any other run.
bool hold_for_recorded_end(const FlowContext& ctx, ComputePool& pool, const std::vector<sg4::Host*>& instances,
                           const WorkSample& work);

// Where traffic from compute of `pool` enters the control plane: classic compute behind
// back-end PrivateLink crosses the region's interface endpoint (counted and charged per byte,
// broken by a privatelink_outage), and the next hop starts from there; otherwise `from` itself.
sg4::Host* control_plane_hop(const FlowContext& ctx, const ComputePool& pool, sg4::Host* from, double bytes);

// The S3 data access control at one point of a request's path (security.s3_access): Unity
// Catalog looks the grant up at `Catalog`; credential passthrough is refused by S3 at `Storage`;
// an instance profile admits at `Storage`. Throws RequestFailed(AccessDenied).
void check_table_access(const FlowContext& ctx, const sim::WorkloadSpec& spec, DataCheckpoint at, sg4::Host* from);

// The flow of one request of `spec`'s class (streaming runs as one long stream instead, see
// run_stream); returns how long it queued for compute.
double run_request(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized);

double run_job(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized);
double run_sql_query(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized);
// A query's reads on its cluster: every instance reads the table's latest snapshot pointer, then
// `bytes` of data files (managed tables and Unity Catalog managed storage in equal shares), all
// instances at once.
void read_query_tables(const RegionDeployment& data, const std::vector<sg4::Host*>& instances, double bytes);
double run_notebook_command(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work,
                            bool authorized);
double run_training(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized);

// Runs micro-batches every trigger until the end of the run; each batch is reported through
// `on_batch(arrival, end, ok, cause)`.
using BatchReport = std::function<void(double arrival, double end, bool ok, FailureCause cause)>;
void run_stream(const FlowContext& ctx, const sim::WorkloadSpec& spec, sim::RandomStream& rng, double horizon,
                const BatchReport& on_batch);

}  // namespace lakesim::models
