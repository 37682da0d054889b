#include "scenario/catalog.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace lakesim::models {

namespace {

using Id = ComponentId;
using A = Archetype;
using O = Outside;
using P = Practice;
using S = Scope;
constexpr Plane C = Plane::Control;
constexpr Plane D = Plane::Data;

constexpr std::optional<ServiceFigures> serves(double service_time, int concurrency) {
  return ServiceFigures{service_time, concurrency};
}

// The seed's texts are transcribed word for word from the Databricks Serverless-on-AWS component
// matrix with DR best practices (shipped as tests/data/seed-matrix.txt; the catalogue test checks
// this table against it), in seed order. Each row reads:
//   id, text id, name,
//   purpose, where it runs, plane,
//   DR best practice, archetype,
//   service figures, scope, protection,
//   calls (its dependencies: callee, what for),
//   calls entering it from outside (caller, what for).
// Service figures are estimates: edge services (UI, APIs) do the most work per request; lookups in
// identity and grant stores are cheap; planning and cluster orchestration are the heaviest
// control-plane operations. The calls are the request paths of the seed's Architecture Flow, hop
// by hop: a job run (API, auth, RBAC, scheduler, cluster management, compute, catalogue, data,
// logs), a SQL query (UI, warehouse management, planner, warehouse), and the side paths of
// workspace content, ML metadata and audit.
const std::vector<Component> kCatalog = {
    // Control plane
    {Id::WorkspaceUi,
     "workspace_ui",
     "Workspace UI",
     "User interface for notebooks and jobs",
     "Databricks SaaS",
     C,
     "Create secondary workspace in another region",
     A::Service,
     serves(0.020, 64),
     S::Workspace,
     P::None,
     {{Id::WorkspaceApis, "REST"},
      {Id::SqlWarehouseManagement, "run query"},
      {Id::NotebookSourceCode, "edit"},
      {Id::NotebookOutputs, "store results"},
      {Id::WorkspaceFiles, "upload"},
      {Id::ReposGitIntegration, "pull / push"}},
     {{O::Users, "browser"}}},
    {Id::WorkspaceApis,
     "workspace_apis",
     "Workspace APIs",
     "Automation APIs",
     "Databricks SaaS",
     C,
     "Automate infrastructure using Terraform",
     A::Service,
     serves(0.015, 64),
     S::Workspace,
     P::None,
     {{Id::AuthenticationSso, "authenticate"},
      {Id::PermissionsRbac, "authorize"},
      {Id::AuditLogs, "audit"},
      {Id::JobScheduler, "submit run"},
      {Id::FeatureStoreMetadata, "manage"},
      {Id::ModelRegistryMetadata, "manage"},
      {Id::LakehouseMonitoringMetadata, "manage"},
      {Id::VectorSearchMetadata, "manage"}},
     {{O::Users, "REST / token"}, {O::Terraform, "apply"}}},
    {Id::UsersAndGroups,
     "users_and_groups",
     "Users & Groups",
     "User identity management",
     "Databricks account services",
     C,
     "Use centralized IdP like Okta/Azure AD",
     A::MetadataStore,
     serves(0.002, 128),
     S::Account,
     P::IdentityProvider,
     {},
     {}},
    {Id::AuthenticationSso,
     "authentication_sso",
     "Authentication / SSO",
     "Login via external identity provider",
     "Databricks account services",
     C,
     "Configure SSO redundancy at IdP level",
     A::Service,
     serves(0.010, 64),
     S::Account,
     P::None,
     {{O::IdentityProvider, "SAML / OIDC"}, {Id::UsersAndGroups, "resolve user"}},
     {}},
    {Id::PermissionsRbac,
     "permissions_rbac",
     "Permissions / RBAC",
     "Access control policies",
     "Databricks control services",
     C,
     "Store policies as code using Terraform",
     A::Service,
     serves(0.002, 128),
     S::Workspace,
     P::None,
     {{Id::UsersAndGroups, "groups"}},
     {}},
    {Id::NotebookSourceCode,
     "notebook_source_code",
     "Notebook Source Code",
     "Notebook scripts",
     "Workspace storage",
     C,
     "Sync notebooks with Git repositories",
     A::MetadataStore,
     serves(0.005, 64),
     S::Workspace,
     P::GitSync,
     {{O::Git, "sync"}},
     {}},
    {Id::NotebookOutputs,
     "notebook_outputs",
     "Notebook Outputs",
     "Charts and query results",
     "Workspace storage",
     C,
     "Do not rely on outputs; regenerate from data",
     A::MetadataStore,
     serves(0.005, 64),
     S::Workspace,
     P::Regenerate,
     {},
     {}},
    {Id::WorkspaceFiles,
     "workspace_files",
     "Workspace Files",
     "Files uploaded to workspace",
     "Workspace storage",
     C,
     "Store important files in S3 or Git",
     A::MetadataStore,
     serves(0.005, 64),
     S::Workspace,
     P::GitSync,
     {},
     {}},
    {Id::ReposGitIntegration,
     "repos_git_integration",
     "Repos (Git Integration)",
     "Git source control integration",
     "Workspace metadata",
     C,
     "Maintain source code in GitHub/GitLab",
     A::MetadataStore,
     serves(0.010, 32),
     S::Workspace,
     P::GitSync,
     {{O::Git, "pull / push"}},
     {}},
    {Id::JobScheduler,
     "job_scheduler",
     "Job Scheduler",
     "Schedules workflows",
     "Databricks orchestration service",
     C,
     "Define jobs using Infrastructure-as-Code",
     A::Service,
     serves(0.020, 32),
     S::Workspace,
     P::None,
     {{Id::Workflows, "task graph"}, {Id::ClusterManagement, "request compute"}},
     {}},
    {Id::Workflows,
     "workflows",
     "Workflows",
     "Pipeline orchestration",
     "Databricks orchestration service",
     C,
     "Export workflows via API and Terraform",
     A::Service,
     serves(0.010, 32),
     S::Workspace,
     P::None,
     {},
     {}},
    {Id::SqlQueryPlanner,
     "sql_query_planner",
     "SQL Query Planner",
     "SQL optimization engine",
     "Databricks query services",
     C,
     "No DR needed (managed by Databricks)",
     A::Service,
     serves(0.050, 32),
     S::Workspace,
     P::None,
     {{Id::SqlWarehouseCompute, "execute"}},
     {}},
    {Id::SqlWarehouseManagement,
     "sql_warehouse_management",
     "SQL Warehouse Management",
     "Serverless SQL management",
     "Databricks control services",
     C,
     "Recreate warehouses in secondary region",
     A::Service,
     serves(0.005, 64),
     S::Workspace,
     P::None,
     {{Id::SqlQueryPlanner, "plan"}, {Id::SqlWarehouseCompute, "start / scale"}},
     {}},
    {Id::UnityCatalog,
     "unity_catalog",
     "Unity Catalog",
     "Central governance system",
     "Databricks governance service",
     C,
     "Replicate catalogs configuration using scripts",
     A::MetadataStore,
     serves(0.005, 128),
     S::Region,
     P::MetadataExport,
     {{Id::Metastore, "table metadata"},
      {Id::UnityCatalogManagedStorage, "governs"},
      {Id::UnityCatalogVolumes, "governs"},
      {Id::ManagedTables, "governs"},
      {Id::ExternalTables, "governs"}},
     {}},
    {Id::Metastore,
     "metastore",
     "Metastore",
     "Metadata storage",
     "Databricks metadata services",
     C,
     "Export metadata periodically",
     A::MetadataStore,
     serves(0.005, 128),
     S::Region,
     P::MetadataExport,
     {},
     {}},
    {Id::DataLineage,
     "data_lineage",
     "Data Lineage",
     "Tracks data relationships",
     "Databricks governance services",
     C,
     "Export lineage metadata via APIs",
     A::MetadataStore,
     serves(0.005, 64),
     S::Region,
     P::MetadataExport,
     {},
     {}},
    {Id::AuditLogs,
     "audit_logs",
     "Audit Logs",
     "Security logs",
     "Databricks governance services",
     C,
     "Send logs to centralized SIEM storage",
     A::LogSink,
     std::nullopt,
     S::Region,
     P::Siem,
     {{O::Siem, "ship"}},
     {}},
    {Id::ClusterManagement,
     "cluster_management",
     "Cluster Management",
     "Compute lifecycle management",
     "Databricks control services",
     C,
     "Recreate clusters via automation",
     A::Service,
     serves(0.050, 32),
     S::Workspace,
     P::None,
     {{Id::ServerlessSparkCompute, "start / reuse"}},
     {}},
    {Id::FeatureStoreMetadata,
     "feature_store_metadata",
     "Feature Store Metadata",
     "Feature definitions",
     "Databricks metadata services",
     C,
     "Backup definitions in Git",
     A::MetadataStore,
     serves(0.005, 64),
     S::Workspace,
     P::GitSync,
     {{Id::FeatureStoreData, "features"}},
     {}},
    {Id::ModelRegistryMetadata,
     "model_registry_metadata",
     "Model Registry Metadata",
     "ML model tracking",
     "Databricks metadata services",
     C,
     "Replicate registry configuration",
     A::MetadataStore,
     serves(0.005, 64),
     S::Workspace,
     P::MetadataExport,
     {{Id::MlflowModelArtifacts, "versions"}},
     {}},
    {Id::LakehouseMonitoringMetadata,
     "lakehouse_monitoring_metadata",
     "Lakehouse Monitoring Metadata",
     "Dataset monitoring metrics",
     "Databricks monitoring services",
     C,
     "Export monitoring metrics",
     A::MetadataStore,
     serves(0.005, 64),
     S::Region,
     P::MetadataExport,
     {},
     {}},
    {Id::VectorSearchMetadata,
     "vector_search_metadata",
     "Vector Search Metadata",
     "Vector index configuration",
     "Databricks control services",
     C,
     "Recreate vector indexes from embeddings",
     A::MetadataStore,
     serves(0.005, 64),
     S::Region,
     P::MetadataExport,
     {{Id::VectorSearchIndexData, "index"}},
     {}},

    // Data plane (customer AWS account)
    {Id::ServerlessSparkCompute,
     "serverless_spark_compute",
     "Serverless Spark Compute",
     "Executes jobs",
     "AWS compute",
     D,
     "Deploy in multi-region workspace",
     A::ComputePool,
     std::nullopt,
     S::Region,
     P::None,
     {{Id::UnityCatalog, "metadata, grants"},
      {Id::DeltaTableData, "read / write"},
      {Id::DeltaTransactionLogs, "commit"},
      {Id::TemporarySparkShuffleData, "shuffle"},
      {Id::StreamingCheckpoints, "checkpoint"},
      {Id::MlTrainingData, "read"},
      {Id::MlflowModelArtifacts, "log model"},
      {Id::DbfsRoot, "read / write"},
      {Id::JobExecutionLogs, "logs"},
      {Id::DataLineage, "lineage"},
      {Id::AuditLogs, "audit"}},
     {}},
    {Id::SqlWarehouseCompute,
     "sql_warehouse_compute",
     "SQL Warehouse Compute",
     "SQL query execution",
     "AWS compute",
     D,
     "Provision warehouses in secondary region",
     A::ComputePool,
     std::nullopt,
     S::Region,
     P::None,
     {{Id::UnityCatalog, "metadata, grants"}, {Id::DeltaTableData, "read"}, {Id::DeltaTransactionLogs, "snapshot"}},
     {}},
    {Id::DeltaTableData,
     "delta_table_data",
     "Delta Table Data",
     "Table storage",
     "S3",
     D,
     "Enable S3 cross-region replication",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::ManagedTables,
     "managed_tables",
     "Managed Tables",
     "Managed table storage",
     "S3",
     D,
     "Use versioned S3 buckets",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::ExternalTables,
     "external_tables",
     "External Tables",
     "External dataset storage",
     "S3",
     D,
     "Replicate underlying S3 storage",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::DbfsRoot,
     "dbfs_root",
     "DBFS Root",
     "Databricks filesystem",
     "S3",
     D,
     "Enable bucket replication",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::UnityCatalogManagedStorage,
     "unity_catalog_managed_storage",
     "Unity Catalog Managed Storage",
     "Catalog table storage",
     "S3",
     D,
     "Cross-region replication",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::UnityCatalogVolumes,
     "unity_catalog_volumes",
     "Unity Catalog Volumes",
     "Governed file storage",
     "S3",
     D,
     "Replicate S3 buckets",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::MlflowModelArtifacts,
     "mlflow_model_artifacts",
     "MLflow Model Artifacts",
     "ML models",
     "S3",
     D,
     "Replicate artifact bucket",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::FeatureStoreData,
     "feature_store_data",
     "Feature Store Data",
     "ML feature datasets",
     "S3",
     D,
     "S3 replication and versioning",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::VectorSearchIndexData,
     "vector_search_index_data",
     "Vector Search Index Data",
     "Embedding storage",
     "S3",
     D,
     "Rebuild indexes from replicated embeddings",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::Rebuild,
     {},
     {}},
    {Id::StreamingCheckpoints,
     "streaming_checkpoints",
     "Streaming Checkpoints",
     "Streaming progress tracking",
     "S3",
     D,
     "Replicate checkpoint directories",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::TemporarySparkShuffleData,
     "temporary_spark_shuffle_data",
     "Temporary Spark Shuffle Data",
     "Intermediate processing",
     "Compute disk",
     D,
     "No DR required (recomputed)",
     A::Scratch,
     std::nullopt,
     S::Region,
     P::Recompute,
     {},
     {}},
    {Id::JobExecutionLogs,
     "job_execution_logs",
     "Job Execution Logs",
     "Spark logs",
     "S3",
     D,
     "Send logs to centralized logging system",
     A::LogSink,
     std::nullopt,
     S::Region,
     P::Siem,
     {},
     {}},
    {Id::MlTrainingData,
     "ml_training_data",
     "ML Training Data",
     "Training datasets",
     "S3",
     D,
     "Multi-region S3 replication",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
    {Id::DeltaTransactionLogs,
     "delta_transaction_logs",
     "Delta Transaction Logs",
     "Table version metadata",
     "S3",
     D,
     "Protect using S3 versioning",
     A::Dataset,
     std::nullopt,
     S::Region,
     P::S3Replication,
     {},
     {}},
};

// Not in the seed: what a deployment choice adds. KMS answers in milliseconds with a high regional
// request quota; the relay only forwards; the PrivateLink endpoint is an NLB hop, sub-millisecond,
// scaling with connections.
const std::vector<Component> kAccountComponents = {
    {Id::CustomerManagedKey,
     "customer_managed_key",
     "Customer-Managed Key (KMS)",
     "Encrypts notebooks, workspace files and workspace storage with the customer's key",
     "Customer's AWS account (KMS)",
     D,
     "Replicate the key to the secondary region",
     A::Service,
     serves(0.005, 1000),
     S::Region,
     P::None,
     {},
     {}},
    {Id::SccRelay,
     "scc_relay",
     "Secure Cluster Connectivity Relay",
     "Lets classic compute without public IPs reach the control plane",
     "Databricks control services",
     C,
     "Managed by Databricks per region",
     A::Service,
     serves(0.002, 256),
     S::Region,
     P::None,
     {},
     {}},
    {Id::PrivatelinkEndpoint,
     "privatelink_endpoint",
     "Back-end PrivateLink Endpoint",
     "Carries classic compute's control-plane and relay traffic inside AWS instead of the Internet",
     "Customer's VPC (interface endpoint) to Databricks endpoint service",
     C,
     "Create the endpoints in the secondary region's VPC",
     A::Service,
     serves(0.0005, 1024),
     S::Region,
     P::None,
     {},
     {}},
    {Id::ClassicCompute,
     "classic_compute",
     "Classic Compute",
     "Clusters in the customer's VPC",
     "Customer's AWS account (EC2)",
     D,
     "Recreate clusters from policies in the secondary region",
     A::ComputePool,
     std::nullopt,
     S::Region,
     P::None,
     {},
     {}},
};

}  // namespace

const std::vector<Component>& catalog() { return kCatalog; }

const std::vector<Component>& account_components() { return kAccountComponents; }

const Component& component(ComponentId id) {
  // Rows are listed in ComponentId order (the catalogue test checks it), so the id is the index.
  const auto index = static_cast<std::size_t>(id);
  if (index < kCatalog.size()) return kCatalog[index];
  if (index - kCatalog.size() < kAccountComponents.size()) return kAccountComponents[index - kCatalog.size()];
  throw std::logic_error("no catalogue row for component " + std::to_string(index));
}

std::string_view key(ComponentId id) { return component(id).id; }

const Component* find_component(std::string_view id) {
  // 38 entries: a linear scan is cheaper than maintaining an index.
  for (const Component& c : kCatalog) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<std::string> keys_of(std::initializer_list<Archetype> archetypes) {
  std::vector<std::string> keys;
  for (const Component& c : kCatalog)
    if (std::find(archetypes.begin(), archetypes.end(), c.archetype) != archetypes.end()) keys.emplace_back(c.id);
  return keys;
}

std::string_view to_string(Plane p) {
  switch (p) {
    case Plane::Control: return "Control Plane";
    case Plane::Data: return "Data Plane";
  }
  return "";
}

std::string_view plane_key(Plane p) {
  switch (p) {
    case Plane::Control: return "control";
    case Plane::Data: return "data";
  }
  return "";
}

std::string_view to_string(Archetype a) {
  switch (a) {
    case Archetype::Service: return "service";
    case Archetype::MetadataStore: return "metadata_store";
    case Archetype::LogSink: return "log_sink";
    case Archetype::ComputePool: return "compute_pool";
    case Archetype::Dataset: return "dataset";
    case Archetype::Scratch: return "scratch";
  }
  return "";
}

const char* to_string(Practice p) {
  switch (p) {
    case Practice::S3Replication: return "s3_replication";
    case Practice::DeepClone: return "deep_clone";
    case Practice::MetadataExport: return "metadata_export";
    case Practice::GitSync: return "git_sync";
    case Practice::Siem: return "siem";
    case Practice::IdentityProvider: return "identity_provider";
    case Practice::Regenerate: return "regenerate";
    case Practice::Rebuild: return "rebuild";
    case Practice::Recompute: return "recompute";
    case Practice::None: return "none";
    case Practice::ManagedReplication: return "managed_replication";
  }
  return "none";
}

std::string_view key(Outside o) {
  switch (o) {
    case Outside::Users: return "users";
    case Outside::IdentityProvider: return "idp";
    case Outside::Git: return "git";
    case Outside::Terraform: return "terraform";
    case Outside::Siem: return "siem";
  }
  return "";
}

std::string_view label(Outside o) {
  switch (o) {
    case Outside::Users: return "Users and clients (browsers, tools)";
    case Outside::IdentityProvider: return "Identity provider (Okta / Azure AD)";
    case Outside::Git: return "Git provider (GitHub / GitLab)";
    case Outside::Terraform: return "Terraform / IaC runner";
    case Outside::Siem: return "SIEM";
  }
  return "";
}

std::optional<Plane> parse_plane_key(std::string_view key) {
  if (key == "control") return Plane::Control;
  if (key == "data") return Plane::Data;
  return std::nullopt;
}

}  // namespace lakesim::models
