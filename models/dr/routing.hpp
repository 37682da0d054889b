#pragma once
// Where the users of a region are served. Without DR, every workload runs where the scenario
// places it. A failover moves the primary's users to the secondary: their requests enter the
// secondary's control plane, run on the secondary placement that takes over their compute, and
// write the replica of their Delta table there; a failback moves them home again. Requests look
// their route up when they start, so work already under way finishes (or fails) where it began.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace lakesim::models {

class Routing {
 public:
  // `spec` null: no DR, every route is the scenario's own.
  Routing(const sim::Scenario& scenario, const sim::DrSpec* spec);

  // The name of the replica a failover writes instead of `table` (primary tables only).
  static std::string replica_table(const std::string& table, const std::string& region);

  void fail_over();
  void fail_back();
  bool failed_over() const { return failed_over_; }
  // Between the declaration of an outage and the switch (or the decision not to switch).
  void set_failover_pending(bool pending) { pending_ = pending; }
  bool failover_pending() const { return pending_; }
  // Called after every switch: true when users moved to the secondary, false when they moved home.
  void add_move_observer(std::function<void(bool to_secondary)> observer) {
    move_observers_.push_back(std::move(observer));
  }
  // Run by fail_back before users move home, in the caller's actor: a failback that waits for
  // something (the reverse replication's backlog) blocks here.
  void set_failback_gate(std::function<void()> gate) { failback_gate_ = std::move(gate); }
  // Changes at every switch, so that a long-running request can tell its route went stale.
  std::uint64_t generation() const { return generation_; }

  // The workload as it runs now: itself, or a copy moved to the secondary.
  const sim::WorkloadSpec& route(const sim::WorkloadSpec& spec) const;
  // The workload as it runs for a user whose DNS answer is `region`: the copy moved to the
  // secondary when the answer is the secondary, else itself.
  const sim::WorkloadSpec& route_to(const sim::WorkloadSpec& spec, const std::string& region) const;
  // The placement that takes over `compute` now: its DR counterpart after a failover, else itself.
  const std::string& compute_for(const std::string& compute) const;
  // The region whose services answer users homed in `region` now.
  const std::string& region_for(const std::string& region) const;

 private:
  const sim::DrSpec* spec_;
  bool failed_over_ = false;
  bool pending_ = false;
  std::uint64_t generation_ = 0;
  std::map<const sim::WorkloadSpec*, std::unique_ptr<sim::WorkloadSpec>> moved_;  // primary workloads
  std::vector<std::function<void(bool)>> move_observers_;
  std::function<void()> failback_gate_;
};

}  // namespace lakesim::models
