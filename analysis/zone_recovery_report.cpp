#include "analysis/zone_recovery_report.hpp"

#include <cstdio>

#include "scenario/units.hpp"

namespace lakesim::analysis {

nlohmann::json zone_recovery_report(const models::ControlPlaneZoneRecovery& recovery) {
  nlohmann::json list = nlohmann::json::array();
  for (const models::ZoneRecoveryRecord& r : recovery.records()) {
    nlohmann::json steps = nlohmann::json::array();
    for (const models::ZoneRecoveryStep& s : r.steps)
      steps.push_back({{"step", s.name},
                       {"start", s.start},
                       {"end", s.end},
                       {"seconds", s.end - s.start},
                       {"source", s.simulated ? "simulated" : "configured"}});
    const bool recovered = r.recovered >= 0;
    list.push_back({{"outage", r.outage},
                    {"region", r.region},
                    {"zone", r.zone},
                    {"lost", r.lost},
                    {"surviving_zone", r.surviving_zone},
                    {"stores", r.stores},
                    {"steps", steps},
                    {"new_leader", r.new_leader.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.new_leader)},
                    {"copied_bytes", r.copied_bytes},
                    {"recovered", recovered ? nlohmann::json(r.recovered) : nlohmann::json(nullptr)},
                    {"rto_seconds", recovered ? nlohmann::json(r.recovered - r.lost) : nlohmann::json(nullptr)}});
  }
  return list;
}

std::string zone_recovery_text(const nlohmann::json& recoveries) {
  std::string out;
  for (const auto& r : recoveries) {
    std::string parts;
    for (const auto& s : r["steps"])
      parts += (parts.empty() ? "" : " + ") + s["step"].get<std::string>() + " " +
               sim::format_duration(s["seconds"].get<double>()) + (s["source"] == "configured" ? " [configured]" : "");
    const std::string rto =
        r["rto_seconds"].is_null() ? "not within the run" : sim::format_duration(r["rto_seconds"].get<double>());
    out += "control plane " + r["region"].get<std::string>() + " lost its metadata leader's zone " +
           r["zone"].get<std::string>() + (r["surviving_zone"].get<bool>() ? "" : " (no surviving zone)") + ": RTO " +
           rto + (parts.empty() ? "" : " = " + parts) + "\n";
  }
  return out;
}

}  // namespace lakesim::analysis
