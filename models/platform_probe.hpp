#pragma once
// A small built-in workload that proves the platform works: per region one computation, one
// upload to the region's S3 endpoint, one local-disk write and read, and one transfer to every
// other region's S3 endpoint. Each measurement is reported beside the time the platform's
// figures predict for it (latency + size / bottleneck bandwidth, or work / speed).
#include <memory>
#include <string>
#include <vector>

#include "sim/simulation.hpp"

namespace lakesim::models {

struct ProbeMeasurement {
  std::string name;      // "compute", "s3-upload", "disk-write", "disk-read", "cross-region"
  std::string from;      // host name
  std::string to;        // host or disk name
  double amount = 0;     // bytes or flops
  double start = 0;      // simulated seconds
  double seconds = 0;    // measured duration
  double predicted = 0;  // from the platform's figures, for an otherwise idle platform
};

class PlatformProbe {
 public:
  static constexpr double kTransferBytes = 64e6;
  static constexpr double kDiskBytes = 256e6;
  static constexpr double kComputeFlops = 4e9;  // four core-seconds on a reference core

  // Creates the probe actors; their measurements are available after the run.
  explicit PlatformProbe(sim::Simulation& simulation);

  const std::vector<ProbeMeasurement>& measurements() const { return *measurements_; }

 private:
  std::shared_ptr<std::vector<ProbeMeasurement>> measurements_;
};

}  // namespace lakesim::models
