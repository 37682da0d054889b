#pragma once
// What a sweep runs: the cross product of the --vary axes (the first axis varies slowest), each
// point named stably from its assignments, times the replications on common seeds. Saved as
// DIR/sweep-plan.json so that a resumed sweep, `lakesim merge` and jobs run elsewhere (GNU
// parallel, Slurm) all agree on the points, their directories and their seeds.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lakesim::cli {

struct SweepAxis {
  std::string path;
  std::vector<std::string> values;  // as written after "path=" in a --set
};

struct SweepPoint {
  std::string name;                      // directory name under DIR/points/
  std::vector<std::string> assignments;  // "path=value", one per axis
};

struct SweepPlan {
  std::string scenario_file;
  std::string variant;
  std::vector<std::string> sets;  // applied before the point's assignments
  std::vector<SweepAxis> axes;
  std::vector<SweepPoint> points;
  std::vector<std::uint64_t> seeds;  // replication i of every point runs with seeds[i]
};

// Parses "path=v1,v2,..." or "path=[JSON list]". Throws std::invalid_argument with a message
// naming the option on a malformed axis.
SweepAxis parse_axis(const std::string& vary);

// The points of the cross product, in order.
std::vector<SweepPoint> cross_product(const std::vector<SweepAxis>& axes);

// {"replication.lag=5m", "dr.deep_clone.every=15m"} -> "replication.lag=5m+dr.deep_clone.every=15m";
// characters that are awkward in file names or shells become '_', and then a hash of the exact
// assignments ("~1a2b3c4d") keeps names apart.
std::string point_name(const std::vector<std::string>& assignments);

nlohmann::json plan_to_json(const SweepPlan& plan);
// Throws std::runtime_error when `json` is not a sweep plan.
SweepPlan plan_from_json(const nlohmann::json& json);

}  // namespace lakesim::cli
