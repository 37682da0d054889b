#pragma once
// Calls from the IaC runner to the secondary region's Workspace APIs, as a DR run makes them: at
// most `iac_api_rate` a second (each call waits for the rate limit's next slot), each taking
// `iac_call_latency` to process, and a refused or failed call tried again after a pause. Shared by
// the infrastructure run and the metadata import, which draw on the same API.
#include <cstdint>
#include <functional>

#include "models/deployment.hpp"

namespace lakesim::models {

class WorkspaceApiCalls {
 public:
  WorkspaceApiCalls(Deployment& deployment, const sim::DrSpec& spec) : deployment_(deployment), spec_(spec) {}

  // The rate limit's first slot.
  void start_at(double t) { next_slot_ = t; }

  // One call, retried until it succeeds (true) or `horizon` passes (false); `with_call` runs right
  // after the API accepts it (bytes it moves, writes it makes), and its failures are retried too.
  // Each failed attempt adds one to `failed`.
  bool call(double horizon, std::uint64_t& failed, const std::function<void()>& with_call = {});

 private:
  Deployment& deployment_;
  const sim::DrSpec& spec_;
  double next_slot_ = 0;  // the rate limit's next free instant
};

}  // namespace lakesim::models
