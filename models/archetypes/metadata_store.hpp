#pragma once
// The "metadata store" archetype: a service that holds versioned state (catalog entries, grants,
// notebooks, lineage, registry records). Reads and writes are service calls; every write makes a
// new version whose time is kept, so what a region loses can be accounted for.
#include <cstdint>
#include <functional>
#include <vector>

#include "models/archetypes/service.hpp"

namespace lakesim::models {

class MetadataStore : public Service {
 public:
  MetadataStore(const Component& entry, std::string region, std::vector<sg4::Host*> replicas, ServiceConfig config);

  CallTiming read(sg4::Host* client);
  // A durable write costs twice a read's work (write-ahead log + apply).
  CallTiming write(sg4::Host* client, double bytes);

  // Called with (time, bytes) after each durable write, for the write accounting of DR.
  void set_write_observer(std::function<void(double, double)> observer) { write_observer_ = std::move(observer); }

  // Encryption with a customer-managed key: `use_key(client)` runs before every read and write
  // and throws when the key cannot be used.
  void set_key_guard(std::function<void(sg4::Host*)> use_key) { key_guard_ = std::move(use_key); }
  bool encrypted_with_customer_key() const { return static_cast<bool>(key_guard_); }

  std::uint64_t version() const { return static_cast<std::uint64_t>(write_times_.size()); }
  double stored_bytes() const { return stored_bytes_; }
  const std::vector<double>& write_times() const { return write_times_; }
  std::uint64_t reads() const { return reads_; }

 private:
  std::vector<double> write_times_;
  double stored_bytes_ = 0;
  std::uint64_t reads_ = 0;
  std::function<void(double, double)> write_observer_;
  std::function<void(sg4::Host*)> key_guard_;
  void use_key(sg4::Host* client);
};

}  // namespace lakesim::models
