#pragma once
// The "service" archetype: a request/response pool of replicas on control-plane hosts. A call is
// a request message from the caller's host to a replica, a wait for one of the replica's
// concurrency slots, the work on the replica's cores (shared with every other service on that
// host), and a response message back; latency, queueing and contention therefore come from the
// platform. The replica's cores are computed by sim::SharedCpu, and messages small enough to
// travel without a flow are folded into the same wait, so that a call on a host that is not
// saturated is one wake-up of the caller.
#include <string>
#include <vector>

#include "models/deployed_component.hpp"

namespace lakesim::models {

struct ServiceConfig {
  double service_time = 0.010;  // seconds of one reference core per request
  int concurrency = 32;         // requests in progress per replica
  double request_bytes = 2e3;
  double response_bytes = 8e3;
  double timeout = 30;  // seconds a caller waits for a slot before giving up

  void check(const std::string& who) const;  // throws std::invalid_argument naming `who`
};

struct CallTiming {
  double queued = 0;             // waiting for a slot
  double total = 0;              // from sending the request to receiving the response
  sg4::Host* replica = nullptr;  // which replica served it
};

class Service : public DeployedComponent {
 public:
  Service(const Component& entry, std::string region, std::vector<sg4::Host*> replicas, ServiceConfig config);

  // Serves one request from `client`; `work_scale` multiplies the service time. Throws
  // RequestFailed with the cause when the service, its host or the route is unavailable.
  CallTiming call(sg4::Host* client, double work_scale = 1.0);
  // A synthetic monitoring request: the same path as a call, but not counted as served work or
  // as a failure of the service (probes measure availability; they are not the workload).
  bool probe(sg4::Host* client);

  const ServiceConfig& config() const { return config_; }
  double capacity() const override { return static_cast<double>(hosts().size() * config_.concurrency); }
  double queued_seconds() const { return queued_seconds_; }

 private:
  ServiceConfig config_;
  std::vector<int> groups_;  // this service's group on each replica's shared CPU, in the order of hosts()
  CallTiming serve(sg4::Host* client, double work_scale, bool counted);

  double queued_seconds_ = 0;
};

}  // namespace lakesim::models
