#include "models/archetypes/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lakesim::models {

Dataset::Dataset(const Component& entry, std::string region, S3Service& s3, std::string prefix, bool versioned)
    : DeployedComponent(entry, std::move(region), {}), s3_(s3), prefix_(std::move(prefix)), versioned_(versioned) {
  if (this->region().empty()) throw std::invalid_argument(label() + ": region must not be empty");
  if (prefix_.empty()) throw std::invalid_argument(label() + ": prefix must not be empty");
  if (s3_.region() != this->region())
    throw std::invalid_argument(label() + ": its S3 service is in " + s3_.region() + ", not in " + this->region());
}

std::uint64_t Dataset::count(double objects) {
  return static_cast<std::uint64_t>(std::llround(objects));
}

void Dataset::stored(double bytes) {
  ++stored_writes_;
  if (write_observer_) write_observer_(sg4::Engine::get_clock(), bytes);
}

S3Result Dataset::call(sg4::Host* client, S3Op op, double bytes, double requests, int connections) {
  try {
    require_available();
    if (key_guard_) key_guard_(client);
    S3Result result = s3_.transfer(client, S3Request{prefix_, op, bytes, requests, connections});
    if (traffic_observer_) traffic_observer_(client, bytes);
    count_served(result.seconds);
    return result;
  } catch (const RequestFailed& failure) {
    count_failure(failure.cause());
    throw;
  }
}

S3Result Dataset::read(sg4::Host* client, double bytes, double requests, int connections) {
  return call(client, S3Op::Read, bytes, requests, connections);
}

S3Result Dataset::write(sg4::Host* client, double bytes, double objects, int connections) {
  S3Result result = call(client, S3Op::Write, bytes, objects, connections);
  objects_ += count(objects);
  versions_ += count(objects);
  stored_bytes_ += bytes;
  stored(bytes);
  return result;
}

S3Result Dataset::overwrite(sg4::Host* client, double bytes, double objects, int connections) {
  S3Result result = call(client, S3Op::Write, bytes, objects, connections);
  // The inventory changes when the PUTs land; keys that did not exist yet become new objects.
  const std::uint64_t written = count(objects);
  const std::uint64_t replaced = std::min(written, objects_);
  if (!versioned_ && replaced > 0) {
    // The replaced objects are taken to have had the dataset's average object size.
    stored_bytes_ -= stored_bytes_ * static_cast<double>(replaced) / static_cast<double>(objects_);
    versions_ -= replaced;
  }
  objects_ += written - replaced;
  versions_ += written;
  stored_bytes_ += bytes;
  stored(bytes);
  return result;
}

ConditionalWrite Dataset::write_if_absent(sg4::Host* client, double bytes, const std::function<bool()>& claim,
                                          int connections) {
  ConditionalWrite outcome;
  outcome.s3 = call(client, S3Op::Write, bytes, 1, connections);
  // Nothing can run between the end of the transfer and this check: SimGrid runs one actor at a
  // time, so the check-and-set is atomic like S3's own.
  outcome.stored = claim();
  if (outcome.stored) {
    ++objects_;
    ++versions_;
    stored_bytes_ += bytes;
    stored(bytes);
  }
  return outcome;
}

void Dataset::seed(double bytes, std::uint64_t objects) {
  if (!(bytes >= 0) || !std::isfinite(bytes)) throw std::invalid_argument(label() + ": seeded bytes must be finite");
  objects_ += objects;
  versions_ += objects;
  stored_bytes_ += bytes;
}

}  // namespace lakesim::models
