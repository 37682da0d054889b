#include "sim/event_log.hpp"

#include <cstdio>
#include <cstring>

#include "sim/random_stream.hpp"

namespace lakesim::sim {
namespace {
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}
}  // namespace

void EventLog::record(double time, std::string component, std::string region, std::string kind, std::string detail) {
  // The fingerprint hashes the exact bits of the time, so any shift in the trajectory shows.
  std::uint64_t bits = 0;
  std::memcpy(&bits, &time, sizeof bits);
  fingerprint_ = fnv1a(std::string_view(reinterpret_cast<const char*>(&bits), sizeof bits), fingerprint_);
  fingerprint_ = fnv1a(component, fingerprint_);
  fingerprint_ = fnv1a(kind, fingerprint_);
  events_.push_back({time, std::move(component), std::move(region), std::move(kind), std::move(detail)});
  if (listener_) listener_(events_.back());
}

std::string EventLog::to_csv() const {
  std::string out = "time,component,region,kind,detail\n";
  char buf[32];
  for (const Event& e : events_) {
    std::snprintf(buf, sizeof buf, "%.6f", e.time);
    out += buf;
    out += "," + csv_field(e.component) + "," + csv_field(e.region) + "," + csv_field(e.kind) + "," +
           csv_field(e.detail) + "\n";
  }
  return out;
}

}  // namespace lakesim::sim
