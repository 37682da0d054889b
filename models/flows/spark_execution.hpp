#pragma once
// Runs the stages of one Spark application on the instances it has leased. Each stage's work is
// split evenly over the instances; on each instance one task (on a pooled worker actor of that
// instance, sim/worker_pool) overlaps its reads (the
// previous stage's shuffle, then S3) with its computation on all cores, then writes its shuffle
// output to local disk and its output to storage. All-to-all shuffle is aggregated as each
// instance fetching its share from its neighbour: the same bytes cross every NIC and disk as in
// the full exchange, with n flows instead of n^2.
#include <functional>
#include <vector>

#include "models/archetypes/scratch.hpp"
#include "models/failure.hpp"

namespace lakesim::models {

struct StageWork {
  double core_seconds = 0;  // on reference (1 Gf) cores
  double read_bytes = 0;
  double shuffle_bytes = 0;
  double write_bytes = 0;
};

// Storage access used by a stage: called from the instance's task actor with its share.
using StorageAccess = std::function<void(sg4::Host* instance, double bytes)>;

class SparkExecution {
 public:
  SparkExecution(std::vector<sg4::Host*> instances, Scratch* shuffle);
  ~SparkExecution();  // discards the shuffle files it left

  // Blocks the calling actor until every task of the stage is done. Throws RequestFailed with the
  // first task failure's cause (a task killed with its instance counts as HostDown).
  void run_stage(const StageWork& work, const StorageAccess& read, const StorageAccess& write);

  const std::vector<sg4::Host*>& instances() const { return instances_; }

 private:
  std::vector<sg4::Host*> instances_;
  Scratch* shuffle_;
  std::vector<double> held_;  // shuffle bytes each instance holds from the previous stage
};

}  // namespace lakesim::models
