#include "scenario/impact_spec.hpp"

namespace lakesim::sim {

RequestImpact ImpactSpec::for_workload(const std::string& name, const std::string& workload_class) const {
  RequestImpact out;
  for (const NamedRequestImpact& c : classes)
    if (c.name == workload_class) out = c.rates;
  for (const NamedRequestImpact& w : workloads) {
    if (w.name != name) continue;
    if (w.rates.usd_per_failed_request) out.usd_per_failed_request = w.rates.usd_per_failed_request;
    if (w.rates.usd_per_unavailable_second) out.usd_per_unavailable_second = w.rates.usd_per_unavailable_second;
  }
  return out;
}

DataImpact ImpactSpec::for_table(const std::string& name) const {
  DataImpact out = lost_data;
  for (const NamedDataImpact& t : tables) {
    if (t.name != name) continue;
    if (t.rates.usd_per_lost_commit) out.usd_per_lost_commit = t.rates.usd_per_lost_commit;
    if (t.rates.usd_per_lost_byte) out.usd_per_lost_byte = t.rates.usd_per_lost_byte;
  }
  return out;
}

}  // namespace lakesim::sim
