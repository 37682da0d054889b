#pragma once
// How compute is allowed to read and write table data in S3 (`security.s3_access`), as
// behaviour. With an instance profile the cluster's IAM role reaches every bucket it is attached
// to, so a principal without a grant on its table is admitted (and counted as such); with
// credential passthrough the user's own IAM identity makes the S3 request, and S3 answers 403 on
// the first one; with Unity Catalog the grant is looked up in the metastore before any data is
// read. Every check is counted.
#include <cstdint>
#include <string>

#include "scenario/scenario.hpp"

namespace lakesim::models {

// Where in a request's path a data-access check stands.
enum class DataCheckpoint {
  Catalog,  // the table's lookup in Unity Catalog, before its data is read
  Storage,  // the first S3 request for the table's data
};

struct DataAccessCount {
  std::uint64_t checked = 0;
  std::uint64_t refused = 0;
  // Requests whose principal has no grant on the table that the configuration let through.
  std::uint64_t over_privileged_admitted = 0;
};

class DataAccessControl {
 public:
  explicit DataAccessControl(const sim::SecuritySpec& spec);

  // Whether `at` is where the configured mode decides for a request of `spec` (a workload with
  // a principal and a table; others are not checked).
  bool decides_at(const sim::WorkloadSpec& spec, DataCheckpoint at) const;
  // Whether the principal lacks a grant the request needs: read when its stages read, write
  // when a job or stream writes its table.
  bool lacks_grant(const sim::WorkloadSpec& spec) const;
  // Counts the check; throws RequestFailed(AccessDenied) when the mode refuses it.
  void admit(const sim::WorkloadSpec& spec, const std::string& where);

  const DataAccessCount& counts() const { return count_; }
  sim::S3Access mode() const { return spec_.s3_access; }

 private:
  const sim::SecuritySpec& spec_;
  DataAccessCount count_;
};

}  // namespace lakesim::models
