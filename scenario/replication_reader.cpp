#include "scenario/replication_reader.hpp"

#include <algorithm>

#include "scenario/catalog.hpp"
#include "scenario/distribution_reader.hpp"

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

namespace {

// The lag: a duration (fixed) or a distribution of durations; absent: the built-in model.
std::optional<Distribution> read_lag(FieldReader& in, const json& obj, const std::string& at) {
  if (!obj.contains("lag")) return std::nullopt;
  const std::size_t errors = in.error_count();
  const Distribution d = read_distribution(in, obj, at, "lag", &FieldReader::duration, "duration");
  if (in.error_count() != errors) return std::nullopt;
  return d;
}

// Per-dataset lags: each key a replicated dataset, each value a lag as for `lag`.
std::map<models::ComponentId, Distribution> read_lag_by_dataset(FieldReader& in, const json& obj, const std::string& at,
                                                                const std::vector<models::ComponentId>& datasets) {
  std::map<models::ComponentId, Distribution> lags;
  std::vector<std::string> replicated;
  for (const models::ComponentId id : datasets) replicated.emplace_back(models::key(id));
  if (!obj.contains("lag_by_dataset")) return lags;
  const json& by = obj["lag_by_dataset"];
  const std::string here = at + "/lag_by_dataset";
  // A key that is not a replicated dataset is reported with the replicated ones as the choice.
  if (!in.object(by, here, replicated)) return lags;
  for (const auto& [id, value] : by.items()) {
    if (std::find(replicated.begin(), replicated.end(), id) == replicated.end()) continue;  // reported above
    const std::size_t errors = in.error_count();
    const Distribution d = read_distribution(in, by, here, id.c_str(), &FieldReader::duration, "duration");
    if (in.error_count() == errors) lags[models::find_component(id)->which] = d;
  }
  return lags;
}

}  // namespace

void read_replication(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("replication")) return;
  const json& r = root["replication"];
  const std::string at = "/replication";
  if (!in.object(r, at,
                 {"enabled", "from", "to", "rtc", "datasets", "lag", "lag_by_dataset", "throughput", "reverse",
                  "failback_waits"}))
    return;
  std::vector<std::string> regions;
  for (const RegionSpec& region : s.regions) regions.push_back(region.name);

  ReplicationSpec spec;
  spec.enabled = in.boolean(r, at, "enabled", Need::Optional).value_or(true);
  spec.rtc = in.boolean(r, at, "rtc", Need::Optional).value_or(false);
  const auto from = in.string(r, at, "from", Need::Required);
  const auto to = in.string(r, at, "to", Need::Required);
  if (from && in.known(at + "/from", "region", *from, regions)) spec.from = *from;
  if (to && in.known(at + "/to", "region", *to, regions)) spec.to = *to;
  if (from && to && *from == *to)
    in.error(at + "/to", "replication from a region to itself", "a region other than \"" + *from + "\"");

  const std::vector<std::string> known = models::keys_of({models::Archetype::Dataset});
  if (auto ids = in.names(r, at, "datasets", Need::Optional)) {
    if (ids->empty()) in.error(at + "/datasets", "empty list", "at least one dataset, or no key for all of them");
    for (std::size_t i = 0; i < ids->size(); ++i)
      if (in.known(at + "/datasets/" + std::to_string(i), "dataset", (*ids)[i], known))
        spec.datasets.push_back(models::find_component((*ids)[i])->which);
  } else if (!r.contains("datasets")) {
    for (const std::string& id : known) spec.datasets.push_back(models::find_component(id)->which);
  }
  spec.lag = read_lag(in, r, at);
  spec.lag_by_dataset = read_lag_by_dataset(in, r, at, spec.datasets);
  if (auto throughput = in.bandwidth(r, at, "throughput", Need::Optional)) spec.throughput = *throughput;
  spec.reverse = in.boolean(r, at, "reverse", Need::Optional).value_or(false);
  spec.failback_waits = in.boolean(r, at, "failback_waits", Need::Optional).value_or(false);
  if (spec.failback_waits && !spec.reverse)
    in.error(at + "/failback_waits", "a failback can only wait for reverse replication", "\"reverse\": true");
  s.replication = spec;
}

}  // namespace lakesim::sim
