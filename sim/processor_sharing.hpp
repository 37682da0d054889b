#pragma once
// Egalitarian processor sharing of one capacity (a warehouse cluster's cores) among the jobs
// present, in closed form: with n jobs each progresses at capacity / n.
//
// Why virtual time: every job progresses at the same rate, so a virtual clock V with
// dV/dt = capacity / n gives each job a fixed finishing tag (V at its arrival + its work). Jobs
// therefore finish in the order of their tags, and only the earliest tag's real finishing instant
// has to be known; arrivals and departures change that instant but never the order. Each change is
// O(log n) and the caller needs one timer (the head's) rather than one per job.
// No SimGrid here: the caller brings the clock.
#include <cstdint>
#include <limits>
#include <set>
#include <unordered_map>
#include <utility>

namespace lakesim::sim {

class ProcessorSharing {
 public:
  using JobId = std::uint64_t;
  static constexpr JobId kNone = std::numeric_limits<JobId>::max();

  explicit ProcessorSharing(double capacity);  // work units per second shared by the jobs present

  JobId add(double work, double now);  // a job with `work` units arrives at `now`
  void remove(JobId id, double now);   // it leaves (finished or abandoned); unknown ids are ignored
  double remaining(JobId id, double now);
  // The job that finishes first if nothing arrives, and when; kNone / infinity when empty.
  JobId head() const;
  double head_finish(double now);
  // Whether `id` has no work left at `now` (within rounding of the clock arithmetic).
  bool done(JobId id, double now);
  std::size_t jobs() const { return tags_.size(); }
  double capacity() const { return capacity_; }

 private:
  void advance(double now);

  double capacity_;
  double virtual_time_ = 0;
  double updated_ = 0;
  JobId next_id_ = 0;
  std::set<std::pair<double, JobId>> order_;                   // (tag, id)
  std::unordered_map<JobId, std::pair<double, double>> tags_;  // id -> (tag, work)
};

}  // namespace lakesim::sim
