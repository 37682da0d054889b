#pragma once
// The cores of a host that serves requests (a control-plane replica), computed in closed form
// rather than as SimGrid executions.
//
// What is computed is what SimGrid's CPU model gives one-thread executions, plus the services'
// concurrency slots: each service on the host (a group) has `slots` requests in service at once
// and a first-come-first-served queue whose requests give up after `timeout` seconds; the
// requests in service share the host's cores fairly, each using at most one: with n of them on
// c cores of speed s, each runs at s x min(1, c / n).
//
// Why: a service call as SimGrid activities was an execution plus four context switches, and
// calls were most of the engine's work. Here the host is a small event-driven model (arrivals,
// departures, time-outs) that is brought up to the current instant whenever it is used. A
// caller asks when its request will be over given the requests known so far and waits until
// then. While every known request has a core and a slot of its own, later requests cannot change
// that instant, and a call costs one wake-up. Otherwise a new request can move other requests'
// ends either way (more sharing delays them; a slot taken first can push a queued request past
// its time-out, or keep it off the cores for a while), so each new request plays the known ones
// forward and wakes the callers whose requests now end sooner than they expect; requests that
// end later are found when their callers wake and look again.
// Requests are submitted with their arrival instant, which may lie ahead (the request message
// is still on its way), never behind the model's clock.
//
// SimGrid allows one engine per process, so the hosts' models are process-wide and reset with
// each simulation, like the network's routes.
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include <simgrid/s4u.hpp>

#include "sim/wakeup.hpp"

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

class SharedCpu {
 public:
  using JobId = std::uint32_t;
  enum class Phase { Arriving, Queued, Running, Done, TimedOut, Failed };

  struct Job {
    int group = 0;
    double arrival = 0;
    double flops = 0;
    double remaining = 0;
    double admitted = -1;  // when it got a slot
    double ended = -1;     // when it finished, timed out or failed
    Phase phase = Phase::Arriving;
    WakeupPtr wake;                                            // the waiting caller's, signalled if the host fails
    double wake_at = std::numeric_limits<double>::infinity();  // when its caller looks again
    double after_finish = 0;                                   // the caller's time after the job finishes
    bool in_use = false;
  };

  explicit SharedCpu(sg4::Host* host);
  // The same model for a resource of the host that is not its CPU (its NIC's receiving side):
  // `speed` units per second, at most `units` requests at full speed. Its departures add no
  // flops to the host and are counted in `*departures` instead of as executions.
  SharedCpu(sg4::Host* host, double speed, double units, std::uint64_t* departures);

  // A service's share of the host: `slots` requests in service, queued ones giving up after
  // `timeout` seconds. Returns the group's number.
  int add_group(int slots, double timeout);

  // A request of `group` arriving at `arrival` (not before the current instant) with `flops` of
  // work; `wake` is signalled if the host fails before the request ends.
  JobId submit(int group, double arrival, double flops, WakeupPtr wake);
  // The job as of the current instant.
  const Job& job(JobId id);
  // The earliest instant at which the job's caller can be done, given the requests known now:
  // when it ends, plus `after_finish` seconds if it ends by finishing (the response's way back).
  double earliest_return(JobId id, double after_finish);
  // The caller is done with the job.
  void forget(JobId id);

  // The host went down: every request on it fails now and its caller is woken.
  void fail_all();

  sg4::Host* host() const { return host_; }

 private:
  struct Group {
    int slots = 1;
    double timeout = std::numeric_limits<double>::infinity();
    int in_service = 0;
    std::deque<JobId> queue;
  };

  void advance(double until);  // processes every event up to `until`
  double next_event(int* kind) const;
  void progress(double to);  // runs the jobs in service up to `to`
  void depart();
  void arrive();
  void time_out();
  void admit(Group& group);
  bool uncontended() const;    // every known request has a core and a slot of its own
  bool slots_suffice() const;  // every known request has a slot of its own: no queue can form
  // The end of every known request when slots suffice, into projected_ends_ (by job id).
  void project_sharing() const;
  double projected_return(const Job& j) const;  // given that the model has played it to its end
  void wake_early_returns();                    // wakes the callers whose requests now end before they expect

  sg4::Host* host_;
  double speed_;
  double cores_;
  std::uint64_t* departures_ = nullptr;  // not the CPU: departures are counted here, without flops
  double now_ = 0;
  bool projecting_ = false;  // a copy playing known requests forward: no accounting
  std::vector<Job> jobs_;
  std::vector<JobId> free_ids_;
  std::vector<Group> groups_;
  int queued_ = 0;  // requests in the groups' queues
  int fewest_slots_ = std::numeric_limits<int>::max();
  std::vector<JobId> running_;
  std::vector<JobId> arriving_;  // sorted by (arrival, id), latest last
  std::uint64_t version_ = 0;    // counts the changes of state, so that a projection can be reused
  mutable std::uint64_t projected_version_ = std::numeric_limits<std::uint64_t>::max();
  mutable std::vector<double> projected_ends_;                // project_sharing's answer
  mutable std::vector<std::pair<JobId, double>> projection_;  // and its working set
};

// The model of `host` in the run in progress (created on first use).
SharedCpu& shared_cpu(sg4::Host* host);
// Requests whose work the models computed (they count as executions among the activities).
std::uint64_t computed_executions();
// Executions computed elsewhere (an SQL warehouse's, sim/host_watch) count there too.
void count_computed_executions(std::uint64_t n);

}  // namespace lakesim::sim
