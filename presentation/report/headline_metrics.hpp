#pragma once
// The headline numbers of one run, read back from its results.json, under stable names such as
// "workloads/etl/throughput_per_hour" or "dr/us-east-1-lost/rto_seconds": what replications,
// comparisons and sweeps summarise. A value is absent (nullopt) when the run measured nothing,
// e.g. a service that never answered again before the run's end.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

struct HeadlineValue {
  std::string metric;
  std::optional<double> value;
};

// In the order results.json lists them: workloads, failovers, observed recovery, data loss, cost.
std::vector<HeadlineValue> headline_metrics(const nlohmann::json& results);

// True for the metrics shown in comparison tables (throughput, latency p95, RTO, RPO, lost
// writes, cost per day); the others are kept in the JSON files only.
bool is_table_metric(const std::string& metric);

// The values of each headline metric over a fixed number of runs, in first-seen order; a run
// that lacks a metric (or has not been set) leaves it missing.
class MetricSamples {
 public:
  explicit MetricSamples(std::size_t runs = 0) : runs_(runs) {}
  void set(std::size_t run, const std::vector<HeadlineValue>& values);

  std::size_t runs() const { return runs_; }
  const std::vector<std::string>& names() const { return names_; }
  // One entry per run; nullopt where the run lacks the metric.
  std::vector<std::optional<double>> values(const std::string& metric) const;
  // The values that are present, in run order.
  std::vector<double> present(const std::string& metric) const;

 private:
  std::size_t runs_;
  std::vector<std::string> names_;
  std::vector<std::vector<std::optional<double>>> values_;  // parallel to names_
};

// {"metric", "n", "missing", "mean", "stddev", "ci95": [low, high], "values": [...]} per metric.
nlohmann::json summary_entries(const MetricSamples& samples);

}  // namespace lakesim::presentation::report
