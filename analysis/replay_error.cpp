#include "analysis/replay_error.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "analysis/statistics.hpp"

namespace lakesim::analysis {

std::size_t held_out_from(const sim::WorkloadSpec& spec) {
  if (!spec.trace) return 0;
  const auto& rows = spec.trace->queries;
  std::size_t finished = 0;
  for (const sim::TraceQuery& q : rows) finished += q.status == "FINISHED";
  const std::size_t first_half = finished / 2;
  std::size_t seen = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].status != "FINISHED") continue;
    if (seen == first_half) return i;
    ++seen;
  }
  return rows.size();
}

std::vector<ReplayedStatement> replayed_statements(const models::RunRecord& record, std::uint32_t workload) {
  std::vector<ReplayedStatement> out;
  if (workload >= record.workloads().size()) return out;
  const sim::WorkloadSpec& spec = *record.workloads()[workload];
  if (!spec.trace || spec.trace->queries.empty()) return out;
  const std::size_t held_out = held_out_from(spec);
  for (const models::RequestOutcome& o : record.outcomes()) {
    if (o.workload != workload || !models::completed(o) || o.trace_row < 0 || !(o.recorded > 0)) continue;
    const auto row = static_cast<std::size_t>(o.trace_row);
    if (row >= spec.trace->queries.size()) continue;
    const sim::TraceQuery& q = spec.trace->queries[row];
    if (q.status != "FINISHED") continue;
    out.push_back({row, q.compute.empty() ? spec.compute : q.compute, o.end - o.arrival, o.recorded, row >= held_out});
  }
  std::sort(out.begin(), out.end(),
            [](const ReplayedStatement& a, const ReplayedStatement& b) { return a.row < b.row; });
  return out;
}

ReplayError replay_error(std::vector<double> ratios) {
  ReplayError e;
  e.compared = ratios.size();
  if (ratios.empty()) return e;
  std::size_t within = 0;
  for (double r : ratios) within += r >= 0.8 && r <= 1.25;
  e.within_25 = static_cast<double>(within) / static_cast<double>(ratios.size());
  e.p50 = percentile(ratios, 50);
  e.p95 = percentile(ratios, 95);
  return e;
}

nlohmann::json to_json(const ReplayError& e) {
  return {{"compared", e.compared}, {"p50", e.p50}, {"p95", e.p95}, {"within_25_percent", e.within_25}};
}

nlohmann::json replay_error_json(const std::vector<ReplayedStatement>& statements) {
  std::vector<double> whole, first, second;
  std::map<std::string, std::vector<double>> by_placement;
  for (const ReplayedStatement& s : statements) {
    const double ratio = s.simulated / s.recorded;
    whole.push_back(ratio);
    (s.held_out ? second : first).push_back(ratio);
    by_placement[s.placement].push_back(ratio);
  }
  nlohmann::json by = nlohmann::json::object();
  for (auto& [placement, ratios] : by_placement) by[placement] = to_json(replay_error(std::move(ratios)));
  return {{"whole", to_json(replay_error(std::move(whole)))},
          {"first_half", to_json(replay_error(std::move(first)))},
          {"held_out_half", to_json(replay_error(std::move(second)))},
          {"by_warehouse", by}};
}

std::string replay_error_text(const nlohmann::json& error, const std::string& indent) {
  std::string out;
  char line[256];
  const auto row = [&](const char* what, const nlohmann::json& e) {
    std::snprintf(line, sizeof line, "%s%-16s p50 %6.2f  p95 %6.2f  within 25%% %5.1f%%  (%zu statements)\n",
                  indent.c_str(), what, e["p50"].get<double>(), e["p95"].get<double>(),
                  100 * e["within_25_percent"].get<double>(), e["compared"].get<std::size_t>());
    out += line;
  };
  out += indent + "simulated / recorded duration of the FINISHED statements:\n";
  row("whole trace", error["whole"]);
  row("first half", error["first_half"]);
  row("held-out half", error["held_out_half"]);
  if (error["by_warehouse"].size() > 1)
    for (const auto& [placement, e] : error["by_warehouse"].items()) row(placement.c_str(), e);
  return out;
}

}  // namespace lakesim::analysis
