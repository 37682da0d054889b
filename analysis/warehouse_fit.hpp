#pragma once
// Fits a SQL warehouse's effective figures to a trace's recorded durations (lakesim calibrate).
//
// Two figures are fitted. What a query-history export records per statement is replayed as it is
// (task time, bytes read and the share of them cached, compilation and result-fetch time); what it
// does not record is what the model's even sharing of the cluster's cores misses: a core time scale
// (core-seconds of execution per recorded core-second of task time: imperfect parallelism, skew,
// the reads the task time already holds) sets the long statements' durations, and a fixed
// per-query overhead (scheduling and whatever else the short statements spend) sets the short
// ones'. More figures would fit the first half better and predict the second worse.
//
// The fit is local to a simulated run: for each statement, the run's simulated duration is split
// into the overhead, the execution alone at the run's scale (work / cluster cores) and the rest
// (recorded compilation and fetch, control-plane hops, reads, queueing and sharing, taken as
// fixed). The predicted duration for a scale s and overhead o is rest + o + execution x s /
// scale_of_the_run. The fit minimises the mean absolute log ratio of predicted to recorded: scale-
// free, so long and short statements weigh alike, and robust, so the few statements a real trace
// holds that waited for a cluster to start or ran in a burst do not drag the rest off (squared
// errors left the sample's median 15% high). A grid search, refined four times, finds it.
// lakesim calibrate repeats fit and run until the figures settle, so the sharing that the rest
// holds follows the fitted scale.
#include <cstddef>
#include <vector>

namespace lakesim::analysis {

struct FitStatement {
  double recorded = 0;   // seconds, from the trace
  double simulated = 0;  // seconds, in the run the fit starts from
  double execution = 0;  // seconds of execution alone on the cluster at the run's scale
};

struct WarehouseFit {
  double core_time_scale = 1;
  double query_overhead = 0;      // seconds
  double mean_abs_log_error = 0;  // of the fitted prediction over the statements
  std::size_t statements = 0;
};

// `scale` and `overhead`: the figures of the run the statements come from.
WarehouseFit fit_warehouse(const std::vector<FitStatement>& statements, double scale, double overhead);

}  // namespace lakesim::analysis
