#include "scenario/risk_reader.hpp"

#include <cmath>

#include "scenario/distribution_reader.hpp"

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

namespace {

Distribution default_region_outage_duration() {
  Distribution d;
  d.kind = Distribution::Kind::LogNormal;
  d.sigma = kRegionOutageSigma;
  d.mean = kRegionOutageMedianSeconds * std::exp(kRegionOutageSigma * kRegionOutageSigma / 2);
  return d;
}

const FaultSpec* find_fault(const Scenario& s, const std::string& name) {
  for (const FaultSpec& f : s.faults)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

void read_risk(const json& root, FieldReader& in, Scenario& s) {
  if (!root.contains("risk")) return;
  const json& r = root["risk"];
  const std::string at = "/risk";
  if (!in.object(r, at, {"outages", "window", "settle"})) return;
  std::vector<std::string> faults;
  for (const FaultSpec& f : s.faults) faults.push_back(f.name);
  RiskSpec spec;
  spec.settle = in.duration(r, at, "settle", Need::Optional, Zero::Allowed).value_or(kRiskSettleSeconds);
  if (r.contains("outages") && in.array(r["outages"], at + "/outages")) {
    for (std::size_t i = 0; i < r["outages"].size(); ++i) {
      const json& o = r["outages"][i];
      const std::string here = at + "/outages/" + std::to_string(i);
      if (!in.object(o, here, {"fault", "per_year", "duration"})) continue;
      RiskOutage outage;
      const auto fault = in.string(o, here, "fault", Need::Required);
      if (!fault || !in.known(here + "/fault", "fault", *fault, faults)) continue;
      const FaultSpec& template_fault = *find_fault(s, *fault);
      if (template_fault.kind == FaultSpec::Kind::HostCrashes) {
        in.error(here + "/fault", "a host_crashes fault has its own rates, not one outage to sample",
                 "a fault with a start and a duration (region_outage, az_outage, ...)");
        continue;
      }
      for (const RiskOutage& earlier : spec.outages)
        if (earlier.fault == *fault) in.error(here + "/fault", "the fault \"" + *fault + "\" is listed twice");
      outage.fault = *fault;
      const bool region = template_fault.kind == FaultSpec::Kind::RegionOutage;
      const auto per_year = in.number(o, here, "per_year", region ? Need::Optional : Need::Required, 0, 1000);
      if (per_year && *per_year <= 0) in.error(here + "/per_year", "no outages a year", "a frequency above 0");
      outage.per_year = per_year.value_or(kRegionOutagesPerYear);
      if (o.contains("duration")) {
        outage.duration = read_distribution(in, o, here, "duration", &FieldReader::duration, "duration");
      } else if (region) {
        outage.duration = default_region_outage_duration();
      } else {
        in.error(here,
                 "no duration for a " + std::string(to_string(template_fault.kind)) +
                     " (defaults exist only "
                     "for region outages)",
                 "\"duration\": a duration or a distribution of durations", true);
      }
      outage.estimated = !per_year || !o.contains("duration");
      spec.outages.push_back(outage);
    }
  }
  if (spec.outages.empty() && in.error_count() == 0)
    in.error(at + "/outages", "no outage to sample",
             "a list of {\"fault\": ..., \"per_year\": ..., \"duration\": ...}");
  if (r.contains("window")) {
    const json& w = r["window"];
    const std::string here = at + "/window";
    if (in.object(w, here, {"from", "to"})) {
      const auto from = in.duration(w, here, "from", Need::Required, Zero::Allowed);
      const auto to = in.duration(w, here, "to", Need::Required, Zero::Rejected);
      if (from && to) {
        if (*to <= *from) in.error(here + "/to", "an empty window", "a duration after `from`");
        if (*to > s.duration) in.error(here + "/to", "after the end of the run", "at most the scenario's `duration`");
        spec.window_given = true;
        spec.window_from = *from;
        spec.window_to = *to;
      }
    }
  }
  s.risk = spec;
}

RiskSpec risk_model(const Scenario& s) {
  if (s.risk) return *s.risk;
  RiskSpec spec;
  for (const FaultSpec& f : s.faults) {
    if (f.kind != FaultSpec::Kind::RegionOutage) continue;
    spec.outages.push_back({f.name, kRegionOutagesPerYear, default_region_outage_duration(), true});
  }
  return spec;
}

}  // namespace lakesim::sim
