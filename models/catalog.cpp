#include "models/catalog.hpp"

namespace lakesim::models {

namespace {

constexpr Plane C = Plane::Control;
constexpr Plane D = Plane::Data;

using A = Archetype;

// Transcribed word for word from the Databricks Serverless-on-AWS component
// matrix with DR best practices (shipped as tests/data/seed-matrix.txt; the
// catalogue test checks this table against it). Seed order is preserved.
// Columns: id, name, purpose, where it runs, plane, DR best practice, archetype.
const std::vector<Component> kCatalog = {
    // Control plane
    {"workspace_ui", "Workspace UI", "User interface for notebooks and jobs", "Databricks SaaS", C,
     "Create secondary workspace in another region", A::Service},
    {"workspace_apis", "Workspace APIs", "Automation APIs", "Databricks SaaS", C,
     "Automate infrastructure using Terraform", A::Service},
    {"users_and_groups", "Users & Groups", "User identity management", "Databricks account services", C,
     "Use centralized IdP like Okta/Azure AD", A::MetadataStore},
    {"authentication_sso", "Authentication / SSO", "Login via external identity provider",
     "Databricks account services", C, "Configure SSO redundancy at IdP level", A::Service},
    {"permissions_rbac", "Permissions / RBAC", "Access control policies", "Databricks control services", C,
     "Store policies as code using Terraform", A::Service},
    {"notebook_source_code", "Notebook Source Code", "Notebook scripts", "Workspace storage", C,
     "Sync notebooks with Git repositories", A::MetadataStore},
    {"notebook_outputs", "Notebook Outputs", "Charts and query results", "Workspace storage", C,
     "Do not rely on outputs; regenerate from data", A::MetadataStore},
    {"workspace_files", "Workspace Files", "Files uploaded to workspace", "Workspace storage", C,
     "Store important files in S3 or Git", A::MetadataStore},
    {"repos_git_integration", "Repos (Git Integration)", "Git source control integration", "Workspace metadata", C,
     "Maintain source code in GitHub/GitLab", A::MetadataStore},
    {"job_scheduler", "Job Scheduler", "Schedules workflows", "Databricks orchestration service", C,
     "Define jobs using Infrastructure-as-Code", A::Service},
    {"workflows", "Workflows", "Pipeline orchestration", "Databricks orchestration service", C,
     "Export workflows via API and Terraform", A::Service},
    {"sql_query_planner", "SQL Query Planner", "SQL optimization engine", "Databricks query services", C,
     "No DR needed (managed by Databricks)", A::Service},
    {"sql_warehouse_management", "SQL Warehouse Management", "Serverless SQL management",
     "Databricks control services", C, "Recreate warehouses in secondary region", A::Service},
    {"unity_catalog", "Unity Catalog", "Central governance system", "Databricks governance service", C,
     "Replicate catalogs configuration using scripts", A::MetadataStore},
    {"metastore", "Metastore", "Metadata storage", "Databricks metadata services", C,
     "Export metadata periodically", A::MetadataStore},
    {"data_lineage", "Data Lineage", "Tracks data relationships", "Databricks governance services", C,
     "Export lineage metadata via APIs", A::MetadataStore},
    {"audit_logs", "Audit Logs", "Security logs", "Databricks governance services", C,
     "Send logs to centralized SIEM storage", A::LogSink},
    {"cluster_management", "Cluster Management", "Compute lifecycle management", "Databricks control services", C,
     "Recreate clusters via automation", A::Service},
    {"feature_store_metadata", "Feature Store Metadata", "Feature definitions", "Databricks metadata services", C,
     "Backup definitions in Git", A::MetadataStore},
    {"model_registry_metadata", "Model Registry Metadata", "ML model tracking", "Databricks metadata services", C,
     "Replicate registry configuration", A::MetadataStore},
    {"lakehouse_monitoring_metadata", "Lakehouse Monitoring Metadata", "Dataset monitoring metrics",
     "Databricks monitoring services", C, "Export monitoring metrics", A::MetadataStore},
    {"vector_search_metadata", "Vector Search Metadata", "Vector index configuration", "Databricks control services",
     C, "Recreate vector indexes from embeddings", A::MetadataStore},

    // Data plane (customer AWS account)
    {"serverless_spark_compute", "Serverless Spark Compute", "Executes jobs", "AWS compute", D,
     "Deploy in multi-region workspace", A::ComputePool},
    {"sql_warehouse_compute", "SQL Warehouse Compute", "SQL query execution", "AWS compute", D,
     "Provision warehouses in secondary region", A::ComputePool},
    {"delta_table_data", "Delta Table Data", "Table storage", "S3", D, "Enable S3 cross-region replication",
     A::Dataset},
    {"managed_tables", "Managed Tables", "Managed table storage", "S3", D, "Use versioned S3 buckets", A::Dataset},
    {"external_tables", "External Tables", "External dataset storage", "S3", D, "Replicate underlying S3 storage",
     A::Dataset},
    {"dbfs_root", "DBFS Root", "Databricks filesystem", "S3", D, "Enable bucket replication", A::Dataset},
    {"unity_catalog_managed_storage", "Unity Catalog Managed Storage", "Catalog table storage", "S3", D,
     "Cross-region replication", A::Dataset},
    {"unity_catalog_volumes", "Unity Catalog Volumes", "Governed file storage", "S3", D, "Replicate S3 buckets",
     A::Dataset},
    {"mlflow_model_artifacts", "MLflow Model Artifacts", "ML models", "S3", D, "Replicate artifact bucket",
     A::Dataset},
    {"feature_store_data", "Feature Store Data", "ML feature datasets", "S3", D, "S3 replication and versioning",
     A::Dataset},
    {"vector_search_index_data", "Vector Search Index Data", "Embedding storage", "S3", D,
     "Rebuild indexes from replicated embeddings", A::Dataset},
    {"streaming_checkpoints", "Streaming Checkpoints", "Streaming progress tracking", "S3", D,
     "Replicate checkpoint directories", A::Dataset},
    {"temporary_spark_shuffle_data", "Temporary Spark Shuffle Data", "Intermediate processing", "Compute disk", D,
     "No DR required (recomputed)", A::Scratch},
    {"job_execution_logs", "Job Execution Logs", "Spark logs", "S3", D, "Send logs to centralized logging system",
     A::LogSink},
    {"ml_training_data", "ML Training Data", "Training datasets", "S3", D, "Multi-region S3 replication",
     A::Dataset},
    {"delta_transaction_logs", "Delta Transaction Logs", "Table version metadata", "S3", D,
     "Protect using S3 versioning", A::Dataset},
};

}  // namespace

const std::vector<Component>& catalog() { return kCatalog; }

const Component* find_component(std::string_view id) {
  // 38 entries: a linear scan is cheaper than maintaining an index.
  for (const Component& c : kCatalog) {
    if (c.id == id) return &c;
  }
  return nullptr;
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

std::optional<Plane> parse_plane_key(std::string_view key) {
  if (key == "control") return Plane::Control;
  if (key == "data") return Plane::Data;
  return std::nullopt;
}

}  // namespace lakesim::models
