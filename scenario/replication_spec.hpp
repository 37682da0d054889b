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
  // The most one replicated bucket moves between the regions, bytes per second: S3's default
  // replication transfer limit of 1 Gbps (S3 User Guide, "Best practices and guidelines for S3
  // RTC"). The copies of all buckets also share the WAN link between the regions.
  double throughput = 125e6;
  // Reverse replication (a second rule, from `to` back to `from`): what users write in the DR
  // secondary's tables while it serves them is replicated back to the primary's; with
  // `failback_waits`, a failback waits until none of it is pending.
  bool reverse = false;
  bool failback_waits = false;
};

}  // namespace lakesim::sim
