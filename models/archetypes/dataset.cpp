#include "models/archetypes/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace lakesim::models {

Dataset::Dataset(const Component& entry, std::string region, S3Service& s3, std::string prefix, bool versioned)
    : DeployedComponent(entry, std::move(region), {}), s3_(s3), prefix_(std::move(prefix)), versioned_(versioned) {
  if (this->region().empty()) throw std::invalid_argument(label() + ": region must not be empty");
  if (prefix_.empty()) throw std::invalid_argument(label() + ": prefix must not be empty");
  if (s3_.region() != this->region())
    throw std::invalid_argument(label() + ": its S3 service is in " + s3_.region() + ", not in " + this->region());
}

std::uint64_t Dataset::count(double objects) { return static_cast<std::uint64_t>(std::llround(objects)); }

void Dataset::stored(double bytes) {
  ++stored_writes_;
  if (write_observer_) write_observer_(sg4::Engine::get_clock(), bytes);
}

S3Result Dataset::call(sg4::Host* client, S3Op op, double bytes, double requests, int connections, int prefixes) {
  try {
    require_available();
    if (key_guard_) key_guard_(client);
    S3Result result = s3_.transfer(client, S3Request{prefix_, op, bytes, requests, connections, prefixes});
    served(client, op, bytes, requests, result.seconds);
    return result;
  } catch (const RequestFailed& failure) {
    count_failure(failure.cause());
    throw;
  }
}

void Dataset::served(sg4::Host* client, S3Op op, double bytes, double requests, double seconds) {
  if (traffic_observer_) traffic_observer_(client, bytes);
  requests_[op == S3Op::Read ? 0 : 1] += requests;
  count_served(seconds);
}

S3Result Dataset::read(sg4::Host* client, double bytes, double requests, int connections, int prefixes) {
  return call(client, S3Op::Read, bytes, requests, connections, prefixes);
}

void Dataset::read_together(const std::vector<DatasetRead>& reads) {
  if (reads.empty()) return;
  S3Service& s3 = reads.front().dataset->s3_;
  std::vector<S3Part> parts;
  std::vector<std::size_t> part_of;  // the read each part is
  std::vector<std::optional<RequestFailed>> failures(reads.size());
  for (std::size_t k = 0; k < reads.size(); ++k) {
    const DatasetRead& r = reads[k];
    if (&r.dataset->s3_ != &s3)
      throw std::invalid_argument(r.dataset->label() + ": reads together must be from one region's S3");
    try {
      r.dataset->require_available();
      if (r.dataset->key_guard_) r.dataset->key_guard_(r.client);
    } catch (const RequestFailed& failure) {
      failures[k] = failure;
      continue;
    }
    parts.push_back(S3Part{r.client, S3Request{r.dataset->prefix_, S3Op::Read, r.bytes, r.requests, r.connections}});
    part_of.push_back(k);
  }
  const std::vector<S3PartOutcome> outcomes = s3.read_together(parts);
  for (std::size_t p = 0; p < outcomes.size(); ++p) {
    const DatasetRead& r = reads[part_of[p]];
    if (outcomes[p].failure) {
      failures[part_of[p]] = outcomes[p].failure;
      continue;
    }
    r.dataset->served(r.client, S3Op::Read, r.bytes, r.requests, outcomes[p].result.seconds);
  }
  const RequestFailed* first = nullptr;
  for (std::size_t k = 0; k < reads.size(); ++k) {
    if (!failures[k]) continue;
    reads[k].dataset->count_failure(failures[k]->cause());
    if (!first) first = &*failures[k];
  }
  if (first) throw *first;
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
