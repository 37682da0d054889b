#pragma once
// Applies the scenario's faults in simulated time: one actor per fault turns hosts and links off
// (SimGrid kills what runs there and fails what crosses them), marks the components it takes
// out as down, closes S3 for reads and writes separately, or blocks instance launches; then
// undoes it all at the fault's end. Each fault's reach is recorded for the results.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "models/deployment.hpp"
#include "sim/event_log.hpp"

namespace lakesim::models {

struct OutageRecord {
  std::string name;
  std::string kind;
  std::string target;
  double start = 0;
  double end = 0;
  std::size_t hosts = 0;                // hosts turned off
  std::size_t links = 0;                // links turned off
  std::vector<std::string> components;  // components marked down ("Unity Catalog@us-east-1")
};

class FaultInjector {
 public:
  FaultInjector(Deployment& deployment, sim::EventLog& log);
  void start();  // creates one actor per fault

  const std::vector<OutageRecord>& outages() const { return outages_; }
  // Called in the fault's own instant when an az_outage starts (true) and ends (false).
  void on_zone_outage(std::function<void(const sim::FaultSpec&, bool down)> listener) {
    zone_listeners_.push_back(std::move(listener));
  }

 private:
  void apply(std::size_t index, bool down);
  // Overlapping faults on one switch (a component, an S3 operation, a pool's launches, a key):
  // it is turned off by the first and back on only when the last one ends. True when the switch
  // must change now.
  bool hold(const void* thing, int which, bool down);
  // Overlapping throttling storms on one S3 service keep the product of their shares.
  double throttling(const void* s3, int which, double factor, bool down);

  Deployment& deployment_;
  sim::EventLog& log_;
  std::vector<OutageRecord> outages_;
  std::map<std::pair<const void*, int>, int> holds_;
  std::map<std::pair<const void*, int>, std::multiset<double>> shares_;
  std::vector<std::function<void(const sim::FaultSpec&, bool)>> zone_listeners_;
};

}  // namespace lakesim::models
