#pragma once
// The regeneration of notebook outputs after a failover (the catalogue's `regenerate` practice):
// outputs are not copied, so once the secondary's compute can serve, the latest output of every
// notebook that wrote one in the primary is made again by rerunning the notebook's command on
// the secondary placement that takes over its compute: the instances it leases, the reads and
// core time of its work (drawn from the notebook's own distributions, stream
// "dr/regenerate/<workload>"), and the result written into the secondary's Notebook Outputs.
// The notebooks rerun one after another, in the background: users are redirected without
// waiting, and the outputs recover when the last one is written.
#include <memory>
#include <string>
#include <vector>

#include "models/deployment.hpp"

namespace lakesim::models {

struct RegenerationOutcome {
  std::vector<std::string> notebooks;  // rerun, in the scenario's order
  std::uint64_t regenerated = 0;       // outputs written again
  double core_seconds = 0;             // the reruns' compute, on reference cores
  double result_bytes = 0;
  double start = -1;
  double end = -1;  // -1: not every output by the run's end
  std::string failure;
};

class NotebookRegeneration {
 public:
  NotebookRegeneration(Deployment& deployment, const sim::DrSpec& spec);
  // Starts the reruns in the background; null when no notebook of the primary wrote an output.
  std::shared_ptr<RegenerationOutcome> start();

 private:
  Deployment& deployment_;
  const sim::DrSpec& spec_;
};

}  // namespace lakesim::models
