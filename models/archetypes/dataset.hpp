#pragma once
// The "dataset" archetype: data that lives under one prefix of a region's S3 (Delta table data,
// managed tables, DBFS root, MLflow artifacts, checkpoints, logs...). It has no hosts of its own;
// every call is S3 traffic from the caller's host, and it keeps the inventory that replication
// and recovery reason about: objects, object versions and stored bytes.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/deployed_component.hpp"
#include "models/storage/s3_service.hpp"

namespace lakesim::models {

// The outcome of a conditional PUT: its S3 cost, and whether the object was stored.
struct ConditionalWrite {
  S3Result s3;
  bool stored = false;
};

class Dataset;

// One of several reads started together (Dataset::read_together).
struct DatasetRead {
  Dataset* dataset = nullptr;
  sg4::Host* client = nullptr;
  double bytes = 0;
  double requests = 1;
  int connections = 1;
};

class Dataset : public DeployedComponent {
 public:
  // In a versioned bucket an overwrite keeps the previous version; otherwise it replaces it.
  Dataset(const Component& entry, std::string region, S3Service& s3, std::string prefix, bool versioned = true);

  // GETs of `requests` objects, `bytes` in total, spread evenly over `prefixes` prefixes under
  // the dataset's (a partitioned table).
  S3Result read(sg4::Host* client, double bytes, double requests = 1, int connections = 1, int prefixes = 1);
  // Reads from datasets of one region that start at once and that the caller waits for together
  // (S3Service::read_together), each accounted to its dataset. Once every read is over, throws
  // the first failed one's RequestFailed, in the order given.
  static void read_together(const std::vector<DatasetRead>& reads);
  // PUTs of `objects` new objects (new keys), `bytes` in total.
  S3Result write(sg4::Host* client, double bytes, double objects = 1, int connections = 1);
  // PUTs over `objects` existing keys: new versions when versioned, replacements otherwise.
  S3Result overwrite(sg4::Host* client, double bytes, double objects = 1, int connections = 1);
  // A put-if-absent (If-None-Match: *) of one new object: S3 decides when the body has arrived,
  // so `claim` is evaluated at that instant and the object is stored only if it returns true
  // (S3 otherwise answers 412 Precondition Failed).
  ConditionalWrite write_if_absent(sg4::Host* client, double bytes, const std::function<bool()>& claim,
                                   int connections = 1);
  // Called with (time, bytes) after each write, overwrite or put-if-absent that stored data
  // (replication copies what the source stored).
  void set_write_observer(std::function<void(double time, double bytes)> observer) {
    write_observer_ = std::move(observer);
  }
  // Writes, overwrites and put-if-absents that stored data so far: exactly the calls that reach
  // the write observer, counted before it is called, so that stored_writes() - 1 is the index a
  // replication that records every stored write gives the latest one.
  std::uint64_t stored_writes() const { return stored_writes_; }
  // Encryption with a customer-managed key: `use_key(client)` runs before every request and
  // throws when the key cannot be used.
  void set_key_guard(std::function<void(sg4::Host*)> use_key) { key_guard_ = std::move(use_key); }
  bool encrypted_with_customer_key() const { return static_cast<bool>(key_guard_); }
  // Called with (client, bytes) after every completed request (the NAT gateway's accounting).
  void set_traffic_observer(std::function<void(sg4::Host*, double)> observer) {
    traffic_observer_ = std::move(observer);
  }
  // Contents present at t=0, without simulated traffic.
  void seed(double bytes, std::uint64_t objects);

  std::uint64_t objects() const { return objects_; }    // current objects
  std::uint64_t versions() const { return versions_; }  // stored versions, current and noncurrent
  double stored_bytes() const { return stored_bytes_; }
  bool versioned() const { return versioned_; }
  const std::string& prefix() const { return prefix_; }
  S3Service& s3() { return s3_; }
  const S3Service& s3() const { return s3_; }
  // S3 sets no concurrency limit of its own; what limits a prefix is its request rate, so the
  // analysis reports the share of that rate used (requests()) as its utilisation.
  double capacity() const override { return 1; }
  // Requests of completed calls, by operation (a batch may stand for a fractional number).
  double requests(S3Op op) const { return requests_[op == S3Op::Read ? 0 : 1]; }

 private:
  // Runs one S3 call with the archetype's accounting: served on success, the cause on failure.
  S3Result call(sg4::Host* client, S3Op op, double bytes, double requests, int connections, int prefixes = 1);
  // The accounting of a completed request: traffic, requests, busy time.
  void served(sg4::Host* client, S3Op op, double bytes, double requests, double seconds);
  static std::uint64_t count(double objects);
  void stored(double bytes);

  S3Service& s3_;
  std::string prefix_;
  bool versioned_;
  std::uint64_t objects_ = 0;
  std::uint64_t versions_ = 0;
  double stored_bytes_ = 0;
  std::uint64_t stored_writes_ = 0;
  double requests_[2] = {0, 0};  // by S3Op: Read, Write
  std::function<void(double, double)> write_observer_;
  std::function<void(sg4::Host*)> key_guard_;
  std::function<void(sg4::Host*, double)> traffic_observer_;
};

}  // namespace lakesim::models
