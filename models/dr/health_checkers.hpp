#pragma once
// Route 53 style health checking of the primary region's workspace endpoint. Checkers sit on
// hosts outside the primary region (the Internet's clients host, then one host per AZ of the
// other regions, in turn) and probe the endpoint through the simulated network, each on its own
// phase of the cycle since checkers do not coordinate. A check fails when the probe fails or
// answers after the timeout; a checker changes its view after `threshold` consecutive results
// that disagree with it; the endpoint is declared unhealthy when at least the configured share
// of checkers sees it so, and healthy again when fewer do. Partial faults (a degraded or cut
// link, a control plane down while the rest runs) therefore act on detection through the same
// probes as a whole-region loss.
#include <cstdint>
#include <vector>

#include "models/deployment.hpp"

namespace lakesim::models {

class HealthCheckers {
 public:
  // The orchestrator may still wait on the condition variable when a run is cut short (--max-wall)
  // and this goes before the engine; SimGrid refuses to destroy one in use, so both are left to
  // the engine's end.
  ~HealthCheckers();
  HealthCheckers(const HealthCheckers&) = delete;
  HealthCheckers& operator=(const HealthCheckers&) = delete;
  HealthCheckers(Deployment& deployment, const sim::DrSpec& spec);
  void start(double horizon);  // one actor per checker on the users' side, until `horizon`

  // Blocks the calling actor until the endpoint's aggregated state is `healthy`; false when the
  // run reaches `horizon` first.
  bool await(bool healthy, double horizon);
  bool healthy() const { return healthy_; }
  // The earliest check of the streaks that turned the endpoint's state at its last change.
  double streak_start() const { return streak_start_; }

  std::uint64_t checks() const { return checks_; }
  const std::vector<sg4::Host*>& hosts() const { return hosts_; }
  const std::vector<double>& phases() const { return phases_; }  // first check of each checker

 private:
  struct Checker {
    int streak = 0;           // consecutive results that disagree with `healthy`
    double streak_first = 0;  // when that streak began
    bool healthy = true;
    double turned_by = 0;   // first check of the streak that last turned this checker's view
    bool reporting = true;  // false while the checker's own host is down
  };
  void aggregate(double at);
  void check(std::size_t k);
  void report(std::size_t k, bool ok, double at);

  Deployment& deployment_;
  const sim::DrSpec& spec_;
  std::vector<sg4::Host*> hosts_;
  std::vector<double> phases_;
  std::vector<Checker> checkers_;
  bool healthy_ = true;
  double streak_start_ = 0;
  std::uint64_t checks_ = 0;
  sg4::MutexPtr mutex_;
  sg4::ConditionVariablePtr changed_;
};

}  // namespace lakesim::models
