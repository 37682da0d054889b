#include "models/dr/dns_record.hpp"

#include <algorithm>
#include <cmath>

namespace lakesim::models {

DnsRecord::DnsRecord(std::string home) { history_.emplace_back(0.0, std::move(home)); }

void DnsRecord::publish(double at, const std::string& region) {
  if (history_.back().second == region) return;
  history_.emplace_back(at, region);
}

const std::string& DnsRecord::answer_at(double t) const {
  std::size_t i = history_.size() - 1;
  while (i > 0 && history_[i].first > t) --i;
  return history_[i].second;
}

std::pair<double, double> DnsCaching::client(double key) const {
  // The first `long_share` of the keys are the long-caching clients; each group's keys spread
  // its phases evenly over its cycle.
  if (key < long_share && long_cache > 0) return {long_cache, key / long_share * long_cache};
  const double rest = long_cache > 0 ? 1 - long_share : 1;
  const double v = rest > 0 ? (key - (1 - rest)) / rest : key;
  return {ttl, v * ttl};
}

double DnsCaching::follows(double key, double change) const {
  const auto [cache, phase] = client(key);
  if (cache <= 0) return change;
  // Resolutions happen at phase + k * cache (k >= 0); the first one at or after the change.
  if (change <= phase) return phase;
  return phase + std::ceil((change - phase) / cache) * cache;
}

const std::string& DnsCaching::resolve(const DnsRecord& record, double key, double now) const {
  const auto [cache, phase] = client(key);
  if (cache <= 0) return record.answer_at(now);
  // The client's latest resolution at or before now (its first one is at its phase, before
  // which it holds what the record said at the start).
  const double last = now < phase ? 0.0 : phase + std::floor((now - phase) / cache) * cache;
  return record.answer_at(last);
}

double client_key(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e5f9ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

}  // namespace lakesim::models
