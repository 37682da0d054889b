#include "models/security/data_access.hpp"

#include "models/failure.hpp"

namespace lakesim::models {

namespace {
bool nonzero(const sim::Distribution& d) { return !(d.kind == sim::Distribution::Kind::Fixed && d.mean == 0); }
}  // namespace

DataAccessControl::DataAccessControl(const sim::SecuritySpec& spec) : spec_(spec) {}

bool DataAccessControl::decides_at(const sim::WorkloadSpec& spec, DataCheckpoint at) const {
  if (spec.principal.empty() || spec.table.empty()) return false;
  return (spec_.s3_access == sim::S3Access::UnityCatalog) == (at == DataCheckpoint::Catalog);
}

bool DataAccessControl::lacks_grant(const sim::WorkloadSpec& spec) const {
  bool reads = spec.trace.has_value(), writes = false;
  for (const sim::StageSpec& s : spec.stages) {
    reads = reads || nonzero(s.read_bytes);
    writes = writes || nonzero(s.write_bytes);
  }
  writes = writes && (spec.cls == sim::WorkloadClass::Job || spec.cls == sim::WorkloadClass::Streaming);
  const auto it = spec_.grants.find(spec.principal);
  if (it == spec_.grants.end()) return reads || writes;
  return (reads && !it->second.may_read(spec.table)) || (writes && !it->second.may_write(spec.table));
}

void DataAccessControl::admit(const sim::WorkloadSpec& spec, const std::string& where) {
  ++count_.checked;
  if (!lacks_grant(spec)) return;
  if (spec_.s3_access == sim::S3Access::InstanceProfile) {
    // The cluster's role reaches the bucket whoever the user is.
    ++count_.over_privileged_admitted;
    return;
  }
  ++count_.refused;
  throw RequestFailed(FailureCause::AccessDenied, where + " (" + spec.principal + " on " + spec.table + ")");
}

}  // namespace lakesim::models
