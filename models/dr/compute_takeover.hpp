#pragma once
// The compute step of a failover: each secondary placement that takes over a primary pool is
// brought to the primary's size by leasing instances through its pool (warm ones first, cold
// ones after the pool's start-up delay, behind whatever the secondary's own work holds) and
// keeping them started for the users who follow. The step ends when every placement can serve:
// at once with warm instances (the cold ones keep starting behind it), else once its first cold
// instances have started. The secondary region has a finite number of
// instances free for new launches (`dr.secondary_free_instances`): launches beyond it are
// blocked, the placement's users wait for instances already started, and the missing ones are
// launched when capacity frees up after `dr.capacity_wait` (or never, when it is 0: a partial
// recovery). SQL warehouses scale with their own autoscaler once the queries arrive.
#include <memory>
#include <string>
#include <vector>

#include "models/deployment.hpp"

namespace lakesim::models {

struct PlacementTakeover {
  std::string placement;                       // the secondary placement
  int demand = 0;                              // instances the failover wants running there
  int warm = 0;                                // of which running before the failover
  int launched = 0;                            // cold instances the failover started
  int short_by = 0;                            // launches the region's free capacity could not serve at once
  double serving = -1;                         // when it could serve (warm, or its first launches started); -1 never
  double ready = -1;                           // when all it asked for were started; -1 never
  double capacity_arrived = -1;                // when the missing launches went ahead; -1 never
  std::vector<std::string> waiting_workloads;  // primary workloads that run there and met the shortage
};

class ComputeTakeover {
 public:
  ComputeTakeover(Deployment& deployment, const sim::DrSpec& spec);
  // Leases and starts the instances; blocks the calling actor until every placement can serve
  // (with a shortage and no warm or launchable instance, until capacity frees up), or `horizon`.
  // The records stay shared with the actors that finish the scale-out after the step.
  std::vector<std::shared_ptr<PlacementTakeover>> run(double horizon);

 private:
  Deployment& deployment_;
  const sim::DrSpec& spec_;
};

}  // namespace lakesim::models
