#pragma once
// The typed form of a scenario's `faults`: what breaks, where, and for how long.
#include <optional>
#include <string>
#include <vector>

#include "scenario/catalog.hpp"

namespace lakesim::sim {

struct FaultSpec {
  enum class Kind {
    RegionOutage,        // every host and link of the region
    AzOutage,            // every host and link of one availability zone
    ControlPlaneOutage,  // the region's control-plane hosts; the data plane keeps running
    S3Outage,            // the region's S3: reads and writes, each with its own end
    IdpOutage,           // the customer's identity provider on the Internet
    LinkCut,             // the backbone link between two regions
    CapacityShortage,    // no new instance of a compute placement can start
    S3Throttling,        // the region's S3 request rates drop to a fraction (a throttling storm)
    LinkDegradation,     // the backbone link between two regions keeps a fraction of its bandwidth
    HostCrashes,         // the instances of a compute placement crash and come back (MTBF / MTTR)
    KmsOutage,           // the region's KMS does not answer: operations needing the customer's key fail
    KeyRevoked,          // the customer revokes the region's key: the same operations are refused
    RelayOutage,         // the region's secure cluster connectivity relay is down
    WorkspaceOutage,     // one workspace's own control-plane services; others in the region keep working
    ServiceOutage,       // one control-plane component of a region (e.g. its Unity Catalog metastore)
    PrivateLinkOutage,   // the region's back-end PrivateLink path from classic compute to the control plane
  };
  std::string name;
  Kind kind = Kind::RegionOutage;
  std::string target;  // region, AZ, compute placement or workspace; for LinkCut the first region
  std::optional<models::ComponentId> component;  // ServiceOutage: the control-plane component
  std::string other_region;                      // LinkCut: the second region
  double start = 0;                              // seconds
  double end = 0;                                // seconds; for S3Outage the end of the write outage
  double reads_end = 0;                          // S3Outage: when reads return (at most `end`)
  double factor = 1;                             // S3Throttling: rate factor; LinkDegradation: bandwidth factor (0..1)
  double mtbf = 0;                               // HostCrashes: mean time between failures of one host, seconds
  double mttr = 0;                               // HostCrashes: mean time to repair, seconds
};

// The kind's name in a scenario (scenario/fault_kind.hpp has the rest of what is known about it).
const char* to_string(FaultSpec::Kind kind);

}  // namespace lakesim::sim
