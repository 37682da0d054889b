#include "models/flows/request_flows.hpp"
#include "models/transfer.hpp"

#include <cmath>

namespace lakesim::models {

double run_sql_query(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized) {
  Deployment& d = ctx.deployment;
  enter_workspace(ctx, spec, Edge::Ui, authorized);
  const RegionDeployment& cp = d.control_plane_for(spec);
  SqlWarehouse& warehouse = d.warehouse(spec.compute);
  const RegionDeployment& data = d.region(warehouse.region());
  sg4::Host* ui = cp.services.at(ComponentId::WorkspaceUi)->hosts().front();
  cp.services.at(ComponentId::SqlWarehouseManagement)->call(ui);
  // Planning cost grows slowly with the data a query touches.
  const StageWork& stage = work.stages.front();
  cp.services.at(ComponentId::SqlQueryPlanner)->call(ui, 1.0 + std::log10(1.0 + stage.read_bytes / 1e9));
  cp.services.at(ComponentId::UnityCatalog)->call(ui);
  cp.stores.at(ComponentId::Metastore)->read(ui);
  check_table_access(ctx, spec, DataCheckpoint::Catalog, ui);
  // The warehouse's first request for the table's data.
  check_table_access(ctx, spec, DataCheckpoint::Storage, warehouse.hosts().front());

  QueryWork q;
  q.core_seconds = stage.core_seconds;
  q.read_bytes = stage.read_bytes;
  q.result_bytes = work.result_bytes;
  const QueryTiming timing = warehouse.run(q, [&data](const std::vector<sg4::Host*>& instances, double bytes) {
    read_query_tables(data, instances, bytes);
  });
  if (work.result_bytes > 0) {
    sg4::Host* worker = warehouse.cluster_hosts(timing.cluster).front();
    transfer(worker, ctx.client, work.result_bytes, "SQL Warehouse Compute");
  }
  if (cp.audit_logs) cp.audit_logs->append(1);
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
