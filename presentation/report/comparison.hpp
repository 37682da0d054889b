#pragma once
// Designs side by side: each design's headline metrics over the same replications (common random
// numbers: replication i of every design ran with the same seed), each design's difference to
// the baseline (the first design) with a paired t-test at 95 %, as a terminal table,
// comparison.json and a self-contained comparison.html.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "presentation/report/headline_metrics.hpp"

namespace lakesim::presentation::report {

struct Design {
  std::string label;
  MetricSamples samples;  // one run per common seed
};

struct Comparison {
  std::vector<Design> designs;       // the first is the baseline
  std::vector<std::uint64_t> seeds;  // replication i of every design ran with seeds[i]
  bool common_seeds = true;          // false: single runs that are not paired (`lakesim report A B`)
};

// A person's name for a metric: "etl: throughput per hour", "cost per day (USD)".
std::string metric_label(const std::string& metric);
// +1 when more is better (throughput), -1 when less is (latency, RTO, RPO, losses, cost).
int metric_direction(const std::string& metric);

nlohmann::json comparison_json(const Comparison& comparison);
std::string comparison_text(const Comparison& comparison);
// `runs` (label, results) of one replication per design feed the throughput overlay chart.
std::string comparison_html(const Comparison& comparison, const std::string& title,
                            const std::vector<std::pair<std::string, nlohmann::json>>& runs);

}  // namespace lakesim::presentation::report
