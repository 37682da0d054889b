#pragma once
// The component catalogue: every fact the simulator knows about a component, one row each. The
// 38 rows of the seed matrix (docs and reports quote their texts verbatim) and the four
// components a deployment choice adds (customer-managed key, relay, PrivateLink endpoint, classic
// compute). Scenario reading needs these facts and sits below the models, so the catalogue lives
// here, as plain data without SimGrid; it keeps the models namespace its users have always named.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lakesim::models {

// Every component, in catalogue order: the seed's rows (control plane first), then the account
// components. Code names a component by this id; its text form (Component::id) is what scenarios,
// results and docs write.
enum class ComponentId {
  // Control plane
  WorkspaceUi,
  WorkspaceApis,
  UsersAndGroups,
  AuthenticationSso,
  PermissionsRbac,
  NotebookSourceCode,
  NotebookOutputs,
  WorkspaceFiles,
  ReposGitIntegration,
  JobScheduler,
  Workflows,
  SqlQueryPlanner,
  SqlWarehouseManagement,
  UnityCatalog,
  Metastore,
  DataLineage,
  AuditLogs,
  ClusterManagement,
  FeatureStoreMetadata,
  ModelRegistryMetadata,
  LakehouseMonitoringMetadata,
  VectorSearchMetadata,
  // Data plane
  ServerlessSparkCompute,
  SqlWarehouseCompute,
  DeltaTableData,
  ManagedTables,
  ExternalTables,
  DbfsRoot,
  UnityCatalogManagedStorage,
  UnityCatalogVolumes,
  MlflowModelArtifacts,
  FeatureStoreData,
  VectorSearchIndexData,
  StreamingCheckpoints,
  TemporarySparkShuffleData,
  JobExecutionLogs,
  MlTrainingData,
  DeltaTransactionLogs,
  // Added by deployment choices, outside the seed matrix
  CustomerManagedKey,
  SccRelay,
  PrivatelinkEndpoint,
  ClassicCompute,
};

// Which side of the Databricks split a component lives on.
enum class Plane { Control, Data };

// Behavioural family a component is simulated as; components of the same
// archetype share one failure/recovery model.
enum class Archetype { Service, MetadataStore, LogSink, ComputePool, Dataset, Scratch };

// Which workspaces share one copy of a control-plane component. The account's identity is shared
// by every workspace; the Unity Catalog metastore and what hangs off it, and audit log delivery,
// by the workspaces of one region; what a user opens in a workspace is the workspace's own.
enum class Scope { Account, Region, Workspace };

// What protects a component's data against the loss of its region: the matrix's DR column as a
// mechanism the simulator runs (when the scenario enables it).
enum class Practice {
  S3Replication,     // the bucket is replicated to another region (object by object)
  DeepClone,         // a Delta table is deep-cloned into its replica on a schedule
  MetadataExport,    // metadata exported to the secondary on a schedule
  GitSync,           // committed and pushed to the Git provider on a schedule
  Siem,              // shipped to the SIEM outside the region
  IdentityProvider,  // held by the customer's identity provider, not by the region
  Regenerate,        // not protected: regenerated from data (notebook outputs)
  Rebuild,           // not protected: rebuilt from replicated embeddings (vector indexes)
  Recompute,         // not protected: recomputed by the job that needs it (shuffle)
  None,              // not protected: lost with the region (or holds no data)
  // Replicated continuously by Databricks Managed Disaster Recovery.
  ManagedReplication,
};

// Systems outside Databricks and AWS that the request paths reach, in the order pictures list them.
enum class Outside { Users, IdentityProvider, Git, Terraform, Siem };

// Per-request behaviour of a service or metadata store: seconds of one reference core per
// request and requests in progress per replica. Estimates: no published per-request figures
// exist for Databricks' internal services.
struct ServiceFigures {
  double service_time;
  int concurrency;
};

// One request path leaving a component: whom it calls and for what.
struct Dependency {
  std::variant<ComponentId, Outside> callee;
  std::string_view what;
};

// A request path entering a component from outside.
struct EntryPoint {
  Outside caller;
  std::string_view what;
};

// One row of the catalogue. The seed's text fields are kept verbatim so reports can quote them
// without a translation layer.
struct Component {
  ComponentId which;
  std::string_view id;             // stable snake_case slug: the text form of `which`
  std::string_view name;           // seed "Component"
  std::string_view purpose;        // seed "Purpose"
  std::string_view where_it_runs;  // seed "Where It Runs"
  Plane plane;
  std::string_view dr_practice;  // seed "DR Best Practice"
  Archetype archetype;
  std::optional<ServiceFigures> service;  // services and metadata stores only
  Scope scope;                            // who shares one copy (control plane; data plane: Region)
  Practice protection;                    // the mechanism behind dr_practice
  std::vector<Dependency> calls;          // its dependencies: whom it calls
  std::vector<EntryPoint> entered_from;   // calls from outside reaching it
};

// The seed's 38 components, in seed order (control plane first).
const std::vector<Component>& catalog();

// The components deployment choices add, in ComponentId order.
const std::vector<Component>& account_components();

// The row of any component, seed or account.
const Component& component(ComponentId id);

// Its text form, e.g. "unity_catalog".
std::string_view key(ComponentId id);

// Looks a seed component up by its text id; nullptr if there is none.
const Component* find_component(std::string_view id);

// The text ids of the seed components of these archetypes, in catalogue order: the choices a
// scenario field naming a component offers.
std::vector<std::string> keys_of(std::initializer_list<Archetype> archetypes);

// Orders ids as their text forms sort, so that maps keyed by ComponentId list components
// alphabetically, as the reports always have.
struct ByKey {
  bool operator()(ComponentId a, ComponentId b) const { return key(a) < key(b); }
};

// The seed's wording: "Control Plane" / "Data Plane".
std::string_view to_string(Plane p);

// Short machine key: "control" / "data".
std::string_view plane_key(Plane p);

// snake_case archetype name, e.g. "metadata_store".
std::string_view to_string(Archetype a);

// snake_case practice name, e.g. "metadata_export".
const char* to_string(Practice p);

// "users", "idp", "git", "terraform", "siem".
std::string_view key(Outside o);

// What a person reads, e.g. "Identity provider (Okta / Azure AD)".
std::string_view label(Outside o);

// Inverse of plane_key; nullopt for anything else.
std::optional<Plane> parse_plane_key(std::string_view key);

}  // namespace lakesim::models
