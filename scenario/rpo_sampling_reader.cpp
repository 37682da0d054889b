#include "scenario/rpo_sampling_reader.hpp"

#include <algorithm>

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

void read_rpo_sampling(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("rpo_sampling")) return;
  const json& r = root["rpo_sampling"];
  const std::string at = "/rpo_sampling";
  if (!in.object(r, at, {"region", "from", "to", "instants"})) return;
  std::vector<std::string> regions;
  for (const RegionSpec& region : s.regions) regions.push_back(region.name);
  RpoSamplingSpec spec;
  const auto region = in.string(r, at, "region", Need::Required);
  if (region && in.known(at + "/region", "region", *region, regions)) spec.region = *region;
  const auto from = in.duration(r, at, "from", Need::Required, Zero::Allowed);
  const auto to = in.duration(r, at, "to", Need::Required, Zero::Rejected);
  spec.instants = static_cast<int>(in.integer(r, at, "instants", Need::Optional, 1, 100000).value_or(50));
  if (!from || !to) return;
  spec.from = *from;
  spec.to = *to;
  if (spec.to <= spec.from) in.error(at + "/to", "an empty window", "a duration after `from`");
  if (spec.to > s.duration) in.error(at + "/to", "after the end of the run", "at most the scenario's `duration`");
  // What happens from a fault's start on depends on the fault; the instants must come before.
  for (const FaultSpec& f : s.faults)
    if (f.start < spec.to)
      in.error(at + "/to", "after the start of fault \"" + f.name + "\"",
               "at most its start: a loss at an instant is read from the history before it");
  s.rpo_sampling = spec;
}

}  // namespace lakesim::sim
