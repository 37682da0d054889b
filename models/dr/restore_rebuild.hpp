#pragma once
// The vector index rebuild of a failover (the catalogue's `rebuild` practice): the index is not
// copied, so once the secondary's compute can serve, a Spark job there reads the embeddings from
// the secondary's copy of their Delta table, builds the index and writes it into the secondary's
// Vector Search Index Data. Its size is what the primary's index held; its compute is that size
// times an indexing cost per byte (an estimate, docs/dr.md). It leases its instances from the
// secondary placement that takes over (the first one, or the region's first Serverless Spark
// placement), behind and alongside the users' work, and runs in the background: the users are
// redirected without waiting for it, and the components that need the index (the catalogue's
// callers of Vector Search Index Data, and the index itself) recover when it ends.
#include <memory>
#include <string>
#include <vector>

#include "models/deployment.hpp"
#include "models/dr/compute_takeover.hpp"

namespace lakesim::models {

// Indexing cost, in seconds of one reference core per byte of embeddings: building an HNSW
// index over 1 GB of float32 vectors takes on the order of an hour of one core (an estimate).
inline constexpr double kIndexCoreSecondsPerByte = 3e-6;
// Instances the rebuild job leases (an estimate: a small job cluster).
inline constexpr int kRebuildInstances = 2;

struct IndexRebuildOutcome {
  std::string placement;  // where it ran
  int instances = 0;
  double bytes = 0;                     // embeddings read, index written
  double core_seconds = 0;              // on reference cores
  double start = -1;                    // when it asked for instances
  double leased = -1;                   // when it had them
  double end = -1;                      // when the index was written; -1: not by the run's end
  std::string failure;                  // why it stopped, when it did
  std::vector<std::string> dependants;  // components that need the index, in catalogue order
};

class VectorIndexRebuild {
 public:
  VectorIndexRebuild(Deployment& deployment, const sim::DrSpec& spec);
  // Starts the job in the background; null when there is nothing to rebuild (the rebuild is
  // off, the primary's index holds nothing, or the secondary has no Spark placement).
  std::shared_ptr<IndexRebuildOutcome> start(const std::vector<std::shared_ptr<PlacementTakeover>>& compute);

 private:
  Deployment& deployment_;
  const sim::DrSpec& spec_;
};

}  // namespace lakesim::models
