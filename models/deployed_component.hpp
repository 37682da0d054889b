#pragma once
// One catalogue component deployed in one region: the state every archetype shares. It knows
// which row of the catalogue it is, where it runs, whether it is up, and what it has served.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/failure.hpp"
#include "scenario/catalog.hpp"

namespace lakesim::models {

namespace sg4 = simgrid::s4u;

class DeployedComponent {
 public:
  DeployedComponent(const Component& entry, std::string region, std::vector<sg4::Host*> hosts);
  virtual ~DeployedComponent() = default;
  DeployedComponent(const DeployedComponent&) = delete;
  DeployedComponent& operator=(const DeployedComponent&) = delete;

  const Component& entry() const { return entry_; }
  const std::string& region() const { return region_; }
  const std::vector<sg4::Host*>& hosts() const { return hosts_; }
  // "Unity Catalog@us-east-1"; "Workspace UI@us-east-1/analytics" in a listed workspace. Built
  // once: every request names its component when it fails.
  const std::string& label() const { return label_; }
  // The listed workspace a workspace-scoped component serves; empty for shared ones.
  const std::string& workspace() const { return workspace_; }
  void set_workspace(std::string name);
  // The first of its hosts that is on (where a hop from this component starts); null if none.
  sg4::Host* first_live_host() const;

  // Explicit up/down state, set by fault injection and recovery; a down component refuses work.
  bool is_up() const { return up_; }
  // `cause` is what callers are told while it is down (a whole region out: RegionUnavailable).
  void set_up(bool up, FailureCause cause = FailureCause::ServiceDown) {
    up_ = up;
    down_cause_ = cause;
  }
  // Throws RequestFailed with the down cause when down, or RegionUnavailable when none of its
  // hosts is on.
  void require_available() const;

  // Accounting, read by the analysis layer.
  void count_served(double busy_seconds = 0) {
    ++served_;
    busy_seconds_ += busy_seconds;
  }
  void count_failure(FailureCause cause) { ++failures_[static_cast<std::size_t>(cause)]; }
  std::uint64_t served() const { return served_; }
  std::uint64_t failures(FailureCause cause) const { return failures_[static_cast<std::size_t>(cause)]; }
  double busy_seconds() const { return busy_seconds_; }
  // How many requests it can work on at once (replicas x concurrency, instances, ...): the
  // denominator of its utilisation.
  virtual double capacity() const { return static_cast<double>(hosts_.size()); }

 protected:
  // The first of its hosts that is on, rotating so that load spreads over replicas.
  sg4::Host* pick_host();

 private:
  const Component& entry_;
  std::string region_;
  std::string workspace_;
  std::string label_;
  std::vector<sg4::Host*> hosts_;
  bool up_ = true;
  FailureCause down_cause_ = FailureCause::ServiceDown;
  std::size_t next_host_ = 0;
  std::uint64_t served_ = 0;
  double busy_seconds_ = 0;
  std::array<std::uint64_t, std::size(kAllFailureCauses)> failures_{};
};

}  // namespace lakesim::models
