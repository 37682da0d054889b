#include "presentation/report/headline_metrics.hpp"

#include <algorithm>

#include "analysis/statistics.hpp"

namespace lakesim::presentation::report {

namespace {

std::optional<double> number_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string text_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const nlohmann::json& list_at(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!object.is_object()) return empty;
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

void add_workloads(const nlohmann::json& results, std::vector<HeadlineValue>& out) {
  for (const auto& w : list_at(results, "workloads")) {
    const std::string prefix = "workloads/" + text_at(w, "name") + "/";
    out.push_back({prefix + "throughput_per_hour", number_at(w, "throughput_per_hour")});
    // No completed request, no latency (results.json says 0 there).
    const bool any = number_at(w, "completed").value_or(0) > 0;
    out.push_back({prefix + "latency_p95_seconds",
                   any && w.contains("latency_seconds") ? number_at(w["latency_seconds"], "p95") : std::nullopt});
    out.push_back({prefix + "failed", number_at(w, "failed")});
  }
}

void add_failovers(const nlohmann::json& results, std::vector<HeadlineValue>& out) {
  if (!results.contains("dr")) return;
  for (const auto& f : list_at(results["dr"], "failovers")) {
    out.push_back({"dr/" + text_at(f, "outage") + "/rto_seconds", number_at(f, "rto_seconds")});
  }
}

// Per affected service, the RTO the users' probes saw; and the worst of them per outage, which
// is missing when any affected service never answered again within the run.
void add_observed_recovery(const nlohmann::json& results, std::vector<HeadlineValue>& out) {
  if (!results.contains("recovery")) return;
  std::vector<std::string> outages;
  std::vector<std::optional<double>> worst;
  std::vector<HeadlineValue> services;
  for (const auto& s : list_at(results["recovery"], "services")) {
    for (const auto& o : list_at(s, "outages")) {
      if (!o.value("affected", false)) continue;
      const std::string outage = text_at(o, "outage");
      const std::optional<double> rto = number_at(o, "rto_seconds");
      services.push_back(
          {"recovery/" + outage + "/" + text_at(s, "component") + "@" + text_at(s, "region") + "/rto_seconds", rto});
      auto it = std::find(outages.begin(), outages.end(), outage);
      if (it == outages.end()) {
        outages.push_back(outage);
        worst.push_back(rto);
      } else {
        auto& w = worst[static_cast<std::size_t>(it - outages.begin())];
        w = (w && rto) ? std::optional<double>(std::max(*w, *rto)) : std::nullopt;
      }
    }
  }
  for (std::size_t i = 0; i < outages.size(); ++i)
    out.push_back({"recovery/" + outages[i] + "/worst_rto_seconds", worst[i]});
  out.insert(out.end(), services.begin(), services.end());
}

void add_data_loss(const nlohmann::json& results, std::vector<HeadlineValue>& out) {
  if (!results.contains("data_loss")) return;
  for (const auto& o : list_at(results["data_loss"], "region_outages")) {
    const std::string prefix = "data_loss/" + text_at(o, "name") + "/";
    double lost = 0;
    for (const auto& c : list_at(o, "components")) lost += number_at(c, "lost_writes").value_or(0);
    out.push_back({prefix + "worst_protected_rpo_seconds", number_at(o, "worst_protected_rpo_seconds")});
    out.push_back({prefix + "lost_writes", lost});
    out.push_back({prefix + "unprotected_lost_writes", number_at(o, "unprotected_lost_writes")});
  }
  // RPO over the outage instants of `rpo_sampling`: the worst protected one, and each table's.
  if (results["data_loss"].contains("rpo_distribution")) {
    const nlohmann::json& d = results["data_loss"]["rpo_distribution"];
    const std::string prefix = "data_loss/rpo_distribution/";
    for (const char* q : {"p50", "p95"})
      out.push_back({prefix + "worst_protected_rpo_" + q + "_seconds", number_at(d["worst_protected"], q)});
    for (const auto& c : list_at(d, "components")) {
      if (text_at(c, "unit") != "commits") continue;
      for (const char* q : {"p50", "p95"})
        out.push_back({prefix + text_at(c, "name") + "/rpo_" + q + "_seconds", number_at(c, q)});
    }
  }
}

void add_cost(const nlohmann::json& results, std::vector<HeadlineValue>& out) {
  if (!results.contains("cost")) return;
  const std::optional<double> total = number_at(results["cost"], "total_usd");
  const std::optional<double> seconds = number_at(results, "simulated_seconds");
  out.push_back({"cost/total_usd", total});
  out.push_back({"cost/usd_per_day",
                 total && seconds && *seconds > 0 ? std::optional<double>(*total * 86400.0 / *seconds) : std::nullopt});
}

// The business impact (when the scenario prices it): per workload the time it was unavailable,
// and the run's failed requests and costs.
void add_impact(const nlohmann::json& results, std::vector<HeadlineValue>& out) {
  if (!results.contains("impact")) return;
  const nlohmann::json& impact = results["impact"];
  for (const auto& w : list_at(impact, "workloads"))
    out.push_back({"impact/" + text_at(w, "name") + "/unavailable_seconds", number_at(w, "unavailable_seconds")});
  for (const char* key :
       {"failed_requests", "outage_cost_usd", "data_loss_cost_usd", "infrastructure_usd", "total_usd"})
    out.push_back({std::string("impact/") + key, number_at(impact, key)});
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<HeadlineValue> headline_metrics(const nlohmann::json& results) {
  std::vector<HeadlineValue> out;
  add_workloads(results, out);
  add_failovers(results, out);
  add_observed_recovery(results, out);
  add_data_loss(results, out);
  add_cost(results, out);
  add_impact(results, out);
  return out;
}

bool is_table_metric(const std::string& metric) {
  if (metric.rfind("workloads/", 0) == 0) {
    return ends_with(metric, "/throughput_per_hour") || ends_with(metric, "/latency_p95_seconds");
  }
  if (metric.rfind("dr/", 0) == 0) return true;
  if (metric.rfind("recovery/", 0) == 0) return ends_with(metric, "/worst_rto_seconds");
  if (metric.rfind("data_loss/", 0) == 0) return !ends_with(metric, "/unprotected_lost_writes");
  if (metric.rfind("impact/", 0) == 0) return true;
  return metric == "cost/usd_per_day";
}

void MetricSamples::set(std::size_t run, const std::vector<HeadlineValue>& values) {
  if (run >= runs_) return;
  for (const HeadlineValue& v : values) {
    auto it = std::find(names_.begin(), names_.end(), v.metric);
    std::size_t index = static_cast<std::size_t>(it - names_.begin());
    if (it == names_.end()) {
      names_.push_back(v.metric);
      values_.emplace_back(runs_);
    }
    values_[index][run] = v.value;
  }
}

std::vector<std::optional<double>> MetricSamples::values(const std::string& metric) const {
  auto it = std::find(names_.begin(), names_.end(), metric);
  if (it == names_.end()) return std::vector<std::optional<double>>(runs_);
  return values_[static_cast<std::size_t>(it - names_.begin())];
}

std::vector<double> MetricSamples::present(const std::string& metric) const {
  std::vector<double> out;
  for (const auto& v : values(metric)) {
    if (v) out.push_back(*v);
  }
  return out;
}

nlohmann::json summary_entries(const MetricSamples& samples) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& name : samples.names()) {
    const analysis::SampleSummary s = analysis::summarize(samples.present(name));
    nlohmann::json values = nlohmann::json::array();
    for (const auto& v : samples.values(name)) values.push_back(v ? nlohmann::json(*v) : nlohmann::json());
    nlohmann::json entry = {{"metric", name}, {"n", s.n}, {"missing", samples.runs() - s.n}};
    if (s.n > 0) {
      entry["mean"] = s.mean;
      entry["stddev"] = s.stddev;
      entry["ci95"] = {s.ci_low, s.ci_high};
    } else {
      entry["mean"] = entry["stddev"] = entry["ci95"] = nullptr;
    }
    entry["values"] = values;
    list.push_back(entry);
  }
  return list;
}

}  // namespace lakesim::presentation::report
