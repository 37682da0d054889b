#pragma once
// `lakesim explain`: the architecture a scenario describes, told in plain language for people
// learning it. Regions and AZs; what runs in the control plane and the data plane and why (from
// the component catalogue); the path of one job and one SQL query hop by hop, as the request
// flows of a run take it (models/flows, observed through a hop recorder), each hop with the
// simulated time it took on this scenario's platform; and, for every component, how it is
// protected under the scenario's `dr` and `replication` sections and what a region outage
// would cost it.
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace lakesim::assembly {

// One step of a request: which component it reached, on which host, and how long it took there.
struct Hop {
  std::string component_id;  // as the flow recorded it (models::RecordedHop::component)
  std::string component;     // catalogue name(s), or a system outside ("Identity provider", "Client")
  std::string plane;         // "control", "data" or "outside"
  std::string region;        // "" outside AWS
  std::string host;          // where it ran
  std::string what;          // what happens, in plain words
  double start = 0;          // simulated seconds after the request began
  double seconds = 0;        // simulated time the hop took
};

struct MeasuredPath {
  std::string title;  // e.g. "job etl: 8 instances of spark in us-east-1"
  std::vector<Hop> hops;
  double began = 0;     // simulated clock when the request started
  double total = 0;     // simulated seconds from the first hop to the end
  std::string failure;  // why it did not complete; empty when it did
};

// How one data component is protected in this scenario (models::DataProtection's verdict).
struct ProtectionEntry {
  std::string component;  // catalogue id
  std::string name;       // a Delta table's name, else the component's label
  std::string region;
  std::string practice;  // models::to_string(Practice)
};

struct Explanation {
  MeasuredPath job;
  MeasuredPath query;
  std::vector<ProtectionEntry> protection;
  // Between each pair of regions, as built: one-way latency (s) and bottleneck bandwidth (B/s).
  struct RegionLink {
    std::string a, b;
    double latency = 0;
    double bandwidth = 0;
  };
  std::vector<RegionLink> region_links;
};

// Builds the scenario's platform without its faults, with the background of a run (its own
// actors, DR copies, monitoring probes) but no workload, and runs on it one job from time 0 and
// then one SQL query once the job is over (the scenario's first workload of each class, or a
// small one on its first placement of the kind when it has none) through the flows a run uses,
// with the sizes a run draws for the workload's first request, recording every hop. A run whose
// job arrives at 0 and query at the query's `began`, nothing else running, times them the same.
// Runs an engine: once per process.
Explanation measure_explanation(const sim::Scenario& scenario, const std::vector<std::string>& engine_flags = {});

// The text, section by section; every timing in it comes from `measured`.
std::string explanation_text(const sim::Scenario& scenario, const Explanation& measured);

}  // namespace lakesim::assembly
