#include "presentation/failover_state.hpp"

#include <limits>

#include "scenario/units.hpp"

namespace lakesim::presentation {

namespace {

double number_or(const nlohmann::json& object, const char* key, double fallback) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string text_of(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// When the outage a failover answered ended (infinity when it outlasted the run or is unknown).
double outage_end(const nlohmann::json& results, const std::string& name) {
  for (const nlohmann::json& o : results.value("outages", nlohmann::json::array()))
    if (text_of(o, "name") == name) return number_or(o, "end", std::numeric_limits<double>::infinity());
  return std::numeric_limits<double>::infinity();
}

}  // namespace

FailoverState failover_state_at(const nlohmann::json& results, double t) {
  FailoverState s;
  const nlohmann::json dr = results.value("dr", nlohmann::json::object());
  if (!dr.is_object()) return s;
  s.primary = text_of(dr, "primary");
  s.secondary = text_of(dr, "secondary");
  s.has_dr = !s.primary.empty() && !s.secondary.empty();
  if (!s.has_dr) return s;
  s.serving = s.primary;
  s.summary = s.primary + " (the primary) serves users";
  const double never = std::numeric_limits<double>::infinity();
  for (const nlohmann::json& f : dr.value("failovers", nlohmann::json::array())) {
    const double start = number_or(f, "outage_start", never);
    if (t < start) break;
    const double detected = number_or(f, "detected", never);
    const double redirected = f.value("completed", false) ? number_or(f, "redirected", never) : never;
    const double failed_back = number_or(f, "failed_back", never);
    const double back = outage_end(results, text_of(f, "outage"));
    s.step.clear();
    if (t < detected) {
      s.serving.clear();
      s.step = "detection";
      s.step_start = start;
      s.step_end = detected;
      s.summary = s.primary + " stopped answering at " + sim::format_clock(start) +
                  "; no region serves users while health checks fail (detected at " + sim::format_clock(detected) + ")";
    } else if (t >= failed_back) {
      s.serving = s.primary;
      s.summary = s.primary + " serves users again: failed back at " + sim::format_clock(failed_back);
    } else if (t >= redirected) {
      s.serving = s.secondary;
      s.summary = s.secondary + " serves users since " + sim::format_clock(redirected) + " (failover complete, " +
                  sim::format_whole_duration(redirected - start) + " after the outage began)";
    } else {
      for (const nlohmann::json& step : f.value("steps", nlohmann::json::array())) {
        const double from = number_or(step, "start", never), to = number_or(step, "end", never);
        if (from <= t && t < to) {
          s.step = text_of(step, "step");
          s.step_start = from;
          s.step_end = to;
        }
      }
      s.serving = t >= back ? s.primary : "";
      s.summary = (t >= back ? s.primary + " is back and serves users" : "no region serves users") +
                  std::string("; failover to ") + s.secondary + " in progress since " + sim::format_clock(detected) +
                  (s.step.empty() ? ""
                                  : ": step " + s.step + " (" + sim::format_clock(s.step_start) + " to " +
                                        sim::format_clock(s.step_end) + ")");
    }
  }
  return s;
}

}  // namespace lakesim::presentation
