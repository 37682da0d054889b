#include "analysis/impact.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "scenario/units.hpp"

namespace lakesim::analysis {

namespace {

double number_or_zero(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

nlohmann::json rate_or_null(const std::optional<double>& rate, double scale) {
  return rate ? nlohmann::json(*rate * scale) : nlohmann::json();
}

}  // namespace

Unavailability workload_unavailability(const models::RunRecord& record, std::uint32_t w, double start, double horizon) {
  // The slowest request completed before the outage: later ones no slower count as served normally.
  double normal = 0;
  bool any_before = false;
  std::vector<const models::RequestOutcome*> after;
  for (const models::RequestOutcome& o : record.outcomes()) {
    if (o.workload != w) continue;
    if (o.arrival < start) {
      if (models::completed(o) && o.end <= start) {
        normal = std::max(normal, o.end - o.arrival);
        any_before = true;
      }
    } else {
      after.push_back(&o);
    }
  }
  if (!any_before) normal = std::numeric_limits<double>::infinity();
  // A request under way at the start that failed or came back slow: the outage hit the workload
  // even when its next request was served normally (a stream that restarts only afterwards).
  bool hit = false;
  for (const models::RequestOutcome& o : record.outcomes())
    if (o.workload == w && o.arrival < start && o.end >= start && (!models::completed(o) || o.end - o.arrival > normal))
      hit = true;
  std::sort(after.begin(), after.end(), [](const auto* a, const auto* b) { return a->arrival < b->arrival; });
  for (std::size_t i = 0; i < after.size(); ++i) {
    const models::RequestOutcome& o = *after[i];
    if (!models::completed(o) || o.end - o.arrival > normal) continue;
    return {i == 0 && !hit ? 0.0 : o.arrival - start, true};
  }
  // Nothing came back; with no request after the start and none hit, nothing was refused.
  if (after.empty() && !hit) return {0.0, true};
  return {std::max(0.0, horizon - start), false};
}

nlohmann::json impact(const sim::ImpactSpec& spec, const models::RunRecord& record,
                      const std::vector<models::OutageRecord>& outages, double horizon, const RunSections& results) {
  nlohmann::json workloads = nlohmann::json::array();
  double failed_total = 0, failed_cost = 0, unavailable_cost = 0;
  for (std::uint32_t w = 0; w < record.workloads().size() && w < results.workloads.size(); ++w) {
    const nlohmann::json& metrics = results.workloads[w];
    const std::string name = metrics.value("name", "");
    const sim::RequestImpact rates = spec.for_workload(name, metrics.value("class", ""));
    const double failed = number_or_zero(metrics, "failed");
    double unavailable = 0;
    bool recovered = true;
    nlohmann::json per_outage = nlohmann::json::array();
    for (const models::OutageRecord& o : outages) {
      const Unavailability u = workload_unavailability(record, w, o.start, horizon);
      unavailable += u.seconds;
      recovered = recovered && u.recovered;
      per_outage.push_back({{"outage", o.name}, {"unavailable_seconds", u.seconds}, {"recovered", u.recovered}});
    }
    const double f_cost = failed * rates.usd_per_failed_request.value_or(0);
    const double u_cost = unavailable * rates.usd_per_unavailable_second.value_or(0);
    failed_total += failed;
    failed_cost += f_cost;
    unavailable_cost += u_cost;
    workloads.push_back({{"name", name},
                         {"failed", failed},
                         {"unavailable_seconds", unavailable},
                         {"recovered", recovered},
                         {"outages", per_outage},
                         {"usd_per_failed_request", rate_or_null(rates.usd_per_failed_request, 1)},
                         {"usd_per_unavailable_hour", rate_or_null(rates.usd_per_unavailable_second, 3600)},
                         {"failed_cost_usd", f_cost},
                         {"unavailable_cost_usd", u_cost}});
  }
  // Lost data: Delta tables counted in commits, every other component in bytes.
  nlohmann::json data = nlohmann::json::array();
  double data_cost = 0;
  if (results.data_loss.is_object() && results.data_loss.contains("region_outages")) {
    for (const nlohmann::json& o : results.data_loss["region_outages"]) {
      for (const nlohmann::json& c : o.value("components", nlohmann::json::array())) {
        const std::string name = c.value("name", "");
        const sim::DataImpact rates = spec.for_table(name);
        const bool commits = c.value("unit", "") == "commits";
        const double lost = commits ? number_or_zero(c, "lost_writes") : number_or_zero(c, "lost_bytes");
        const std::optional<double> rate = commits ? rates.usd_per_lost_commit : rates.usd_per_lost_byte;
        if (lost <= 0) continue;
        const double usd = lost * rate.value_or(0);
        data_cost += usd;
        data.push_back({{"outage", o.value("name", "")},
                        {"component", name},
                        {"unit", commits ? "commits" : "bytes"},
                        {"lost", lost},
                        {"usd_per_unit", rate_or_null(rate, 1)},
                        {"cost_usd", usd}});
      }
    }
  }
  const double infrastructure = number_or_zero(results.cost, "total_usd");
  return {{"configured", "the USD rates (usd_per_*); every other figure is simulated"},
          {"workloads", workloads},
          {"lost_data", data},
          {"failed_requests", failed_total},
          {"failed_requests_cost_usd", failed_cost},
          {"unavailable_cost_usd", unavailable_cost},
          {"outage_cost_usd", failed_cost + unavailable_cost},
          {"data_loss_cost_usd", data_cost},
          {"infrastructure_usd", infrastructure},
          {"total_usd", infrastructure + failed_cost + unavailable_cost + data_cost}};
}

std::string impact_text(const nlohmann::json& impact) {
  char line[256];
  std::string out = "business impact:\n";
  for (const nlohmann::json& w : impact["workloads"]) {
    const double seconds = w["unavailable_seconds"].get<double>();
    if (seconds <= 0 && w["failed"].get<double>() <= 0) continue;
    std::snprintf(line, sizeof line, "  %-14s failed %6.0f  unavailable %-9s%s  %10.2f USD\n",
                  w["name"].get<std::string>().c_str(), w["failed"].get<double>(),
                  sim::format_whole_duration(seconds).c_str(), w["recovered"].get<bool>() ? "" : " (not recovered)",
                  w["failed_cost_usd"].get<double>() + w["unavailable_cost_usd"].get<double>());
    out += line;
  }
  std::snprintf(line, sizeof line, "  outage %.2f USD + data loss %.2f USD + infrastructure %.2f USD = %.2f USD\n",
                impact["outage_cost_usd"].get<double>(), impact["data_loss_cost_usd"].get<double>(),
                impact["infrastructure_usd"].get<double>(), impact["total_usd"].get<double>());
  return out + line;
}

}  // namespace lakesim::analysis
