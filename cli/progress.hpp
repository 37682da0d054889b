#pragma once
// A one-line progress display on stderr for long runs, sweeps and comparisons, rewritten in place.
// Only on a terminal and without --quiet: logs and pipes get nothing.
#include <chrono>
#include <cstddef>
#include <string>

namespace lakesim::cli {

// "45s", "12m05s", "4h32m", "2d03h": short enough for a progress line.
std::string compact_duration(double seconds);

class ProgressLine {
 public:
  explicit ProgressLine(bool quiet);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return enabled_; }
  // One simulation: how far its simulated clock has come.
  void simulation(double clock, double horizon);
  // Several runs: `done` of `total` finished, plus `running_work` (the sum of the running runs'
  // fractions, 0..1 each) and a note on them (e.g. "rep-3 at 4h of 16h").
  void runs(std::size_t done, std::size_t total, double running_work, const std::string& running);
  void clear();  // erases the line (before other output, and at the end)

 private:
  void show(const std::string& text, bool force);
  std::string time_left(double fraction) const;

  bool enabled_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace lakesim::cli
