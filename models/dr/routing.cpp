#include "models/dr/routing.hpp"

namespace lakesim::models {

Routing::Routing(const sim::Scenario& scenario, const sim::DrSpec* spec) : spec_(spec) {
  if (!spec_ || spec_->strategy == sim::DrStrategy::None) return;
  for (const sim::WorkloadSpec& w : scenario.workloads) {
    if (w.region != spec_->primary) continue;
    auto moved = std::make_unique<sim::WorkloadSpec>(w);
    moved->region = spec_->secondary;
    if (auto it = spec_->compute_map.find(w.compute); it != spec_->compute_map.end()) moved->compute = it->second;
    if (!w.table.empty()) moved->table = replica_table(w.table, spec_->secondary);
    moved_.emplace(&w, std::move(moved));
  }
}

std::string Routing::replica_table(const std::string& table, const std::string& region) { return table + "@" + region; }

void Routing::fail_over() {
  if (!spec_ || failed_over_) return;
  failed_over_ = true;
  pending_ = false;
  ++generation_;
  for (const auto& observer : move_observers_) observer(true);
}

void Routing::fail_back() {
  if (!failed_over_) return;
  if (failback_gate_) failback_gate_();
  failed_over_ = false;
  ++generation_;
  for (const auto& observer : move_observers_) observer(false);
}

const sim::WorkloadSpec& Routing::route(const sim::WorkloadSpec& spec) const {
  if (!failed_over_) return spec;
  auto it = moved_.find(&spec);
  return it == moved_.end() ? spec : *it->second;
}

const sim::WorkloadSpec& Routing::route_to(const sim::WorkloadSpec& spec, const std::string& region) const {
  if (!spec_ || region != spec_->secondary) return spec;
  auto it = moved_.find(&spec);
  return it == moved_.end() ? spec : *it->second;
}

const std::string& Routing::compute_for(const std::string& compute) const {
  if (!failed_over_) return compute;
  auto it = spec_->compute_map.find(compute);
  return it == spec_->compute_map.end() ? compute : it->second;
}

const std::string& Routing::region_for(const std::string& region) const {
  return failed_over_ && region == spec_->primary ? spec_->secondary : region;
}

}  // namespace lakesim::models
