#include "models/storage/s3_service.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <stdexcept>

#include <simgrid/Exception.hpp>

#include "sim/dedicated_downlink.hpp"
#include "sim/network_transfers.hpp"
#include "sim/wakeup.hpp"
#include "sim/worker_pool.hpp"

namespace lakesim::models {

namespace {

// Retries a request needs before `wait` seconds have passed, its back-offs doubling from twice
// the client's interval up to its cap (mean of the jitter).
std::uint64_t backoff_rounds(double wait, const sim::S3ClientSpec& client) {
  std::uint64_t rounds = 0;
  double waited = 0;
  for (double delay = 2 * client.throttle_retry_interval; waited < wait && delay < client.max_backoff; delay *= 2) {
    waited += delay;
    ++rounds;
  }
  if (waited < wait) rounds += static_cast<std::uint64_t>(std::ceil((wait - waited) / client.max_backoff));
  return rounds;
}

// The k-th of the prefixes a request's files spread over.
std::string spread_prefix(const std::string& prefix, int k) { return prefix + "part-" + std::to_string(k) + "/"; }

}  // namespace

double throttle_retry_budget(const sim::S3ClientSpec& client) {
  double budget = 0;
  double delay = 2 * client.throttle_retry_interval;
  for (int r = 0; r < client.throttle_retry_limit; ++r, delay *= 2) budget += std::min(delay, client.max_backoff);
  return budget;
}

const char* to_string(S3Op op) { return op == S3Op::Read ? "read" : "write"; }

S3Service::S3Service(std::string region, const sim::S3Spec& spec, sg4::Host* endpoint, double max_retry_window)
    : region_(std::move(region)),
      spec_(spec),
      endpoint_(endpoint),
      max_retry_window_(max_retry_window < 0 ? throttle_retry_budget(spec.client) : max_retry_window) {
  const std::string who = "S3 in " + region_;
  if (region_.empty()) throw std::invalid_argument("S3: region must not be empty");
  if (endpoint_ == nullptr) throw std::invalid_argument(who + ": endpoint host is null");
  if (!(spec_.first_byte_latency >= 0)) throw std::invalid_argument(who + ": first-byte latency must not be negative");
  if (!(spec_.per_connection_bandwidth > 0))
    throw std::invalid_argument(who + ": per-connection bandwidth must be positive");
  if (!(spec_.read_rate > 0) || !(spec_.write_rate > 0))
    throw std::invalid_argument(who + ": request rates must be positive");
  if (!(max_retry_window_ >= 0)) throw std::invalid_argument(who + ": retry window must not be negative");
  if (spec_.client.connection_maximum < 1) throw std::invalid_argument(who + ": the client needs a connection");
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
  if (request.prefixes < 1) throw std::invalid_argument(who + ": files live under at least one prefix");
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

int S3Service::connections(const S3Request& request) const {
  return std::min(request.connections, spec_.client.connection_maximum);
}

sg4::Host* S3Service::far_end(sg4::Host* client) const {
  if (ports_) {
    auto it = ports_->find(client);
    if (it != ports_->end()) return it->second;
  }
  return endpoint_;
}

const sim::NetworkRoute& S3Service::route_of(sg4::Host* client, S3Op op) const {
  const sim::NetworkRoute*& route = routes_[client][index(op)];
  if (!route)
    route =
        op == S3Op::Read ? &sim::network_route(far_end(client), client) : &sim::network_route(client, far_end(client));
  return *route;
}

void S3Service::move_bytes(sg4::Host* client, const S3Request& request, const std::string& where) {
  // SimGrid cannot start a transfer from or to a host that is off (it aborts), so both ends are
  // checked in the same instant as it starts.
  if (!client->is_on()) throw RequestFailed(FailureCause::HostDown, where);
  if (!endpoint_->is_on()) throw RequestFailed(FailureCause::RegionUnavailable, where);
  const bool read = request.op == S3Op::Read;
  // S3 serves each connection at its own bandwidth, and the first byte comes after the
  // first-byte latency: the batch ends no sooner than first-byte latency + route latency + bytes
  // over the connections' total, however idle the network is. (A bound on the flow itself would
  // need a mailbox and an actor at each end, which cost more than the rest of the request; the
  // two agree whenever the connections' total is below the flow's share.)
  const sim::NetworkRoute& route = route_of(client, request.op);
  const double rate = connections(request) * spec_.per_connection_bandwidth;
  const double fastest = spec_.first_byte_latency + route.latency + request.bytes / rate;
  const double start = sg4::Engine::get_clock();
  try {
    if (sim::carried_without_flow(request.bytes)) {
      // A small object (a snapshot pointer, a log entry) takes no share of any link.
      sim::send_without_flow(
          route, request.bytes,
          spec_.first_byte_latency + route.latency + request.bytes / std::min(rate, route.bottleneck));
      return;
    }
    if (read && route.from != endpoint_ && sim::downlink_dedicated(client)) {
      // The instance receives nothing else with a flow meanwhile: its reads from its port are
      // computed in closed form, which gives what the flow below would (sim/dedicated_downlink).
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
    sim::sleep_for(end - now);
    if (!client->is_on()) throw RequestFailed(FailureCause::HostDown, where);
    if (!endpoint_->is_on()) throw RequestFailed(FailureCause::RegionUnavailable, where);
  }
}

std::string S3Service::where_of(const std::string& prefix) const { return region_ + "/s3:" + prefix; }

double S3Service::take_tokens(const S3Request& request, S3Result& result, const std::string& prefix) {
  const double now = sg4::Engine::get_clock();
  // Spread over several prefixes, each takes its share of the requests; the batch waits for the
  // slowest.
  std::vector<TokenBucket*> buckets;
  if (request.prefixes == 1)
    buckets.push_back(&bucket(request.prefix, request.op));
  else
    for (int k = 0; k < request.prefixes; ++k) buckets.push_back(&bucket(spread_prefix(request.prefix, k), request.op));
  const double share = request.requests / static_cast<double>(buckets.size());
  double wait = 0;
  double refused = 0;
  for (TokenBucket* tokens : buckets) {
    tokens->note_demand(now, share);  // refused requests are demand too
    const double w = tokens->wait_time(now, share);
    if (w > 0) refused += std::min(share, share - std::max(0.0, tokens->available(now)));
    wait = std::max(wait, w);
  }
  if (wait > 0) {
    // Requests beyond the tokens present are answered 503 and retried until their tokens accrue.
    result.throttled = static_cast<std::uint64_t>(std::ceil(refused));
    throttled_[index(request.op)] += result.throttled;
    // A batch stands for requests sent one after another on each of its connections (the
    // client's pool), interleaved with other clients' requests: each request waits for its
    // connection's share of the wait, not for the whole batch. It keeps backing off until its
    // token comes, and gives up only when that is beyond the retry window. (With one request per
    // connection this is the whole wait.)
    const double rounds = std::max(1.0, request.requests / static_cast<double>(connections(request)));
    const double per_request = wait / rounds;
    if (per_request > max_retry_window_) throw RequestFailed(FailureCause::Throttled, where_of(prefix));
    result.retries = result.throttled * backoff_rounds(per_request, spec_.client);
  }
  for (TokenBucket* tokens : buckets) tokens->wait_for(now, share);
  return wait;
}

S3Result S3Service::transfer(sg4::Host* client, const S3Request& request) {
  check(request);
  if (client == nullptr) throw std::invalid_argument("S3 request in " + region_ + ": client host is null");
  const std::string where = where_of(request.prefix);
  require_available(request.op, where);

  const double start = sg4::Engine::get_clock();
  S3Result result;
  double wait = 0;
  try {
    wait = take_tokens(request, result, request.prefix);
  } catch (const RequestFailed&) {
    // The client retries through its budget before it gives up.
    if (max_retry_window_ > 0) sg4::this_actor::sleep_for(max_retry_window_);
    throw;
  }

  try {
    translate_failures(where, [&] {
      // The batch completes when its last token has accrued: retrying clients keep the prefix
      // saturated, so the backoff schedule costs retries rather than throughput.
      if (wait > 0) sim::sleep_for(wait);
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

std::vector<S3PartOutcome> S3Service::read_together(const std::vector<S3Part>& parts) {
  bool computed = true;
  for (const S3Part& part : parts) {
    check(part.request);
    if (part.client == nullptr) throw std::invalid_argument("S3 request in " + region_ + ": client host is null");
    if (part.request.op != S3Op::Read)
      throw std::invalid_argument("S3 reads together: " + part.request.prefix + " is a write");
    computed = computed && (sim::carried_without_flow(part.request.bytes) || sim::downlink_dedicated(part.client));
  }
  return computed ? read_computed_together(parts) : read_on_workers(parts);
}

std::vector<S3PartOutcome> S3Service::read_computed_together(const std::vector<S3Part>& parts) {
  const double start = sg4::Engine::get_clock();
  std::vector<S3PartOutcome> outcomes(parts.size());
  // The failure's place is spelled out only for a read that fails.
  auto fail = [&](std::size_t k, FailureCause cause) {
    outcomes[k].failure = RequestFailed(cause, where_of(parts[k].request.prefix));
  };
  struct Small {
    std::size_t part;
    const sim::NetworkRoute* route;
    double end;
  };
  std::vector<Small> small;  // objects that travel without a flow
  bool gave_up = false;      // a read refused past the retry window (it ends when the window does)
  std::vector<sim::DownlinkRead> reads;
  std::vector<std::size_t> read_part;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const S3Request& request = parts[k].request;
    sg4::Host* client = parts[k].client;
    if (!available(S3Op::Read)) {
      fail(k, FailureCause::RegionUnavailable);
      continue;
    }
    double wait = 0;
    try {
      wait = take_tokens(request, outcomes[k].result, parts[k].request.prefix);
    } catch (const RequestFailed& failure) {
      outcomes[k].failure = failure;
      gave_up = true;
      continue;
    }
    if (!client->is_on()) {
      fail(k, FailureCause::HostDown);
      continue;
    }
    // As in move_bytes: the first byte after S3's latency, no faster than the connections allow.
    const sim::NetworkRoute& route = route_of(client, S3Op::Read);
    const double rate = connections(request) * spec_.per_connection_bandwidth;
    const double begin = start + wait;
    if (sim::carried_without_flow(request.bytes)) {
      try {
        sim::message_leaves(route);
      } catch (const simgrid::Exception&) {
        fail(k, client->is_on() ? FailureCause::LinkDown : FailureCause::HostDown);
        continue;
      }
      small.push_back(
          Small{k, &route,
                begin + spec_.first_byte_latency + route.latency + request.bytes / std::min(rate, route.bottleneck)});
    } else {
      const double fastest = spec_.first_byte_latency + route.latency + request.bytes / rate;
      reads.push_back(sim::DownlinkRead{&route, request.bytes, begin, spec_.first_byte_latency, begin + fastest});
      read_part.push_back(k);
    }
  }
  const std::vector<sim::DownlinkOutcome> received = sim::receive_together(reads);
  double last_small = sg4::Engine::get_clock();
  for (const Small& s : small) last_small = std::max(last_small, s.end);
  if (gave_up) last_small = std::max(last_small, start + max_retry_window_);
  if (last_small > sg4::Engine::get_clock()) sim::sleep_until(last_small);
  for (const Small& s : small) {
    try {
      sim::message_arrives(*s.route, parts[s.part].request.bytes);
      outcomes[s.part].result.seconds = s.end - start;
    } catch (const simgrid::Exception&) {
      fail(s.part, parts[s.part].client->is_on() ? FailureCause::LinkDown : FailureCause::HostDown);
    }
  }
  for (std::size_t r = 0; r < reads.size(); ++r) {
    const std::size_t k = read_part[r];
    switch (received[r].status) {
      case sim::DownlinkOutcome::Status::Done: outcomes[k].result.seconds = received[r].done_at - start; break;
      case sim::DownlinkOutcome::Status::HostDown: fail(k, FailureCause::HostDown); break;
      case sim::DownlinkOutcome::Status::LinkDown: fail(k, FailureCause::LinkDown); break;
    }
  }
  for (std::size_t k = 0; k < parts.size(); ++k) {
    // S3 switched off while the reads were under way fails them; a read cut because the endpoint
    // went down is the region's outage, not a network fault (as in transfer).
    std::optional<RequestFailed>& failure = outcomes[k].failure;
    if (!failure && !available(S3Op::Read)) fail(k, FailureCause::RegionUnavailable);
    if (failure && !endpoint_->is_on() && failure->cause() != FailureCause::Throttled &&
        failure->cause() != FailureCause::RegionUnavailable)
      fail(k, FailureCause::RegionUnavailable);
    if (failure) continue;
    requests_[index(S3Op::Read)] += parts[k].request.requests;
    bytes_[index(S3Op::Read)] += parts[k].request.bytes;
  }
  return outcomes;
}

std::vector<S3PartOutcome> S3Service::read_on_workers(const std::vector<S3Part>& parts) {
  // Reads do no disk I/O, so their workers live as long as request workers (sim/worker_pool.hpp).
  constexpr int kReadsPerWorker = 1000;
  auto outcomes = std::make_shared<std::vector<S3PartOutcome>>(parts.size());
  auto group = std::make_shared<sim::TaskGroup>(parts.size());
  for (std::size_t k = 0; k < parts.size(); ++k) {
    sg4::Host* client = parts[k].client;
    if (!client->is_on()) {  // SimGrid refuses actors on a host that is off
      (*outcomes)[k].failure = RequestFailed(FailureCause::HostDown, where_of(parts[k].request.prefix));
      group->arrive(k, false);
      continue;
    }
    const S3Request request = parts[k].request;
    sim::run_on_worker(
        client, kReadsPerWorker,
        [this, outcomes, k, client, request] {
          try {
            (*outcomes)[k].result = transfer(client, request);
          } catch (const RequestFailed& failure) {
            (*outcomes)[k].failure = failure;
          }
        },
        group, k);
  }
  group->wait();
  for (std::size_t k = 0; k < parts.size(); ++k)
    if (!group->finished(k) && !(*outcomes)[k].failure)  // killed with its instance
      (*outcomes)[k].failure = RequestFailed(FailureCause::HostDown, where_of(parts[k].request.prefix));
  return *outcomes;
}

}  // namespace lakesim::models
