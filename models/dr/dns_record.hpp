#pragma once
// The failover DNS record of the primary region's workspace, and the clients that resolve it.
// The record answers with the region that serves the primary's users; a failover (or failback)
// publishes a new answer. A client keeps the answer it resolved for its cache lifetime: the
// record's TTL for most clients, longer for the share that holds on to an address (a JVM with a
// security manager caches forever, JDBC/ODBC drivers and connection pools keep the old address
// until they reconnect). Clients resolve on their own phase of their cache cycle, so after a
// change traffic moves over a spread of time. The answer a client has is a closed form of its key
// and the record's history: no actor and no event per client.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "scenario/dr_spec.hpp"

namespace lakesim::models {

class DnsRecord {
 public:
  explicit DnsRecord(std::string home);
  void publish(double at, const std::string& region);  // times must not go back
  const std::string& answer_at(double t) const;        // the answer served at time t
  const std::vector<std::pair<double, std::string>>& history() const { return history_; }

 private:
  std::vector<std::pair<double, std::string>> history_;  // (from, answer), the first from 0
};

// How a population of clients caches the record's answer.
struct DnsCaching {
  double ttl = 60;        // seconds most clients keep an answer
  double long_share = 0;  // share of clients that keep it longer
  double long_cache = 0;  // seconds those keep it

  static DnsCaching of(const sim::DrSpec& spec) {
    return {spec.dns_ttl, spec.dns_long_cache_share, spec.dns_long_cache};
  }

  // The cache lifetime and the cycle phase of the client with `key` in [0, 1).
  std::pair<double, double> client(double key) const;
  // When the client with `key`, holding what it resolved before `change`, first resolves at or
  // after `change`: the instant it sees an answer published at `change`.
  double follows(double key, double change) const;
  // The answer the client with `key` holds at `now`.
  const std::string& resolve(const DnsRecord& record, double key, double now) const;
};

// A client's key in [0, 1) from two numbers that tell clients apart (splitmix64 mix).
double client_key(std::uint64_t a, std::uint64_t b);

}  // namespace lakesim::models
