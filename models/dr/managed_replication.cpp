#include "models/dr/managed_replication.hpp"

#include <algorithm>
#include <limits>

#include "models/failure.hpp"
#include "models/transfer.hpp"

namespace lakesim::models {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
// A fixed lag's pick-up instant is computed from the write's time: allow for rounding.
constexpr double kClockSlack = 1e-9;
}  // namespace

ManagedReplication::ManagedReplication(Deployment& deployment, const sim::DrSpec& spec)
    : deployment_(deployment),
      spec_(spec),
      mutex_(sg4::Mutex::create()),
      written_(sg4::ConditionVariable::create()),
      arrived_(sg4::ConditionVariable::create()) {}

ManagedReplication::~ManagedReplication() = default;

std::size_t ManagedReplication::add(const std::string& group, const std::string& kind, const std::string& name) {
  auto stream = std::make_unique<ManagedStream>();
  stream->group = group;
  stream->kind = kind;
  stream->name = name;
  streams_.push_back(std::move(stream));
  copied_.push_back(0);
  return streams_.size() - 1;
}

void ManagedReplication::record(std::size_t stream, double time, double bytes) {
  streams_.at(stream)->ledger.record(time, bytes);
  written_->notify_all();
}

void ManagedReplication::start(double horizon) {
  if (streams_.empty()) return;
  sg4::Host* runner = deployment_.platform().external(sim::ExternalSystem::Clients);
  sg4::Actor::create("managed-dr-replication", runner, [this, horizon] { run(horizon); })->daemonize();
}

bool ManagedReplication::pending() const {
  for (std::size_t i = 0; i < streams_.size(); ++i)
    if (copied_[i] < streams_[i]->ledger.size()) return true;
  return false;
}

double ManagedReplication::earliest_pending() const {
  double earliest = kNever;
  for (std::size_t i = 0; i < streams_.size(); ++i)
    if (copied_[i] < streams_[i]->ledger.size())
      earliest = std::min(earliest, streams_[i]->ledger.entries()[copied_[i]].time);
  return earliest;
}

void ManagedReplication::sample() {
  const double now = sg4::Engine::get_clock();
  samples_.push_back({now, std::min(now, earliest_pending())});
}

bool ManagedReplication::copy(double before) {
  const double now = sg4::Engine::get_clock();
  std::vector<std::uint64_t> ends(streams_.size());
  double bytes = 0;
  bool any = false;
  for (std::size_t i = 0; i < streams_.size(); ++i) {
    const auto& entries = streams_[i]->ledger.entries();
    std::uint64_t end = copied_[i];
    while (end < entries.size() && (before < 0 || entries[end].time <= before + kClockSlack) &&
           entries[end].time <= now) {
      bytes += entries[end].bytes;
      ++end;
    }
    any = any || end > copied_[i];
    ends[i] = end;
  }
  if (!any) return true;
  const RegionDeployment& from = deployment_.region(spec_.primary);
  const RegionDeployment& to = deployment_.region(spec_.secondary);
  if (!from.s3 || !to.s3 || !from.s3->available(S3Op::Read) || !to.s3->available(S3Op::Write)) return false;
  if (bytes > 0) {
    try {
      transfer(from.s3->endpoint(), to.s3->endpoint(), bytes, "managed DR replication");
    } catch (const RequestFailed&) {
      return false;
    }
  }
  const double arrived = sg4::Engine::get_clock();
  for (std::size_t i = 0; i < streams_.size(); ++i) {
    if (ends[i] == copied_[i]) continue;
    streams_[i]->ledger.arrive_through(ends[i], arrived);
    copied_[i] = ends[i];
  }
  replicated_bytes_ += bytes;
  ++transfers_;
  arrived_->notify_all();
  return true;
}

void ManagedReplication::run(double horizon) {
  const sim::ManagedDrSpec& m = spec_.managed;
  if (m.lag < 0) {
    // Simulated: a cycle every `cycle` seconds copies what was written since the last one. Slots
    // come from their index so that they do not drift; a cycle that overran skips the slots it missed.
    for (std::uint64_t k = 1;; ++k) {
      const double slot = static_cast<double>(k) * m.cycle;
      if (!(slot < horizon)) return;
      sg4::this_actor::sleep_until(slot);
      if (stopped_) return;
      sample();  // the lag at its largest, just before the pick-up
      if (!copy(-1)) ++stalled_;
      sample();
      const double now = sg4::Engine::get_clock();
      while (static_cast<double>(k + 1) * m.cycle < now) ++k;
    }
  }
  // A fixed lag: each write is picked up `lag` after it was made.
  while (sg4::Engine::get_clock() < horizon && !stopped_) {
    if (!pending()) {
      std::unique_lock<sg4::Mutex> lock(*mutex_);
      written_->wait_until(lock, horizon);
      continue;
    }
    const double due = earliest_pending() + m.lag;
    if (due > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(std::min(due, horizon));
    if (stopped_ || !(sg4::Engine::get_clock() < horizon)) return;
    sample();
    if (copy(sg4::Engine::get_clock() - m.lag)) {
      sample();
    } else {
      ++stalled_;
      sample();
      sg4::this_actor::sleep_for(m.cycle);  // a region's S3 is unavailable: try again later
    }
  }
}

bool ManagedReplication::await(double target, double horizon) {
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  while (earliest_pending() < target && sg4::Engine::get_clock() < horizon) arrived_->wait_until(lock, horizon);
  return !(earliest_pending() < target);
}

void ManagedReplication::stop() {
  stopped_ = true;
  written_->notify_all();
}

double ManagedReplication::point_at(double t) const {
  double point = t;
  for (const auto& stream : streams_) {
    const auto& entries = stream->ledger.entries();
    // Copies arrive in write order at non-decreasing instants: the writes there by t are a prefix.
    const auto first_missing = std::partition_point(
        entries.begin(), entries.end(), [t](const ReplicatedWrite& w) { return w.arrived >= 0 && w.arrived <= t; });
    if (first_missing != entries.end() && first_missing->time < t) point = std::min(point, first_missing->time);
  }
  return point;
}

}  // namespace lakesim::models
