#pragma once
// The "log sink" archetype: an append-only stream (audit events, job logs) buffered where it is
// produced and shipped to its destination (the SIEM, a logging bucket) in batches every
// interval. Records not yet shipped when their source fails are lost; shipped ones are safe.
#include <cstdint>
#include <functional>
#include <string>

#include "models/deployed_component.hpp"

namespace lakesim::models {

struct LogSinkConfig {
  double ship_interval = 60;       // seconds between batches
  double bytes_per_record = 1024;  // typical record size when callers give only a count
  void check(const std::string& who) const;
};

class LogSink : public DeployedComponent {
 public:
  // `source` is where records are buffered, `destination` where batches go.
  LogSink(const Component& entry, std::string region, sg4::Host* source, sg4::Host* destination, LogSinkConfig config);

  void append(std::uint64_t records, double bytes = -1);  // bytes < 0: records x bytes_per_record
  void start();                                           // creates the shipping actor (daemonized)

  // Write accounting: `on_append(time, bytes)` after every append; `on_shipped(appends, time)`
  // when a batch has reached the destination, with the number of appends shipped so far.
  void set_observers(std::function<void(double, double)> on_append,
                     std::function<void(std::uint64_t, double)> on_shipped) {
    on_append_ = std::move(on_append);
    on_shipped_ = std::move(on_shipped);
  }

  std::uint64_t appended_records() const { return appended_; }
  std::uint64_t shipped_records() const { return shipped_; }
  std::uint64_t pending_records() const { return appended_ - shipped_; }
  double shipped_bytes() const { return shipped_bytes_; }
  std::uint64_t failed_batches() const { return failed_batches_; }
  double capacity() const override { return 1; }

 private:
  void ship_once();

  sg4::Host* source_;
  sg4::Host* destination_;
  LogSinkConfig config_;
  std::uint64_t appended_ = 0;
  std::uint64_t shipped_ = 0;
  double pending_bytes_ = 0;
  double shipped_bytes_ = 0;
  std::uint64_t failed_batches_ = 0;
  std::uint64_t appends_ = 0;          // calls to append
  std::uint64_t shipped_appends_ = 0;  // of those, shipped
  std::function<void(double, double)> on_append_;
  std::function<void(std::uint64_t, double)> on_shipped_;
};

}  // namespace lakesim::models
