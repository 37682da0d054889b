#include "models/dr/s3_replication.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include "models/failure.hpp"
#include "models/failure_translate.hpp"
#include "models/workload/distribution_sampler.hpp"
#include "sim/network_transfers.hpp"

namespace lakesim::models {

namespace {
// A batch carries the due copies that the bucket's throughput moves in about this long, so that a
// copy arrives at most this much later than it would one by one, while a backlog drains in few
// flows.
constexpr double kBatchSeconds = 1;
}  // namespace

ReplicationLag ReplicationLag::standard(bool rtc) {
  ReplicationLag lag;
  if (rtc) {
    lag.body_ = {10, 1.0};
  } else {
    lag.body_ = {300, 0.7};
    lag.tail_ = {5400, 0.5};
    lag.tail_weight_ = 0.04;
  }
  return lag;
}

ReplicationLag ReplicationLag::from(const sim::Distribution& d) {
  ReplicationLag lag;
  lag.override_ = true;
  lag.distribution_ = d;
  return lag;
}

double ReplicationLag::draw(sim::RandomStream& rng) const {
  if (override_) return sample(distribution_, rng);
  // Two draws every time, whichever component is chosen, so that the stream stays aligned.
  const double u = rng.uniform();
  const double z = rng.normal(0, 1);
  const LogNormal& c = u < tail_weight_ ? tail_ : body_;
  return c.median * std::exp(c.sigma * z);
}

S3Replication::S3Replication(Dataset& source, Dataset& destination, ReplicationLag lag, std::uint64_t seed,
                             sg4::Host* runner, double throughput, const std::string& stream, double retry_interval)
    : source_(source),
      destination_(destination),
      dataset_(source.entry().id),
      lag_(lag),
      rng_(seed, stream.empty() ? "replication/" + dataset_ : stream),
      runner_(runner),
      throughput_(throughput),
      retry_interval_(retry_interval) {
  if (std::string(destination.entry().id) != dataset_)
    throw std::invalid_argument("replication of " + dataset_ + " into a different dataset");
  if (source.region() == destination.region())
    throw std::invalid_argument("replication of " + dataset_ + " within " + source.region());
  if (!(retry_interval > 0)) throw std::invalid_argument("replication retry interval must be positive");
  if (!(throughput > 0) || !std::isfinite(throughput))
    throw std::invalid_argument("replication throughput of " + dataset_ + " must be positive");
}

S3Replication::~S3Replication() {
  // The replication actor may still be waiting on these when the deployment goes, before the
  // engine does; SimGrid refuses to destroy a condition variable in use, so they are left to
  // the engine's end.
  if (wake_) static_cast<void>(wake_.detach());
  if (mutex_) static_cast<void>(mutex_.detach());
}

void S3Replication::record(double time, double bytes) {
  const double due = time + std::max(0.0, lag_.draw(rng_));
  queue_.push({due, ledger_.record(time, bytes, due)});
  pending_bytes_ += bytes;
  peak_pending_bytes_ = std::max(peak_pending_bytes_, pending_bytes_);
  peak_pending_writes_ = std::max<std::uint64_t>(peak_pending_writes_, queue_.size());
  if (wake_) wake_->notify_one();  // the new copy may be due before the one being waited for
}

void S3Replication::start() {
  mutex_ = sg4::Mutex::create();
  wake_ = sg4::ConditionVariable::create();
  sg4::ActorPtr actor = sg4::Actor::create(
      "replication:" + dataset_ + ":" + source_.region() + ">" + destination_.region(), runner_, [this] { drain(); });
  actor->daemonize();
}

void S3Replication::drain() {
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  double retry_at = 0;  // after a failed copy, new writes do not bring the next attempt forward
  std::vector<std::uint64_t> batch;
  std::vector<Due> taken;
  while (true) {
    const double now = sg4::Engine::get_clock();
    if (now < retry_at) {
      wake_->wait_until(lock, retry_at);
      continue;
    }
    if (queue_.empty()) {
      wake_->wait(lock);
      continue;
    }
    if (now < queue_.top().due) {
      wake_->wait_until(lock, queue_.top().due);
      continue;
    }
    // Every copy due by now, earliest first, up to a batch's worth of bytes (at least one copy).
    batch.clear();
    taken.clear();
    double bytes = 0;
    const double cap = throughput_ * kBatchSeconds;
    while (!queue_.empty() && queue_.top().due <= now) {
      const double b = ledger_.entries()[queue_.top().id].bytes;
      if (!batch.empty() && bytes + b > cap) break;
      taken.push_back(queue_.top());
      batch.push_back(queue_.top().id);
      bytes += b;
      queue_.pop();
    }
    in_flight_ = batch.size();
    const bool delivered = deliver(batch, bytes);
    in_flight_ = 0;
    if (delivered) {
      pending_bytes_ -= bytes;
    } else {
      // Kept queued; the whole queue waits, since every copy needs the same two regions.
      for (const Due& d : taken) queue_.push(d);
      ++retries_;
      retry_at = sg4::Engine::get_clock() + retry_interval_;
    }
  }
}

bool S3Replication::deliver(const std::vector<std::uint64_t>& batch, double bytes) {
  if (!source_.s3().available(S3Op::Read) || !destination_.s3().available(S3Op::Write)) return false;
  sg4::Host* from = source_.s3().endpoint();
  sg4::Host* to = destination_.s3().endpoint();
  if (!from->is_on() || !to->is_on()) return false;
  const double started = sg4::Engine::get_clock();
  try {
    translate_failures("replication of " + dataset_, [&] {
      const sim::NetworkRoute& route = sim::network_route(from, to);
      // The bucket's bound: a batch lasts at least its bytes over the throughput; S3 copies many
      // objects at once, so the route's latency overlaps with that time rather than adding to it.
      // (SimGrid 3.32 ignores a rate set on a one-sided comm, so the bound is applied as a floor
      // on the batch's time; the flow itself takes its share of the WAN link.)
      const double floor = bytes / throughput_;
      if (sim::carried_without_flow(bytes)) {
        // A small batch (log entries) takes the idle route's time, as other small messages do.
        sim::send_without_flow(route, bytes, std::max(floor, route.idle_time(bytes)));
        return;
      }
      sim::send_bytes(route, bytes);
      const double left = started + floor - sg4::Engine::get_clock();
      if (left > 0) {
        sg4::this_actor::sleep_for(left);
        sim::count_transfer(route, 0);  // the route must still be up when the batch completes
      }
    });
  } catch (const RequestFailed&) {
    return false;
  }
  // A region that went down while the batch was under way did not receive it.
  if (!source_.s3().available(S3Op::Read) || !destination_.s3().available(S3Op::Write)) return false;
  ++batches_;
  const double now = sg4::Engine::get_clock();
  for (std::uint64_t id : batch) ledger_.arrive(id, now);
  return true;
}

std::uint64_t S3Replication::missed_objective(double end) const {
  std::uint64_t missed = 0;
  for (const ReplicatedWrite& w : ledger_.entries()) {
    const double took = w.arrived >= 0 ? w.arrived - w.time : end - w.time;
    if (took > kObjectiveSeconds) ++missed;
  }
  return missed;
}

}  // namespace lakesim::models
