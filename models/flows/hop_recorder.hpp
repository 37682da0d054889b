#pragma once
// What one request did, hop by hop, for whoever wants to watch it: `lakesim explain` and the
// tests attach a recorder to a request's FlowContext, and the flows report each hop to it. A
// request without one (every request of a normal run) pays one pointer test per hop.
#include <string>
#include <utility>
#include <vector>

namespace lakesim::models {

struct RecordedHop {
  // Catalogue id of the component; several joined by '+' when one hop reaches them together;
  // "identity_provider" or "client" for the systems outside AWS.
  std::string component;
  std::string region;  // "" outside AWS
  std::string host;    // where the hop ran: the replica that served it, the instance, the S3 endpoint
  std::string what;    // what the request did there, in plain words
  double start = 0;    // simulated clock when the hop began
  double end = 0;      // and when it was over
};

class HopRecorder {
 public:
  virtual ~HopRecorder() = default;
  virtual void record(RecordedHop hop) = 0;
};

// Keeps every hop, in the order they ended.
class HopList final : public HopRecorder {
 public:
  void record(RecordedHop hop) override { hops_.push_back(std::move(hop)); }
  const std::vector<RecordedHop>& hops() const { return hops_; }

 private:
  std::vector<RecordedHop> hops_;
};

}  // namespace lakesim::models
