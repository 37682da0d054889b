#include "scenario/spark_reader.hpp"

namespace lakesim::sim {

using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

SparkSpec read_spark(FieldReader& in, const nlohmann::json& workload, const std::string& at) {
  SparkSpec spark;
  if (!workload.contains("spark")) return spark;
  const nlohmann::json& v = workload["spark"];
  const std::string here = at + "/spark";
  if (!in.object(v, here,
                 {"max_partition_bytes", "shuffle_partitions", "task_spread", "stragglers", "speculation",
                  "task_max_failures", "input_prefixes"}))
    return spark;
  spark.max_partition_bytes =
      in.size(v, here, "max_partition_bytes", Need::Optional, Zero::Rejected).value_or(spark.max_partition_bytes);
  spark.shuffle_partitions = static_cast<int>(
      in.integer(v, here, "shuffle_partitions", Need::Optional, 1, 10'000'000).value_or(spark.shuffle_partitions));
  spark.task_spread = in.number(v, here, "task_spread", Need::Optional, 0, 5).value_or(0);
  spark.task_max_failures = static_cast<int>(
      in.integer(v, here, "task_max_failures", Need::Optional, 1, 1000).value_or(spark.task_max_failures));
  spark.input_prefixes = static_cast<int>(
      in.integer(v, here, "input_prefixes", Need::Optional, 1, 1'000'000).value_or(spark.input_prefixes));
  if (v.contains("stragglers")) {
    const nlohmann::json& s = v["stragglers"];
    const std::string sat = here + "/stragglers";
    if (in.object(s, sat, {"fraction", "slowdown"})) {
      spark.straggler_fraction = in.number(s, sat, "fraction", Need::Required, 0, 1).value_or(0);
      spark.straggler_slowdown = in.number(s, sat, "slowdown", Need::Required, 1, 1000).value_or(1);
    }
  }
  if (v.contains("speculation")) {
    const nlohmann::json& s = v["speculation"];
    const std::string sat = here + "/speculation";
    if (s.is_boolean()) {
      spark.speculation.enabled = s.get<bool>();
    } else if (in.object(s, sat, {"enabled", "multiplier", "quantile"})) {
      spark.speculation.enabled = in.boolean(s, sat, "enabled", Need::Optional).value_or(true);
      spark.speculation.multiplier =
          in.number(s, sat, "multiplier", Need::Optional, 1, 100).value_or(spark.speculation.multiplier);
      spark.speculation.quantile =
          in.number(s, sat, "quantile", Need::Optional, 0, 1).value_or(spark.speculation.quantile);
    }
  }
  return spark;
}

}  // namespace lakesim::sim
