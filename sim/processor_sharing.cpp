#include "sim/processor_sharing.hpp"

#include <algorithm>
#include <stdexcept>

namespace lakesim::sim {
namespace {

// A job whose remaining work is within this share of its work (or of one unit) is done: the
// instant it was computed for comes back from the clock with rounding.
constexpr double kRelativeSlack = 1e-9;

}  // namespace

ProcessorSharing::ProcessorSharing(double capacity) : capacity_(capacity) {
  if (!(capacity > 0)) throw std::invalid_argument("processor sharing needs a positive capacity");
}

void ProcessorSharing::advance(double now) {
  if (now > updated_ && !order_.empty())
    virtual_time_ += (now - updated_) * capacity_ / static_cast<double>(order_.size());
  updated_ = std::max(updated_, now);
}

ProcessorSharing::JobId ProcessorSharing::add(double work, double now) {
  advance(now);
  if (order_.empty()) virtual_time_ = 0;  // restart the clock: tags stay small and exact
  const JobId id = next_id_++;
  const double tag = virtual_time_ + std::max(0.0, work);
  order_.emplace(tag, id);
  tags_.emplace(id, std::make_pair(tag, std::max(0.0, work)));
  return id;
}

void ProcessorSharing::remove(JobId id, double now) {
  advance(now);
  auto it = tags_.find(id);
  if (it == tags_.end()) return;
  order_.erase({it->second.first, id});
  tags_.erase(it);
}

double ProcessorSharing::remaining(JobId id, double now) {
  advance(now);
  auto it = tags_.find(id);
  if (it == tags_.end()) return 0;
  return std::max(0.0, it->second.first - virtual_time_);
}

bool ProcessorSharing::done(JobId id, double now) {
  advance(now);
  auto it = tags_.find(id);
  if (it == tags_.end()) return true;
  return it->second.first - virtual_time_ <= kRelativeSlack * std::max(1.0, it->second.second);
}

ProcessorSharing::JobId ProcessorSharing::head() const { return order_.empty() ? kNone : order_.begin()->second; }

double ProcessorSharing::head_finish(double now) {
  advance(now);
  if (order_.empty()) return std::numeric_limits<double>::infinity();
  const double left = std::max(0.0, order_.begin()->first - virtual_time_);
  return updated_ + left * static_cast<double>(order_.size()) / capacity_;
}

}  // namespace lakesim::sim
