#pragma once
// What Databricks Managed Disaster Recovery did in a run: its failover groups and what each
// protects (managed tables with their data, external tables as metadata only), the replication
// point over time and the lag, and at every promotion of the secondary what each table and
// metadata stream held there (lost versions by the prefix rule of models/dr/table_recovery),
// with the replication's and the standby's cost.
#include <string>

#include <nlohmann/json.hpp>

#include "models/deployment.hpp"
#include "models/dr/data_protection.hpp"
#include "models/dr/failover.hpp"

namespace lakesim::analysis {

// Null unless the run's strategy is managed.
nlohmann::json managed_dr_report(const models::Deployment& deployment, const models::DataProtection& protection,
                                 const models::Failover* failover);
// The terminal lines for it.
std::string managed_dr_text(const nlohmann::json& managed);

}  // namespace lakesim::analysis
