#include "scenario/compute_autoscaling_reader.hpp"

namespace lakesim::sim {

void read_job_autoscaling(FieldReader& in, const nlohmann::json& entry, const std::string& at, ComputeSpec& compute) {
  const bool has_min = entry.contains("min_instances");
  const bool has_max = entry.contains("max_instances");
  if (!has_min && !has_max) return;
  if (compute.kind == ComputeKind::SqlWarehouse) {
    for (const char* key : {"min_instances", "max_instances"})
      if (entry.contains(key))
        in.error(pointer_append(at, key),
                 std::string("\"") + key + "\" applies only to Spark compute: a SQL warehouse scales by clusters",
                 "min_clusters and max_clusters, or \"kind\": \"serverless_spark\" or \"classic_spark\"", true);
    return;
  }
  if (has_min != has_max) {
    const char* given = has_min ? "min_instances" : "max_instances";
    const char* missing = has_min ? "max_instances" : "min_instances";
    in.error(pointer_append(at, given), std::string("\"") + given + "\" without \"" + missing + "\"",
             "both min_instances and max_instances (equal for a fixed size)", true);
    return;
  }
  using Need = FieldReader::Need;
  const auto min = in.integer(entry, at, "min_instances", Need::Required, 1, 10000000);
  const auto max = in.integer(entry, at, "max_instances", Need::Required, 1, 10000000);
  if (!min || !max) return;
  if (*min > *max) {
    in.error(pointer_append(at, "min_instances"),
             std::to_string(*min) + " instances, more than max_instances (" + std::to_string(*max) + ")",
             "min_instances <= max_instances");
    return;
  }
  // A placement whose own size is invalid (already reported) bounds nothing.
  if (compute.instances >= 1 && *max > compute.instances) {
    in.error(pointer_append(at, "max_instances"),
             std::to_string(*max) + " instances, more than the placement's " + std::to_string(compute.instances),
             "at most /instances (" + std::to_string(compute.instances) + ")");
    return;
  }
  compute.min_instances = static_cast<int>(*min);
  compute.max_instances = static_cast<int>(*max);
}

}  // namespace lakesim::sim
