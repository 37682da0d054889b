#pragma once
// Everything the scenario side knows about a fault kind, in one row per kind: its name in a
// scenario, the target key it takes, the parameters it accepts, what it does, and how a run's
// narration tells its start and end. The reader, the narration and the faults table of
// docs/scenario-format.md are driven by these rows; the behaviour itself (which hosts, links and
// components go down) lives in the platform, the fault injector and the architecture graph, in
// switches without `default:` so the compiler names a kind that one of them leaves out.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/fault_spec.hpp"

namespace lakesim::sim {

// The scenario key naming what a fault breaks.
enum class FaultTarget {
  Region,      // "region": a region
  Az,          // "az": an availability zone
  Compute,     // "compute": a compute placement
  RegionPair,  // "regions": the two regions a backbone link joins
  Workspace,   // "workspace": a listed workspace
  None,        // no target (the Internet's identity provider)
};

// Keys some kinds take besides the target and the window.
enum class FaultParameter {
  Factor,         // S3 rate or link bandwidth kept, between 0 and 1
  ReadsDuration,  // how long S3 reads stay down, at most the fault's duration
  Mtbf,           // mean time between a host's failures
  Mttr,           // mean time to repair one
  Component,      // catalogue id of a control-plane component
};
inline constexpr std::size_t kFaultParameterCount = 5;

struct FaultKindInfo {
  FaultSpec::Kind kind;
  const char* name;  // as written in a scenario's "kind"
  FaultTarget target;
  unsigned parameters;      // bit (1 << FaultParameter) for each parameter the kind takes
  const char* description;  // what it turns off or degrades, one line for the docs
  // What the narration says when the fault starts and when it ends. Placeholders, filled from
  // the fault: {target}, {pair} ("a ~ b"), {component}, {factor} (a percentage), {reads_back}
  // and {writes_back} (clock times), {mtbf}, {mttr}, and in the end line {lasted}
  // (" after 1h").
  const char* narrated_start;
  const char* narrated_end;

  bool takes(FaultParameter p) const { return (parameters >> static_cast<unsigned>(p)) & 1U; }
};

// Every kind, in the enum's order.
const std::vector<FaultKindInfo>& fault_kinds();
const FaultKindInfo& fault_kind_info(FaultSpec::Kind kind);
// The kind written `name` in a scenario, or null.
const FaultKindInfo* find_fault_kind(std::string_view name);

// "region", "az", "compute", "regions", "workspace"; "" for None.
const char* target_key(FaultTarget target);
// "factor", "reads_duration", "mtbf", "mttr", "component".
const char* parameter_key(FaultParameter parameter);
// Whether a scenario must give the parameter when the kind takes it.
bool parameter_required(FaultParameter parameter);
// How the parameter is checked, for the docs.
const char* parameter_rule(FaultParameter parameter);
// "s3_throttling or link_degradation": the kinds taking the parameter.
std::string kinds_taking(FaultParameter parameter);

// The markdown table of docs/scenario-format.md's `faults` section, one row per kind, ending in
// a newline. A unit test (tests/unit/test_fault_kinds.cpp) compares it with the doc and can rewrite it.
std::string fault_kinds_markdown();

}  // namespace lakesim::sim
