#include "scenario/distribution_reader.hpp"

#include <map>

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

Distribution read_distribution(FieldReader& in, const json& obj, const std::string& at, const char* key,
                               QuantityReader read, const char* kind) {
  Distribution d;
  if (!obj.contains(key)) return d;
  const json& v = obj[key];
  const std::string here = pointer_append(at, key);
  if (v.is_string()) {
    d.mean = (in.*read)(obj, at, key, Need::Optional, Zero::Allowed).value_or(0);
    return d;
  }
  if (!v.is_object()) {
    in.error(here, std::string("a ") + v.type_name() + " where a " + kind + " belongs",
             std::string("a ") + kind + " with a unit, or {\"dist\": \"exponential\", \"mean\": ...}");
    return d;
  }
  static const std::vector<std::string> kDists = {"fixed", "exponential", "lognormal", "uniform"};
  static const std::map<std::string, std::vector<std::string>> kKeys = {
      {"fixed", {"dist", "mean"}},
      {"exponential", {"dist", "mean"}},
      {"lognormal", {"dist", "mean", "sigma"}},
      {"uniform", {"dist", "min", "max"}},
  };
  const auto which = in.keyword(v, here, "dist", Need::Required, kDists, "distribution");
  if (!which) {
    in.object(v, here, {"dist", "mean", "min", "max", "sigma"});
    return d;
  }
  const std::string& name = kDists[*which];
  if (!in.object(v, here, kKeys.at(name))) return d;
  if (name == "fixed") {
    d.mean = (in.*read)(v, here, "mean", Need::Required, Zero::Allowed).value_or(0);
  } else if (name == "exponential" || name == "lognormal") {
    d.kind = name == "exponential" ? Distribution::Kind::Exponential : Distribution::Kind::LogNormal;
    d.mean = (in.*read)(v, here, "mean", Need::Required, Zero::Rejected).value_or(0);
    if (name == "lognormal") d.sigma = in.number(v, here, "sigma", Need::Required, 0, 10).value_or(0);
  } else {
    d.kind = Distribution::Kind::Uniform;
    const auto lo = (in.*read)(v, here, "min", Need::Required, Zero::Allowed);
    const auto hi = (in.*read)(v, here, "max", Need::Required, Zero::Allowed);
    if (lo && hi && *hi <= *lo)
      in.error(here + "/max", "max is not above min", "a max larger than min: values are drawn from [min, max)");
    d.min = lo.value_or(0);
    d.max = hi.value_or(0);
  }
  return d;
}

}  // namespace lakesim::sim
