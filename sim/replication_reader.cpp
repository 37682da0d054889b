#include "sim/replication_reader.hpp"

#include <algorithm>

#include "sim/suggest.hpp"

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

const std::vector<std::string>& replicable_datasets() {
  static const std::vector<std::string> ids = {
      "delta_table_data",         "managed_tables",        "external_tables",        "dbfs_root",
      "unity_catalog_managed_storage", "unity_catalog_volumes", "mlflow_model_artifacts", "feature_store_data",
      "vector_search_index_data", "streaming_checkpoints", "ml_training_data",       "delta_transaction_logs"};
  return ids;
}

namespace {

// Reports `name` unless it is one of `known`, with a suggestion.
bool check_name(FieldReader& in, const std::string& at, const std::string& what, const std::string& name,
                const std::vector<std::string>& known) {
  if (std::find(known.begin(), known.end(), name) != known.end()) return true;
  std::string message = "undefined " + what + " \"" + name + "\"";
  if (auto guess = closest_match(name, known)) message += "; did you mean \"" + *guess + "\"?";
  std::string expected = "one of:";
  for (const std::string& k : known) expected += " " + k;
  in.error(at, message, expected);
  return false;
}

std::optional<bool> boolean(FieldReader& in, const json& obj, const std::string& at, const char* key) {
  if (!obj.contains(key)) return std::nullopt;
  const json& v = obj[key];
  if (v.is_boolean()) return v.get<bool>();
  in.error(pointer_append(at, key), std::string("a ") + v.type_name() + " where a boolean belongs", "true or false");
  return std::nullopt;
}

// The lag: a duration (fixed) or {"dist": "fixed" | "exponential" | "lognormal" | "uniform", ...}.
std::optional<Distribution> read_lag(FieldReader& in, const json& obj, const std::string& at) {
  if (!obj.contains("lag")) return std::nullopt;
  const json& v = obj["lag"];
  const std::string here = pointer_append(at, "lag");
  Distribution d;
  if (v.is_string()) {
    auto fixed = in.duration(obj, at, "lag", Need::Optional, Zero::Allowed);
    if (!fixed) return std::nullopt;
    d.mean = *fixed;
    return d;
  }
  if (!v.is_object()) {
    in.error(here, std::string("a ") + v.type_name() + " where a lag belongs",
             "a duration, or {\"dist\": \"lognormal\", \"mean\": \"5m\", \"sigma\": 1}");
    return std::nullopt;
  }
  static const std::vector<std::string> kDists = {"fixed", "exponential", "lognormal", "uniform"};
  const auto name = in.string(v, here, "dist", Need::Required);
  if (!name) {
    in.object(v, here, {"dist", "mean", "min", "max", "sigma"});
    return std::nullopt;
  }
  if (!check_name(in, pointer_append(here, "dist"), "distribution", *name, kDists)) return std::nullopt;
  const std::size_t errors = in.error_count();
  if (*name == "uniform") {
    if (!in.object(v, here, {"dist", "min", "max"})) return std::nullopt;
    d.kind = Distribution::Kind::Uniform;
    const auto lo = in.duration(v, here, "min", Need::Required, Zero::Allowed);
    const auto hi = in.duration(v, here, "max", Need::Required, Zero::Allowed);
    if (lo && hi && *hi <= *lo) in.error(here + "/max", "max is not above min", "a max larger than min");
    d.min = lo.value_or(0);
    d.max = hi.value_or(0);
  } else if (*name == "fixed") {
    if (!in.object(v, here, {"dist", "mean"})) return std::nullopt;
    d.mean = in.duration(v, here, "mean", Need::Required, Zero::Allowed).value_or(0);
  } else {
    const bool lognormal = *name == "lognormal";
    if (!in.object(v, here, lognormal ? std::vector<std::string>{"dist", "mean", "sigma"}
                                      : std::vector<std::string>{"dist", "mean"}))
      return std::nullopt;
    d.kind = lognormal ? Distribution::Kind::LogNormal : Distribution::Kind::Exponential;
    d.mean = in.duration(v, here, "mean", Need::Required, Zero::Rejected).value_or(0);
    if (lognormal) d.sigma = in.number(v, here, "sigma", Need::Required, 0, 10).value_or(0);
  }
  if (in.error_count() != errors) return std::nullopt;
  return d;
}

}  // namespace

void read_replication(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("replication")) return;
  const json& r = root["replication"];
  const std::string at = "/replication";
  if (!in.object(r, at, {"enabled", "from", "to", "rtc", "datasets", "lag"})) return;
  std::vector<std::string> regions;
  for (const RegionSpec& region : s.regions) regions.push_back(region.name);

  ReplicationSpec spec;
  spec.enabled = boolean(in, r, at, "enabled").value_or(true);
  spec.rtc = boolean(in, r, at, "rtc").value_or(false);
  const auto from = in.string(r, at, "from", Need::Required);
  const auto to = in.string(r, at, "to", Need::Required);
  if (from && check_name(in, at + "/from", "region", *from, regions)) spec.from = *from;
  if (to && check_name(in, at + "/to", "region", *to, regions)) spec.to = *to;
  if (from && to && *from == *to)
    in.error(at + "/to", "replication from a region to itself", "a region other than \"" + *from + "\"");

  const auto& known = replicable_datasets();
  if (auto ids = in.names(r, at, "datasets", Need::Optional)) {
    if (ids->empty()) in.error(at + "/datasets", "empty list", "at least one dataset, or no key for all of them");
    for (std::size_t i = 0; i < ids->size(); ++i)
      if (check_name(in, at + "/datasets/" + std::to_string(i), "dataset", (*ids)[i], known))
        spec.datasets.push_back((*ids)[i]);
  } else if (!r.contains("datasets")) {
    spec.datasets = known;
  }
  spec.lag = read_lag(in, r, at);
  s.replication = spec;
}

}  // namespace lakesim::sim
