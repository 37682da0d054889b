#pragma once
// Black-box monitoring, the way an SRE measures availability: every control-plane service of
// every region gets a synthetic request from the users' side at a fixed interval. The answers
// (ok or not, and when) are what availability and recovery time are computed from.
#include <string>
#include <vector>

#include "models/deployment.hpp"

namespace lakesim::models {

// The probes of one service as the users of its region see it: after a DR failover they reach
// the same service in the secondary.
struct ProbeSeries {
  Service* service = nullptr;  // the service in its users' home region
  std::vector<double> times;
  std::vector<bool> ok;
};

class ServiceProbes {
 public:
  // `interval`: seconds between two probes of a service (30 s is Route 53's default).
  ServiceProbes(Deployment& deployment, double interval = 30);
  void start(double horizon);  // one probing actor per control-plane region

  double interval() const { return interval_; }
  const std::vector<ProbeSeries>& series() const { return series_; }

 private:
  Deployment& deployment_;
  double interval_;
  std::vector<ProbeSeries> series_;
};

}  // namespace lakesim::models
