#pragma once
// The infrastructure-as-code run of a failover: Terraform (on the Internet's Terraform host)
// creates the objects of the primary's workspace in the secondary, each through the secondary's
// Workspace APIs service. The objects come from the scenario (the workspace, the compute
// placements that take over, the primary's jobs, streams and training runs, its tables and its
// grants) plus the counts `dr.infrastructure_objects` adds for objects the scenario does not
// model one by one; the strategy decides which kinds exist already (pilot light keeps its
// workspace and metadata; warm standby and active/active keep everything). The workspace comes
// first (everything else depends on it), then the other objects, `parallelism` at a time, each
// call also waiting for a slot of the API rate limit. A call the secondary's control plane
// cannot serve is retried after a pause, so an impaired control plane stalls the run.
#include <cstdint>
#include <map>
#include <string>

#include "models/deployment.hpp"
#include "models/dr/workspace_api_calls.hpp"

namespace lakesim::models {

struct IacOutcome {
  double seconds = 0;
  std::map<std::string, std::uint64_t> objects;  // by kind
  std::uint64_t calls = 0;                       // API calls that succeeded
  std::uint64_t failed_calls = 0;                // retried
  bool finished = false;                         // false: the run ended first
};

class IacRun {
 public:
  IacRun(Deployment& deployment, const sim::DrSpec& spec);
  // The objects this strategy's run creates, by kind (no engine needed).
  const std::map<std::string, std::uint64_t>& objects() const { return objects_; }
  // Creates them; blocks the calling actor until done or `horizon`.
  IacOutcome run(double horizon);

 private:
  bool call(double horizon, IacOutcome& out);  // one API call, retried until it succeeds

  Deployment& deployment_;
  const sim::DrSpec& spec_;
  std::map<std::string, std::uint64_t> objects_;
  WorkspaceApiCalls api_;
};

}  // namespace lakesim::models
