#include "models/flows/hop.hpp"
#include "models/flows/request_flows.hpp"
#include "models/transfer.hpp"

#include <cmath>
#include <utility>

namespace lakesim::models {

namespace {

// The slot wait, the reads (`reads`, timed as they ran; start < 0 when there were none) and the
// execution of a query that has just ended on `warehouse`.
void record_query_hops(const FlowContext& ctx, const SqlWarehouse& warehouse, const QueryTiming& timing,
                       const StageWork& stage, RecordedHop reads) {
  const double end = sg4::Engine::get_clock();
  const double slot = end - timing.executed;
  const std::string host = warehouse.cluster_hosts(timing.cluster).front()->get_name();
  const std::string id(warehouse.entry().id);
  ctx.recorder->record(
      {id, warehouse.region(), host, "waits for a free slot on a running cluster", slot - timing.queued, slot});
  double executing = slot;
  if (reads.start >= 0) {
    executing = reads.end;
    reads.what = "reads the snapshot pointer and " + bytes_words(stage.read_bytes) + " of table files";
    ctx.recorder->record(std::move(reads));
  }
  ctx.recorder->record({id, warehouse.region(), host,
                        "executes " + duration_words(stage.core_seconds) +
                            " of core time on the cluster's cores, shared with the queries there",
                        executing, end});
}

}  // namespace

double run_sql_query(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized) {
  Deployment& d = ctx.deployment;
  enter_workspace(ctx, spec, Edge::Ui, authorized);
  const RegionDeployment& cp = d.control_plane_for(spec);
  SqlWarehouse& warehouse = d.warehouse(work.compute.empty() ? spec.compute : d.routing().compute_for(work.compute));
  const RegionDeployment& data = d.region(warehouse.region());
  sg4::Host* ui = cp.services.at(ComponentId::WorkspaceUi)->hosts().front();
  Service& management = *cp.services.at(ComponentId::SqlWarehouseManagement);
  hop(
      ctx, management, [] { return "routes the query to a running warehouse"; },
      [&] { return management.call(ui).replica; });
  // Planning cost grows slowly with the data a query touches.
  const StageWork& stage = work.stages.front();
  Service& planner = *cp.services.at(ComponentId::SqlQueryPlanner);
  hop(
      ctx, planner, [] { return "parses and optimises it (work grows with the data touched)"; },
      [&] { return planner.call(ui, 1.0 + std::log10(1.0 + stage.read_bytes / 1e9)).replica; });
  Service& uc = *cp.services.at(ComponentId::UnityCatalog);
  hop(
      ctx, uc, [] { return "checks grants on the tables"; }, [&] { return uc.call(ui).replica; });
  MetadataStore& metastore = *cp.stores.at(ComponentId::Metastore);
  hop(
      ctx, metastore, [] { return "reads table metadata"; }, [&] { return metastore.read(ui).replica; });
  check_table_access(ctx, spec, DataCheckpoint::Catalog, ui);
  // The warehouse's first request for the table's data.
  check_table_access(ctx, spec, DataCheckpoint::Storage, warehouse.hosts().front());

  QueryWork q;
  q.core_seconds = stage.core_seconds;
  q.read_bytes = stage.read_bytes;
  q.result_bytes = work.result_bytes;
  q.hold_only = work.recorded_end != RecordedEnd::Finished;
  q.hold_seconds = work.hold_seconds;
  q.fixed_seconds = work.fixed_seconds;
  // One call waits for a slot, reads and executes; a recorder is told them as three hops.
  RecordedHop reads{"delta_transaction_logs+managed_tables+unity_catalog_managed_storage", data.region, "", "", -1, -1};
  const QueryTiming timing =
      warehouse.run(q, [&data, &ctx, &reads](const std::vector<sg4::Host*>& instances, double bytes) {
        if (ctx.recorder) reads.start = sg4::Engine::get_clock();
        read_query_tables(data, instances, bytes);
        if (ctx.recorder) {
          reads.end = sg4::Engine::get_clock();
          reads.host = instances.front()->get_name();
        }
      });
  if (ctx.recorder) record_query_hops(ctx, warehouse, timing, stage, std::move(reads));
  if (work.result_bytes > 0 && !q.hold_only) {
    sg4::Host* worker = warehouse.cluster_hosts(timing.cluster).front();
    hop(
        ctx, "client", "", [&] { return "receives the result (" + bytes_words(work.result_bytes) + ")"; },
        [&] {
          transfer(worker, ctx.client, work.result_bytes, "SQL Warehouse Compute");
          return ctx.client;
        });
  }
  if (cp.audit_logs)
    hop(
        ctx, *cp.audit_logs, [] { return "records the query"; },
        [&] {
          cp.audit_logs->append(1);
          return cp.audit_logs->hosts().front();
        });
  return timing.queued;
}

void read_query_tables(const RegionDeployment& data, const std::vector<sg4::Host*>& instances, double bytes) {
  Dataset* managed = data.datasets.at(ComponentId::ManagedTables);
  Dataset* uc_managed = data.datasets.at(ComponentId::UnityCatalogManagedStorage);
  Dataset* log = data.datasets.at(ComponentId::DeltaTransactionLogs);
  std::vector<DatasetRead> pointers, files;
  for (sg4::Host* h : instances) {
    const int connections = h->get_core_count();
    const double requests = std::max(1.0, bytes / 2 / 64e6);
    pointers.push_back(DatasetRead{log, h, 4e3, 1, 1});
    files.push_back(DatasetRead{managed, h, bytes / 2, requests, connections});
    files.push_back(DatasetRead{uc_managed, h, bytes / 2, requests, connections});
  }
  Dataset::read_together(pointers);
  Dataset::read_together(files);
}

}  // namespace lakesim::models
