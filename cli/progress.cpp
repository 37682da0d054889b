#include "cli/progress.hpp"

#include <cstdio>

#include <unistd.h>

namespace lakesim::cli {

std::string compact_duration(double seconds) {
  const long long total = seconds < 0 ? 0 : static_cast<long long>(seconds + 0.5);
  char buf[48];
  if (total >= 86400)
    std::snprintf(buf, sizeof buf, "%lldd%02lldh", total / 86400, total % 86400 / 3600);
  else if (total >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", total / 3600, total % 3600 / 60);
  else if (total >= 60)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", total / 60, total % 60);
  else
    std::snprintf(buf, sizeof buf, "%llds", total);
  return buf;
}

ProgressLine::ProgressLine(bool quiet)
    : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()), last_() {}

ProgressLine::~ProgressLine() { clear(); }

std::string ProgressLine::time_left(double fraction) const {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (fraction <= 0.002 || elapsed < 1) return "";
  return ", ~" + compact_duration(elapsed * (1 - fraction) / fraction) + " left";
}

void ProgressLine::simulation(double clock, double horizon) {
  if (!enabled_ || horizon <= 0) return;
  const double fraction = clock / horizon;
  char buf[64];
  std::snprintf(buf, sizeof buf, " (%.0f%%)", 100 * fraction);
  show("simulated " + compact_duration(clock) + " of " + compact_duration(horizon) + buf + time_left(fraction), false);
}

void ProgressLine::runs(std::size_t done, std::size_t total, double running_work, const std::string& running) {
  if (!enabled_ || total == 0) return;
  const double fraction = (static_cast<double>(done) + running_work) / static_cast<double>(total);
  std::string text = "runs " + std::to_string(done) + "/" + std::to_string(total) + " done";
  if (!running.empty()) text += "; " + running;
  show(text + time_left(fraction), false);
}

void ProgressLine::clear() {
  if (!enabled_ || !shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void ProgressLine::show(const std::string& text, bool force) {
  const auto now = std::chrono::steady_clock::now();
  // A few updates a second are enough to read, and cheap.
  if (!force && shown_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  std::string line = text.size() > 150 ? text.substr(0, 147) + "..." : text;
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace lakesim::cli
