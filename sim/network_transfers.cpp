#include "sim/network_transfers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include <simgrid/Exception.hpp>

#include "sim/host_records.hpp"
#include "sim/run_state.hpp"
#include "sim/wakeup.hpp"

namespace lakesim::sim {
namespace {

struct PairHash {
  std::size_t operator()(const std::pair<const sg4::Host*, const sg4::Host*>& p) const {
    const auto a = reinterpret_cast<std::uintptr_t>(p.first);
    const auto b = reinterpret_cast<std::uintptr_t>(p.second);
    return std::hash<std::uintptr_t>()(a * 0x9E3779B97F4A7C15ULL ^ b);
  }
};

// What may enter a host whose downlink is computed: nothing by flow when reserved; while held,
// flows and computed reads one after the other.
struct Inbound {
  bool reserved = false;
  int holders = 0;
  int flows = 0;     // flows coming in now
  int computed = 0;  // computed reads coming in now
};

// The run's routes and byte counts (node-based maps: the addresses of their values stay valid as
// they grow), and its messages carried without a flow.
struct Transfers {
  std::unordered_map<std::pair<const sg4::Host*, const sg4::Host*>, NetworkRoute, PairHash> routes;
  std::unordered_map<const sg4::Link*, double> link_bytes;
  HostRecords<Inbound> inbound;
  std::uint64_t state_changes = 0;  // hosts and links switched on or off in the run
  bool latency_only = false;
  std::uint64_t latency_only_messages = 0;
};

Transfers& transfers() { return RunState::current().get<Transfers>(); }

Inbound* inbound_of(const sg4::Host* host) { return transfers().inbound.find(host); }

void count(const NetworkRoute& route, double bytes) {
  for (double* c : route.link_bytes) *c += bytes;
}

// How many times a host or a link was switched on or off in the run (SimGrid's process-wide
// signals, connected once). Checking a route is then one comparison while nothing was switched,
// rather than a look at each of its hosts and links, whose records are scattered across the
// platform.
std::uint64_t state_changes(Transfers& t) {
  static const bool connected = [] {
    sg4::Host::on_state_change_cb([](const sg4::Host&) {
      if (RunState::active()) ++transfers().state_changes;
    });
    sg4::Link::on_state_change_cb([](const sg4::Link&) {
      if (RunState::active()) ++transfers().state_changes;
    });
    return true;
  }();
  (void)connected;
  return t.state_changes;
}

void require_route_up(const NetworkRoute& route) {
  const std::uint64_t now = state_changes(transfers()) + 1;
  if (route.up_at_change == now) return;
  if (!route.from->is_on() || !route.to->is_on()) throw simgrid::HostFailureException(XBT_THROW_POINT, "host is off");
  for (const sg4::Link* l : route.links)
    if (!l->is_on()) throw simgrid::NetworkFailureException(XBT_THROW_POINT, "link is off");
  route.up_at_change = now;
}

}  // namespace

void use_latency_only_messages(bool enabled) { transfers().latency_only = enabled; }

void reserve_downlink(const sg4::Host* host) { transfers().inbound.get(host).reserved = true; }

bool downlink_reserved(const sg4::Host* host) {
  const Inbound* in = inbound_of(host);
  return in && in->reserved;
}

void hold_downlink(const sg4::Host* host) { ++transfers().inbound.get(host).holders; }

void release_downlink(const sg4::Host* host) { --transfers().inbound.get(host).holders; }

bool downlink_takes_computed_reads(const sg4::Host* host) {
  const Inbound* in = inbound_of(host);
  return in && (in->reserved || (in->holders == 1 && in->flows == 0));
}

int* computed_reads_into(const sg4::Host* host) { return &transfers().inbound.get(host).computed; }

const NetworkRoute& network_route(sg4::Host* from, sg4::Host* to) {
  const std::pair<const sg4::Host*, const sg4::Host*> key(from, to);
  Transfers& t = transfers();
  auto it = t.routes.find(key);
  if (it != t.routes.end()) return it->second;
  NetworkRoute r;
  r.from = from;
  r.to = to;
  from->route_to(to, r.links, &r.latency);
  r.bottleneck = std::numeric_limits<double>::infinity();
  for (const sg4::Link* l : r.links) {
    r.bottleneck = std::min(r.bottleneck, l->get_bandwidth());
    r.link_bytes.push_back(&t.link_bytes[l]);
  }
  return t.routes.emplace(key, std::move(r)).first->second;
}

void send_bytes(const NetworkRoute& route, double bytes) {
  Inbound* in = inbound_of(route.to);
  if (in && in->reserved)
    throw std::logic_error("a flow into " + route.to->get_name() + ", whose downlink is dedicated to its S3 reads");
  if (in && in->computed > 0)
    throw std::logic_error("a flow into " + route.to->get_name() + " while its S3 reads are computed");
  // However the flow ends (a kill unwinds the stack too), the host stops counting it.
  struct Incoming {
    Inbound* in;
    explicit Incoming(Inbound* i) : in(i) {
      if (in) ++in->flows;
    }
    ~Incoming() {
      if (in) --in->flows;
    }
    Incoming(const Incoming&) = delete;
    Incoming& operator=(const Incoming&) = delete;
  } incoming(in);
  const auto size = static_cast<std::uint64_t>(std::llround(std::max(0.0, bytes)));
  sg4::Comm::sendto(route.from, route.to, size);
  count(route, static_cast<double>(size));
}

bool carried_without_flow(double bytes) { return transfers().latency_only && bytes <= kLatencyOnlyBytes; }

void message_leaves(const NetworkRoute& route) { require_route_up(route); }

void message_arrives(const NetworkRoute& route, double bytes) {
  require_route_up(route);
  count(route, std::max(0.0, bytes));
  ++transfers().latency_only_messages;
}

void count_transfer(const NetworkRoute& route, double bytes) {
  require_route_up(route);
  count(route, std::max(0.0, bytes));
}

void send_without_flow(const NetworkRoute& route, double bytes, double seconds) {
  message_leaves(route);
  sleep_for(seconds);
  message_arrives(route, bytes);
}

void send_message(sg4::Host* from, sg4::Host* to, double bytes) {
  const NetworkRoute& route = network_route(from, to);
  if (carried_without_flow(bytes))
    send_without_flow(route, bytes, route.idle_time(std::max(0.0, bytes)));
  else
    send_bytes(route, bytes);
}

void send_round_trip_without_flow(sg4::Host* from, sg4::Host* to, double request_bytes, double response_bytes) {
  if (!carried_without_flow(request_bytes) || !carried_without_flow(response_bytes))
    throw std::logic_error("a round trip without a flow between " + from->get_name() + " and " + to->get_name() +
                           " carries a message that needs one");
  const NetworkRoute& there = network_route(from, to);
  const NetworkRoute& back = network_route(to, from);
  const double request = std::max(0.0, request_bytes);
  const double response = std::max(0.0, response_bytes);
  message_leaves(there);
  sleep_for(there.idle_time(request) + back.idle_time(response));
  message_arrives(there, request);
  message_arrives(back, response);
}

double link_bytes(const sg4::Link* link) {
  const auto& bytes = transfers().link_bytes;
  auto it = bytes.find(link);
  return it == bytes.end() ? 0.0 : it->second;
}

std::uint64_t latency_only_messages() { return transfers().latency_only_messages; }

}  // namespace lakesim::sim
