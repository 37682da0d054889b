#include "models/storage/s3_service.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>

#include <simgrid/Exception.hpp>

#include "sim/dedicated_downlink.hpp"
#include "sim/network_transfers.hpp"

namespace lakesim::models {

namespace {

// Client retry policy for 503 SlowDown: exponential backoff from 100 ms, each delay capped at
// 20 s (the AWS SDKs' figures, without jitter).
constexpr double kBackoffBase = 0.1;
constexpr double kBackoffCap = 20;

// Retries a request needs before `wait` seconds have passed, its delays doubling up to the cap.
std::uint64_t backoff_rounds(double wait) {
  std::uint64_t rounds = 0;
  double waited = 0;
  for (double delay = kBackoffBase; waited < wait && delay < kBackoffCap; delay *= 2) {
    waited += delay;
    ++rounds;
  }
  if (waited < wait) rounds += static_cast<std::uint64_t>(std::ceil((wait - waited) / kBackoffCap));
  return rounds;
}

}  // namespace

const char* to_string(S3Op op) { return op == S3Op::Read ? "read" : "write"; }

S3Service::S3Service(std::string region, const sim::S3Spec& spec, sg4::Host* endpoint, double max_retry_window)
    : region_(std::move(region)), spec_(spec), endpoint_(endpoint), max_retry_window_(max_retry_window) {
  const std::string who = "S3 in " + region_;
  if (region_.empty()) throw std::invalid_argument("S3: region must not be empty");
  if (endpoint_ == nullptr) throw std::invalid_argument(who + ": endpoint host is null");
  if (!(spec_.first_byte_latency >= 0)) throw std::invalid_argument(who + ": first-byte latency must not be negative");
  if (!(spec_.per_connection_bandwidth > 0))
    throw std::invalid_argument(who + ": per-connection bandwidth must be positive");
  if (!(spec_.read_rate > 0) || !(spec_.write_rate > 0))
    throw std::invalid_argument(who + ": request rates must be positive");
  if (!(max_retry_window_ >= 0)) throw std::invalid_argument(who + ": retry window must not be negative");
}

std::uint64_t S3Service::requests(S3Op op) const {
  return static_cast<std::uint64_t>(std::llround(requests_[index(op)]));
}

void S3Service::check(const S3Request& request) const {
  const std::string who = "S3 request in " + region_;
  if (request.prefix.empty()) throw std::invalid_argument(who + ": prefix must not be empty");
  if (!(request.bytes >= 0) || !std::isfinite(request.bytes))
    throw std::invalid_argument(who + ": bytes must be finite and not negative");
  if (!(request.requests > 0) || !std::isfinite(request.requests))
    throw std::invalid_argument(who + ": the number of requests must be positive");
  if (request.connections < 1) throw std::invalid_argument(who + ": at least one connection is needed");
}

void S3Service::require_available(S3Op op, const std::string& where) const {
  if (!available(op)) throw RequestFailed(FailureCause::RegionUnavailable, where);
}

void S3Service::set_rate_factor(S3Op op, double factor) {
  rate_factor_[static_cast<int>(op)] = factor;
  const double rate = (op == S3Op::Read ? spec_.read_rate : spec_.write_rate) * factor;
  for (auto& [key, b] : buckets_)
    if (key.second == op) b.set_rate(sg4::Engine::get_clock(), rate, rate);
}

TokenBucket& S3Service::bucket(const std::string& prefix, S3Op op) {
  auto key = std::make_pair(prefix, op);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    // One second of burst: a prefix absorbs a short spike at its rate, not a sustained one.
    const double rate = op == S3Op::Read ? spec_.read_rate : spec_.write_rate;
    it = buckets_.emplace(std::move(key), TokenBucket(rate, rate)).first;
    const double factor = rate_factor_[static_cast<int>(op)];
    if (factor != 1.0) it->second.set_rate(sg4::Engine::get_clock(), rate * factor, rate * factor);
    if (spec_.ramp_up) {
      // Cloud Storage: the prefix (a bucket) starts at its initial rate and ramps up from its first request.
      const sim::RequestRateRampUp& r = *spec_.ramp_up;
      it->second.enable_ramp_up(sg4::Engine::get_clock(), TokenBucket::RampUp{r.doubling_period, r.demand_threshold,
                                                                             r.max_factor, r.sample, r.decay_period});
    }
  }
  return it->second;
}

double S3Service::request_rate(const std::string& prefix, S3Op op) const {
  auto it = buckets_.find(std::make_pair(prefix, op));
  const double initial = (op == S3Op::Read ? spec_.read_rate : spec_.write_rate) * rate_factor_[index(op)];
  return it == buckets_.end() ? initial : it->second.rate() * it->second.scale();
}

void S3Service::move_bytes(sg4::Host* client, const S3Request& request, const std::string& where) {
  // SimGrid cannot start a transfer from or to a host that is off (it aborts), so both ends are
  // checked in the same instant as it starts.
  if (!client->is_on()) throw RequestFailed(FailureCause::HostDown, where);
  if (!endpoint_->is_on()) throw RequestFailed(FailureCause::RegionUnavailable, where);
  sg4::Host* far_end = endpoint_;
  if (ports_) {
    auto it = ports_->find(client);
    if (it != ports_->end()) far_end = it->second;
  }
  const bool read = request.op == S3Op::Read;
  sg4::Host* from = read ? far_end : client;
  sg4::Host* to = read ? client : far_end;
  // S3 serves each connection at its own bandwidth, and the first byte comes after the
  // first-byte latency: the batch ends no sooner than first-byte latency + route latency + bytes
  // over the connections' total, however idle the network is. (A bound on the flow itself would
  // need a mailbox and an actor at each end, which cost more than the rest of the request; the
  // two agree whenever the connections' total is below the flow's share.)
  const sim::NetworkRoute& route = sim::network_route(from, to);
  const double rate = request.connections * spec_.per_connection_bandwidth;
  const double fastest = spec_.first_byte_latency + route.latency + request.bytes / rate;
  const double start = sg4::Engine::get_clock();
  try {
    if (sim::carried_without_flow(request.bytes)) {
      // A small object (a snapshot pointer, a log entry) takes no share of any link.
      sim::send_without_flow(route, request.bytes,
                             spec_.first_byte_latency + route.latency + request.bytes / std::min(rate, route.bottleneck));
      return;
    }
    if (read && sim::downlink_dedicated(client)) {
      // The instance receives nothing else with a flow: its reads are computed in closed form,
      // which gives what the flow below would (sim/dedicated_downlink).
      sim::receive_on_dedicated_downlink(route, request.bytes, spec_.first_byte_latency, start + fastest);
      if (!endpoint_->is_on()) throw RequestFailed(FailureCause::RegionUnavailable, where);
      return;
    }
    // One host-to-host flow: the network shares its links with every other flow, and either
    // end failing (or a link of the route) fails it. No actor is needed on either host. It
    // starts at once and the first-byte latency is added at its end, which is the same time
    // on an idle route and saves the engine a wake-up per batch.
    sim::send_bytes(route, request.bytes);
  } catch (const simgrid::Exception&) {
    // A host-to-host transfer reports an end's host failing as a network failure.
    if (!client->is_on()) throw RequestFailed(FailureCause::HostDown, where);
    throw;
  }
  const double now = sg4::Engine::get_clock();
  const double end = std::max(now + spec_.first_byte_latency, start + fastest);
  if (end > now) {
    sg4::this_actor::sleep_for(end - now);
    if (!client->is_on()) throw RequestFailed(FailureCause::HostDown, where);
    if (!endpoint_->is_on()) throw RequestFailed(FailureCause::RegionUnavailable, where);
  }
}

S3Result S3Service::transfer(sg4::Host* client, const S3Request& request) {
  check(request);
  if (client == nullptr) throw std::invalid_argument("S3 request in " + region_ + ": client host is null");
  const std::string where = region_ + "/s3:" + request.prefix;
  require_available(request.op, where);

  const double start = sg4::Engine::get_clock();
  S3Result result;
  TokenBucket& tokens = bucket(request.prefix, request.op);
  tokens.note_demand(start, request.requests);  // refused requests are demand too
  const double wait = tokens.wait_time(start, request.requests);
  if (wait > 0) {
    // Requests beyond the tokens present are answered 503 and retried until their tokens accrue.
    const double refused = std::min(request.requests, request.requests - std::max(0.0, tokens.available(start)));
    result.throttled = static_cast<std::uint64_t>(std::ceil(refused));
    throttled_[index(request.op)] += result.throttled;
    if (wait > max_retry_window_) throw RequestFailed(FailureCause::Throttled, where);
    result.retries = result.throttled * backoff_rounds(wait);
  }
  tokens.wait_for(start, request.requests);

  try {
    translate_failures(where, [&] {
      // The batch completes when its last token has accrued: retrying clients keep the prefix
      // saturated, so the backoff schedule costs retries rather than throughput.
      if (wait > 0) sg4::this_actor::sleep_for(wait);
      require_available(request.op, where);
      move_bytes(client, request, where);
      // S3 switched off while the batch was under way fails it.
      require_available(request.op, where);
    });
  } catch (const RequestFailed& failure) {
    // A transfer cut because the endpoint went down is the region's outage, not a network fault.
    if (!endpoint_->is_on() && failure.cause() != FailureCause::RegionUnavailable)
      throw RequestFailed(FailureCause::RegionUnavailable, where);
    throw;
  }

  result.seconds = sg4::Engine::get_clock() - start;
  requests_[index(request.op)] += request.requests;
  bytes_[index(request.op)] += request.bytes;
  return result;
}

}  // namespace lakesim::models
