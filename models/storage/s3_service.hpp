#pragma once
// Amazon S3 in one region, as its clients see it: a request-rate limit per prefix (503 SlowDown
// beyond it, retried with exponential backoff), a first-byte latency, a bandwidth per connection,
// and the regional endpoint host through which every byte travels, so that the network's
// latency, bottlenecks and contention apply. It is not an actor: its methods run inside the
// calling actor and block it. With the spec's ramp-up it is Cloud Storage, whose prefixes (one
// bucket per dataset) start at their initial rate and earn higher caps under sustained demand.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/failure.hpp"
#include "models/storage/token_bucket.hpp"
#include "scenario/scenario.hpp"
#include "sim/network_transfers.hpp"

namespace lakesim::models {

namespace sg4 = simgrid::s4u;

enum class S3Op { Read, Write };  // GET/HEAD/LIST vs PUT/COPY/POST/DELETE: separate limits
const char* to_string(S3Op op);

// `requests` requests moving `bytes` in total, over `connections` parallel connections. Many
// small requests travel as one aggregated flow. Files spread over `prefixes` prefixes (a
// partitioned table: "<prefix>part-<k>/", k < prefixes) spread the requests evenly over them,
// each prefix with its own request rate.
struct S3Request {
  std::string prefix;
  S3Op op = S3Op::Read;
  double bytes = 0;
  double requests = 1;
  int connections = 1;
  int prefixes = 1;
};

struct S3Result {
  double seconds = 0;           // from the call to the last byte
  std::uint64_t throttled = 0;  // requests that received at least one 503 SlowDown
  std::uint64_t retries = 0;    // 503s answered before the requests went through
};

// One of several reads started together (S3Service::read_together), and how it went.
struct S3Part {
  sg4::Host* client = nullptr;
  S3Request request;
};
struct S3PartOutcome {
  S3Result result;
  std::optional<RequestFailed> failure;
};

// Seconds a request answered 503 SlowDown keeps retrying before its client gives up: the S3A
// client's throttle retries, each back-off twice the one before from twice the interval (Hadoop's
// exponential back-off), capped at the longest back-off; jittered +/-50%, so this is the mean.
double throttle_retry_budget(const sim::S3ClientSpec& client);

// The client side follows the spec's client (the Databricks runtime's S3A): an instance opens at
// most `connection_maximum` connections for one batch, and a request that S3 keeps refusing
// retries with back-off until its budget is spent, then fails as Throttled.
class S3Service {
 public:
  // Requests that would have to keep retrying for longer than `max_retry_window` seconds give up
  // (negative: the client's retry budget, throttle_retry_budget).
  S3Service(std::string region, const sim::S3Spec& spec, sg4::Host* endpoint, double max_retry_window = -1);
  S3Service(const S3Service&) = delete;
  S3Service& operator=(const S3Service&) = delete;

  // Blocks the calling actor for the whole batch: the wait for request-rate tokens, the
  // first-byte latency, then one transfer (Read: endpoint to client; Write: client to endpoint).
  // Throws RequestFailed: Throttled, RegionUnavailable (S3 or its endpoint is down), or the
  // network's cause; std::invalid_argument for a malformed request.
  S3Result transfer(sg4::Host* client, const S3Request& request);

  // Reads started at the same instant that the caller waits for together (every instance of an
  // SQL warehouse's cluster reading its share of a query's tables): each as `transfer` would run
  // it at this instant, except that they share what they share (an instance's NIC, a prefix's
  // request tokens), and that S3's availability is checked when they start and when the last one
  // ends. When every read is computed (small objects, instances with a dedicated downlink), the
  // caller waits once; otherwise each read runs on a worker of its instance. Blocks until every
  // read is over; a failed read does not stop the others.
  std::vector<S3PartOutcome> read_together(const std::vector<S3Part>& parts);

  // Reads and writes fail separately in real outages, so they are switched separately.
  void set_available(S3Op op, bool available) { available_[index(op)] = available; }
  // Scales the per-prefix request rate of `op` (a throttling storm: S3 answers SlowDown sooner).
  void set_rate_factor(S3Op op, double factor);
  bool available(S3Op op) const { return available_[index(op)] && endpoint_->is_on(); }

  // Compute instances whose transfers go through a port of their own (sim/platform.hpp) rather
  // than the regional endpoint; the map must outlive the service.
  void set_ports(const std::unordered_map<const sg4::Host*, sg4::Host*>* ports) { ports_ = ports; }

  const std::string& region() const { return region_; }
  sg4::Host* endpoint() const { return endpoint_; }
  const sim::S3Spec& spec() const { return spec_; }
  double max_retry_window() const { return max_retry_window_; }

  // A prefix's request-rate cap now: the spec's rate, scaled by a throttling storm and, with a
  // ramp-up (Cloud Storage), by the doublings its demand has earned so far.
  double request_rate(const std::string& prefix, S3Op op) const;

  // Totals of completed transfers (requests, bytes) and of requests that met a 503.
  std::uint64_t requests(S3Op op) const;
  std::uint64_t throttled(S3Op op) const { return throttled_[index(op)]; }
  double bytes(S3Op op) const { return bytes_[index(op)]; }

 private:
  static std::size_t index(S3Op op) { return op == S3Op::Read ? 0 : 1; }
  void check(const S3Request& request) const;
  void require_available(S3Op op, const std::string& where) const;
  TokenBucket& bucket(const std::string& prefix, S3Op op);
  // Where a request on `prefix` fails, as its RequestFailed names it.
  std::string where_of(const std::string& prefix) const;
  // Takes the request's tokens now: the seconds until the last has accrued (503s and retries
  // counted in `result`). Throws Throttled when that is beyond the retry window (the caller
  // lets the window pass first: the client spends its retries before it gives up).
  double take_tokens(const S3Request& request, S3Result& result, const std::string& prefix);
  sg4::Host* far_end(sg4::Host* client) const;  // the client's S3 port, or the endpoint
  // The route of a read into `client` (from its far end) or of a write out of it, looked up once
  // per client: a request would otherwise look the port up, then the route.
  const sim::NetworkRoute& route_of(sg4::Host* client, S3Op op) const;
  int connections(const S3Request& request) const;  // within the client's connection pool
  std::vector<S3PartOutcome> read_computed_together(const std::vector<S3Part>& parts);
  std::vector<S3PartOutcome> read_on_workers(const std::vector<S3Part>& parts);
  void move_bytes(sg4::Host* client, const S3Request& request, const std::string& where);

  std::string region_;
  sim::S3Spec spec_;
  sg4::Host* endpoint_;
  const std::unordered_map<const sg4::Host*, sg4::Host*>* ports_ = nullptr;
  mutable std::unordered_map<const sg4::Host*, std::array<const sim::NetworkRoute*, 2>> routes_;  // by index(op)
  double max_retry_window_;
  std::array<bool, 2> available_{true, true};
  std::map<std::pair<std::string, S3Op>, TokenBucket> buckets_;
  double rate_factor_[2] = {1.0, 1.0};  // by S3Op: below 1 during a throttling storm
  std::array<double, 2> requests_{};    // a batch may stand for a fractional number of requests
  std::array<std::uint64_t, 2> throttled_{};
  std::array<double, 2> bytes_{};
};

}  // namespace lakesim::models
