#pragma once
// The typed form of a scenario's `replication` section: S3 cross-region replication of datasets
// from one region's buckets to another's.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario/workload_spec.hpp"

namespace lakesim::sim {

struct ReplicationSpec {
  bool enabled = true;
  std::string from;                           // source region
  std::string to;                             // destination region
  bool rtc = false;                           // S3 Replication Time Control
  std::vector<models::ComponentId> datasets;  // all catalogue datasets when the file lists none
  std::optional<Distribution> lag;            // replaces the built-in lag model (seconds)
  // Per dataset, a lag that replaces both `lag` and the built-in model for that dataset's bucket
  // (a Delta table's log and data buckets can be configured apart).
  std::map<models::ComponentId, Distribution> lag_by_dataset;
};

}  // namespace lakesim::sim
