#include "models/archetypes/metadata_store.hpp"

namespace lakesim::models {

MetadataStore::MetadataStore(const Component& entry, std::string region, std::vector<sg4::Host*> replicas,
                             ServiceConfig config)
    : Service(entry, std::move(region), std::move(replicas), config) {}

// The key is used from the store's own replica, where the data is decrypted; a refusal counts as
// the store's failure.
void MetadataStore::use_key(sg4::Host* client) {
  if (!key_guard_) return;
  try {
    key_guard_(client);
  } catch (const RequestFailed& failure) {
    count_failure(failure.cause());
    throw;
  }
}

CallTiming MetadataStore::read(sg4::Host* client) {
  use_key(client);
  CallTiming t = call(client, 1.0);
  ++reads_;
  return t;
}

CallTiming MetadataStore::write(sg4::Host* client, double bytes) {
  use_key(client);
  CallTiming t = call(client, 2.0);
  write_times_.push_back(sg4::Engine::get_clock());
  stored_bytes_ += bytes;
  if (write_observer_) write_observer_(write_times_.back(), bytes);
  return t;
}

}  // namespace lakesim::models
