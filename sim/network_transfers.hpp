#pragma once
// Host-to-host transfers through the platform's network, and the bytes they put on each link.
//
// Bulk transfers are SimGrid flows: they share bandwidth under the network model. Messages up to
// `kLatencyOnlyBytes` (control-plane requests and responses) take the time an idle route gives
// them, latency plus size over the narrowest link, without becoming a flow: at a few kilobytes
// on links of 10 Gbps and more their share of bandwidth is nil, but as flows each would re-solve
// the sharing of every flow it meets, which was most of the engine's time on large runs. They
// are only used under the `exact` network model, whose idle-route time is exactly that formula.
//
// Link bytes are counted here rather than by SimGrid's link-load plugin, which looked every
// route up twice more per communication. SimGrid allows one engine per process, so this state
// is process-wide and reset with each simulation.
#include <cstdint>
#include <vector>

#include <simgrid/s4u.hpp>

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

// One route between two hosts, looked up once and kept for the whole run.
struct NetworkRoute {
  sg4::Host* from = nullptr;
  sg4::Host* to = nullptr;
  std::vector<sg4::Link*> links;
  double latency = 0;               // seconds, the sum of the links'
  double bottleneck = 0;            // bytes per second, the narrowest link's
  std::vector<double*> link_bytes;  // the links' byte counts, in route order
  // The count of host and link state changes when every host and link of the route was last seen
  // on, plus one (0: not seen so). While no state has changed since, the route is still up.
  mutable std::uint64_t up_at_change = 0;
  // Time an idle route takes to carry `bytes` (the exact model's answer).
  double idle_time(double bytes) const { return latency + bytes / bottleneck; }
};

constexpr double kLatencyOnlyBytes = 64 * 1024;

// Enables the message path without a flow for the run (the exact model only).
void use_latency_only_messages(bool enabled);
// `host` receives no flow: its downlink is computed elsewhere (sim/dedicated_downlink.hpp), and a
// flow into it is a logic error.
void reserve_downlink(const sg4::Host* host);
bool downlink_reserved(const sg4::Host* host);
// While held (by a Spark instance's one worker, sim/dedicated_downlink.hpp), flows and computed
// reads enter `host` one after the other: a flow while a computed read comes in is a logic error.
void hold_downlink(const sg4::Host* host);
void release_downlink(const sg4::Host* host);
// Reserved, or held once with no flow coming in now: an S3 read from its port can be computed.
bool downlink_takes_computed_reads(const sg4::Host* host);
// The count of computed reads coming into `host` now, kept by sim/dedicated_downlink (its
// address stays valid for the run).
int* computed_reads_into(const sg4::Host* host);

const NetworkRoute& network_route(sg4::Host* from, sg4::Host* to);

// A flow of `bytes` along `route`, blocking the calling actor. Throws SimGrid's
// HostFailureException or NetworkFailureException as a flow does; both ends must be on.
void send_bytes(const NetworkRoute& route, double bytes);

// Whether a message of `bytes` travels without a flow (small enough, and enabled).
bool carried_without_flow(double bytes);

// A message that occupies `route` for `seconds` without a flow. A host or link of the route
// that is off at the start or at the end fails it, as SimGrid fails a flow.
void send_without_flow(const NetworkRoute& route, double bytes, double seconds);

// The two ends of a message carried without a flow, for a caller that waits for it as part of
// a longer wait of its own: `message_leaves` checks the route at the start, `message_arrives`
// checks it at the end and counts the message.
void message_leaves(const NetworkRoute& route);
void message_arrives(const NetworkRoute& route, double bytes);

// A transfer of `bytes` along `route` computed without a flow (sim/dedicated_downlink) ends: the
// route is checked as at a message's end and its links carry the bytes.
void count_transfer(const NetworkRoute& route, double bytes);

// A message: without a flow, for the idle route's time, when small enough and enabled; else a flow.
void send_message(sg4::Host* from, sg4::Host* to, double bytes);

// A request from `from` to `to`, then its response, both carried without a flow: one wait of both
// idle-route times, the routes checked at its start and its end (as a service call folds its
// messages into its wait). A message too large for that is a logic error.
void send_round_trip_without_flow(sg4::Host* from, sg4::Host* to, double request_bytes, double response_bytes);

// Bytes that completed transfers carried over `link`, and the number of latency-only messages.
double link_bytes(const sg4::Link* link);
std::uint64_t latency_only_messages();

}  // namespace lakesim::sim
