#include "models/dr/periodic_sync.hpp"

#include <cmath>
#include <stdexcept>

#include "models/failure.hpp"

namespace lakesim::models {

PeriodicSync::PeriodicSync(std::string name, sim::PeriodicSyncSpec spec, ReplicaLedger& ledger, sg4::Host* runner,
                           Copy copy)
    : name_(std::move(name)), spec_(spec), ledger_(ledger), runner_(runner), copy_(std::move(copy)) {
  if (name_.empty()) throw std::invalid_argument("periodic sync: name must not be empty");
  if (!runner_) throw std::invalid_argument(name_ + ": a periodic sync needs a host to run on");
  if (!spec_.enabled) return;
  if (!(spec_.every > 0) || !std::isfinite(spec_.every))
    throw std::invalid_argument(name_ + ": `every` must be positive");
  if (!(spec_.offset >= 0) || !std::isfinite(spec_.offset))
    throw std::invalid_argument(name_ + ": `offset` must not be negative");
  if (!(spec_.startup >= 0) || !std::isfinite(spec_.startup))
    throw std::invalid_argument(name_ + ": `startup` must not be negative");
  if (!std::isfinite(spec_.copy_time)) throw std::invalid_argument(name_ + ": `copy_time` must be finite");
  if (spec_.copy_time < 0 && !copy_)
    throw std::invalid_argument(name_ + ": without a fixed copy_time the sync needs a copy function");
}

void PeriodicSync::start(double horizon) {
  if (!spec_.enabled) return;
  sg4::ActorPtr actor = sg4::Actor::create("sync:" + name_, runner_, [this, horizon] { run(horizon); });
  actor->daemonize();
}

void PeriodicSync::run(double horizon) {
  const double first = spec_.offset > 0 ? spec_.offset : spec_.every;
  // Slots are computed from their index rather than by adding `every` up, so that they do not drift.
  auto slot = [&](std::uint64_t k) { return first + static_cast<double>(k) * spec_.every; };
  for (std::uint64_t k = 0;; ++k) {
    if (!(slot(k) < horizon)) return;
    sg4::this_actor::sleep_until(slot(k));
    sync_once();
    // A job that overran its slot makes the next one wait for the next slot after it ended:
    // the scheduler does not queue up the runs it missed.
    const double now = sg4::Engine::get_clock();
    while (slot(k + 1) < now) ++k;
  }
}

void PeriodicSync::sync_once() {
  SyncRecord r;
  r.start = sg4::Engine::get_clock();
  // The job copies what the source holds when it begins; later writes wait for the next one.
  const std::uint64_t end = ledger_.size();
  r.writes = end - synced_;
  for (std::uint64_t id = synced_; id < end; ++id) r.bytes += ledger_.entries()[id].bytes;

  if (spec_.startup > 0) sg4::this_actor::sleep_for(spec_.startup);
  if (spec_.copy_time >= 0) {
    sg4::this_actor::sleep_for(spec_.copy_time);
    r.ok = true;
  } else {
    try {
      r.ok = copy_(r.bytes);
    } catch (const RequestFailed&) {
      r.ok = false;  // a transfer cut short by a fault: the next job copies it all again
    }
  }
  r.end = sg4::Engine::get_clock();

  if (r.ok) {
    ledger_.arrive_through(end, r.end);
    synced_ = end;
    copied_bytes_ += r.bytes;
  } else {
    ++failed_;
  }
  records_.push_back(r);
  if (on_sync_) on_sync_(r.start, r.end, r.ok, r.writes, r.bytes);
}

}  // namespace lakesim::models
