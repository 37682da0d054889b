#include "models/dr/s3_replication.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include "models/failure.hpp"
#include "models/transfer.hpp"
#include "models/workload/distribution_sampler.hpp"

namespace lakesim::models {

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
                             sg4::Host* runner, double retry_interval)
    : source_(source),
      destination_(destination),
      dataset_(source.entry().id),
      lag_(lag),
      rng_(seed, "replication/" + dataset_),
      runner_(runner),
      retry_interval_(retry_interval) {
  if (std::string(destination.entry().id) != dataset_)
    throw std::invalid_argument("replication of " + dataset_ + " into a different dataset");
  if (source.region() == destination.region())
    throw std::invalid_argument("replication of " + dataset_ + " within " + source.region());
  if (!(retry_interval > 0)) throw std::invalid_argument("replication retry interval must be positive");
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
  while (true) {
    if (sg4::Engine::get_clock() < retry_at) {
      wake_->wait_until(lock, retry_at);
      continue;
    }
    if (queue_.empty()) {
      wake_->wait(lock);
      continue;
    }
    const Due next = queue_.top();
    if (sg4::Engine::get_clock() < next.due) {
      wake_->wait_until(lock, next.due);
      continue;
    }
    queue_.pop();
    if (!deliver(next.id)) {
      // Kept queued; the whole queue waits, since every copy needs the same two regions.
      queue_.push(next);
      ++retries_;
      retry_at = sg4::Engine::get_clock() + retry_interval_;
    }
  }
}

bool S3Replication::deliver(std::uint64_t id) {
  if (!source_.s3().available(S3Op::Read) || !destination_.s3().available(S3Op::Write)) return false;
  try {
    transfer(source_.s3().endpoint(), destination_.s3().endpoint(), ledger_.entries()[id].bytes,
             "replication of " + dataset_);
  } catch (const RequestFailed&) {
    return false;
  }
  ledger_.arrive(id, sg4::Engine::get_clock());
  return true;
}

}  // namespace lakesim::models
