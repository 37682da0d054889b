#pragma once
// The run's timeline: one row per notable event (time, component, region, kind, detail), kept
// in simulated-time order and written as timeline.csv. A running fingerprint over (time,
// component, kind) identifies the trajectory, so two runs can be compared in one number.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lakesim::sim {

struct Event {
  double time;
  std::string component;
  std::string region;
  std::string kind;
  std::string detail;
};

class EventLog {
 public:
  void record(double time, std::string component, std::string region, std::string kind, std::string detail = {});
  const std::vector<Event>& events() const { return events_; }
  std::uint64_t fingerprint() const { return fingerprint_; }
  std::string to_csv() const;  // header + one row per event, RFC 4180 quoting
  // Called with every event as it is recorded (live narration); empty by default.
  void set_listener(std::function<void(const Event&)> listener) { listener_ = std::move(listener); }

 private:
  std::vector<Event> events_;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  std::function<void(const Event&)> listener_;
};

}  // namespace lakesim::sim
