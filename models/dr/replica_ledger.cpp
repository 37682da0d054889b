#include "models/dr/replica_ledger.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace lakesim::models {

std::uint64_t ReplicaLedger::record(double time, double bytes, double due) {
  if (!std::isfinite(time) || !(bytes >= 0) || !std::isfinite(bytes))
    throw std::invalid_argument("replica ledger: a write needs a finite time and size");
  if (!entries_.empty() && time < entries_.back().time)
    throw std::invalid_argument("replica ledger: writes must be recorded in time order");
  ReplicatedWrite w;
  w.id = entries_.size();
  w.time = time;
  w.bytes = bytes;
  w.due = due;
  entries_.push_back(w);
  written_bytes_ += bytes;
  return w.id;
}

void ReplicaLedger::mark(ReplicatedWrite& w, double t) {
  if (t < w.time)
    throw std::invalid_argument("replica ledger: write " + std::to_string(w.id) + " cannot arrive before it was made");
  w.arrived = t;
  ++arrived_;
  arrived_bytes_ += w.bytes;
}

void ReplicaLedger::arrive(std::uint64_t id, double t) {
  if (id >= entries_.size()) throw std::out_of_range("replica ledger: no write " + std::to_string(id));
  ReplicatedWrite& w = entries_[id];
  // A second arrival would count the write twice: a bug in the copy mechanism.
  if (w.arrived >= 0) throw std::logic_error("replica ledger: write " + std::to_string(id) + " arrived twice");
  mark(w, t);
  while (all_arrived_below_ < entries_.size() && entries_[all_arrived_below_].arrived >= 0) ++all_arrived_below_;
}

void ReplicaLedger::arrive_through(std::uint64_t end, double t) {
  if (end > entries_.size()) throw std::out_of_range("replica ledger: no write " + std::to_string(end - 1));
  // Everything below the cursor has arrived, so each write is visited once over all batches.
  for (std::uint64_t id = all_arrived_below_; id < end; ++id)
    if (entries_[id].arrived < 0) mark(entries_[id], t);
  if (end > all_arrived_below_) all_arrived_below_ = end;
  while (all_arrived_below_ < entries_.size() && entries_[all_arrived_below_].arrived >= 0) ++all_arrived_below_;
}

ReplicationLoss ReplicaLedger::loss_at(double t) const {
  ReplicationLoss loss;
  double first_lost = t;
  bool gap = false;
  for (const ReplicatedWrite& w : entries_) {  // in write order, hence in time order
    if (!(w.time < t)) break;
    ++loss.written;
    loss.written_bytes += w.bytes;
    if (w.arrived >= 0 && w.arrived <= t) {
      ++loss.survived;
      loss.survived_bytes += w.bytes;
    } else {
      if (!gap) first_lost = w.time;
      gap = true;
      ++loss.lost;
      loss.lost_bytes += w.bytes;
      if (w.arrived > t) {
        ++loss.returned;
        loss.returned_bytes += w.bytes;
      }
    }
  }
  loss.rpo = t - first_lost;
  return loss;
}

}  // namespace lakesim::models
