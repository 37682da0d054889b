#pragma once
// The "scratch" archetype: Spark shuffle files on the compute instances' local disks. Never
// replicated: when an instance goes down its shuffle data is gone and must be recomputed.
// SimGrid 3.32 does not fail disk I/O on a host that is off, so this class checks it.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

#include "models/deployed_component.hpp"
#include "sim/platform.hpp"

namespace lakesim::models {

class Scratch : public DeployedComponent {
 public:
  Scratch(const Component& entry, std::string region, std::vector<sg4::Host*> instances, const sim::Platform& platform);

  // Writes `bytes` of shuffle output on `host`'s local disk.
  void write(sg4::Host* host, double bytes);
  // `reader` fetches `bytes` of shuffle output held on `holder`: a local-disk read there, then a
  // network transfer when the two differ.
  void read(sg4::Host* holder, sg4::Host* reader, double bytes);
  // Shuffle output of a finished job is deleted.
  void discard(sg4::Host* host, double bytes);

  // Its entries point into one another.
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  double held_bytes() const;
  double bytes_written() const { return written_; }
  double bytes_read() const { return read_; }
  double disk_busy_seconds() const { return disk_busy_; }
  double capacity() const override { return static_cast<double>(hosts().size()); }

 private:
  sg4::Disk* disk_of(sg4::Host* host) const;
  double& held_on(const sg4::Host* host);

  const sim::Platform& platform_;
  std::map<std::string, double> held_;                          // by host name: a deterministic sum
  std::unordered_map<const sg4::Host*, double*> held_by_host_;  // the same entries, found without names
  double written_ = 0;
  double read_ = 0;
  double disk_busy_ = 0;
};

}  // namespace lakesim::models
