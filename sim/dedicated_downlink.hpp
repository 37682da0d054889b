#pragma once
// The receiving side of an instance whose only inbound flows are reads from its own S3 port (an
// SQL warehouse's instance), computed in closed form rather than as SimGrid flows.
//
// Under the `exact` network model a flow spends its route's latency without a share of
// bandwidth, then divides its bottleneck max-min fairly with the flows that cross it. A port's
// reads cross two links of their own, the port's and the instance's NIC (receiving side), both
// of the instance's bandwidth B; when nothing else enters the instance with a flow, n reads in
// progress each run at B / n. That is a processor-sharing server of speed B and one unit, which
// sim/shared_cpu computes: a read arrives after the route's latency and needs its bytes of
// service. SimGrid's flows of the same reads end at the same instants
// (tests/validation/test_dedicated_downlink.cpp).
//
// Why: an SQL query read its share of the tables on each instance of its cluster as flows, and
// at a million queries a day those flows were half of the engine's work; then Spark instances'
// reads were nearly half of the flows left (DownlinkHold below).
//
// Any flow into a dedicated host would share its NIC unseen, so `send_bytes` refuses one. Only
// the `exact` model is computed this way; under another model nothing is dedicated.
#include <cstdint>
#include <vector>

#include <simgrid/s4u.hpp>

#include "sim/network_transfers.hpp"

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

// Computes downlinks this way in the run (the exact model only).
void enable_dedicated_downlinks(bool enabled);
// Declares that `host` receives flows only from its S3 port (ignored unless enabled).
void dedicate_downlink(sg4::Host* host);
// Whether `host`'s S3 reads are computed now: it is dedicated, or held with no flow coming in.
bool downlink_dedicated(const sg4::Host* host);

// A Spark instance running one run's waves receives one thing at a time, all of it its worker's
// doing: a shuffle fetch as a flow, then its S3 read. While its worker holds it (and nothing else
// does), each S3 read that starts with no flow coming in is computed here; it runs alone on the
// downlink, since the next flow in is the same worker's and starts after it. A flow into the host
// while such a read comes in is a logic error (sim/network_transfers). Ignored unless enabled.
class DownlinkHold {
 public:
  explicit DownlinkHold(const sg4::Host* host);
  ~DownlinkHold();
  DownlinkHold(const DownlinkHold&) = delete;
  DownlinkHold& operator=(const DownlinkHold&) = delete;

 private:
  const sg4::Host* host_;
};

// Receives `bytes` over `route`, which ends at a dedicated host, blocking the calling actor until
// the transfer has ended plus `after_end` seconds, and not before `not_before`. Throws SimGrid's
// HostFailureException when the receiving host goes down meanwhile (at that instant), or when a
// host or link of the route is off at the start or at the end.
void receive_on_dedicated_downlink(const NetworkRoute& route, double bytes, double after_end, double not_before);

// One of several reads received at once (each route ends at a dedicated host): it enters its
// route at `start` (now or later), and its caller is done with it `after_end` seconds after it has
// ended, and not before `not_before`.
struct DownlinkRead {
  const NetworkRoute* route = nullptr;
  double bytes = 0;
  double start = 0;
  double after_end = 0;
  double not_before = 0;
};
// How one of them went: `done_at` is when its caller was done with it; a read fails when its
// receiving host goes down meanwhile (or a host of its route is off at the start or the end), or
// a link of its route is off at the start or the end.
struct DownlinkOutcome {
  enum class Status { Done, HostDown, LinkDown } status = Status::Done;
  double done_at = 0;
};
// Receives every read, blocking the calling actor until each is done or failed: one wait for
// them all, however many instances they arrive on.
std::vector<DownlinkOutcome> receive_together(const std::vector<DownlinkRead>& reads);

// Transfers computed this way (they count as communications among the activities).
std::uint64_t computed_transfers();

}  // namespace lakesim::sim
