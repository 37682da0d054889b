#pragma once
// One hop of a request's path as the flows take it: the action runs as it always does, and only
// a request with a recorder attached (FlowContext::recorder) has it timed and described.
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "models/deployed_component.hpp"
#include "models/flows/hop_recorder.hpp"
#include "models/flows/request_flows.hpp"

namespace lakesim::models {

// Runs `action`, which returns the host the hop ran on (or null), as one hop at `component` in
// `region`; `describe()` says what the request did there and is called only when recording.
template <class Describe, class Action>
void hop(const FlowContext& ctx, std::string_view component, const std::string& region, Describe&& describe,
         Action&& action) {
  if (!ctx.recorder) {
    action();
    return;
  }
  const double start = sg4::Engine::get_clock();
  sg4::Host* host = action();
  ctx.recorder->record({std::string(component), region, host ? host->get_name() : std::string(),
                        std::string(describe()), start, sg4::Engine::get_clock()});
}

template <class Describe, class Action>
void hop(const FlowContext& ctx, const DeployedComponent& component, Describe&& describe, Action&& action) {
  hop(ctx, component.entry().id, component.region(), describe, action);
}

// Sizes and durations in hop descriptions: "1.2 GB", "50.0 MB", "4 kB"; "1 h 2 min 3 s".
inline std::string bytes_words(double bytes) {
  char buffer[32];
  if (bytes >= 1e9)
    std::snprintf(buffer, sizeof buffer, "%.1f GB", bytes / 1e9);
  else if (bytes >= 1e6)
    std::snprintf(buffer, sizeof buffer, "%.1f MB", bytes / 1e6);
  else
    std::snprintf(buffer, sizeof buffer, "%.0f kB", bytes / 1e3);
  return buffer;
}

inline std::string duration_words(double seconds) {
  const long long total = std::llround(seconds);
  const long long h = total / 3600, m = total % 3600 / 60, s = total % 60;
  std::string out;
  if (h > 0) out += std::to_string(h) + " h ";
  if (m > 0) out += std::to_string(m) + " min ";
  if (s > 0 || out.empty()) out += std::to_string(s) + " s ";
  out.pop_back();
  return out;
}

}  // namespace lakesim::models
