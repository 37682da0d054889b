#include "sim/network_transfers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <unordered_map>

#include <simgrid/Exception.hpp>

namespace lakesim::sim {
namespace {

struct RouteEntry {
  NetworkRoute route;
  std::vector<double*> counters;  // the links' byte counts, in route order
};

struct PairHash {
  std::size_t operator()(const std::pair<const sg4::Host*, const sg4::Host*>& p) const {
    const auto a = reinterpret_cast<std::uintptr_t>(p.first);
    const auto b = reinterpret_cast<std::uintptr_t>(p.second);
    return std::hash<std::uintptr_t>()(a * 0x9E3779B97F4A7C15ULL ^ b);
  }
};

// Node-based maps: the addresses of their values stay valid as they grow.
std::unordered_map<std::pair<const sg4::Host*, const sg4::Host*>, RouteEntry, PairHash> g_routes;
std::unordered_map<const sg4::Link*, double> g_link_bytes;
bool g_latency_only = false;
std::uint64_t g_latency_only_messages = 0;

RouteEntry& entry(const sg4::Host* from, const sg4::Host* to) {
  auto key = std::make_pair(from, to);
  auto it = g_routes.find(key);
  if (it != g_routes.end()) return it->second;
  RouteEntry e;
  from->route_to(to, e.route.links, &e.route.latency);
  e.route.bottleneck = std::numeric_limits<double>::infinity();
  for (const sg4::Link* l : e.route.links) {
    e.route.bottleneck = std::min(e.route.bottleneck, l->get_bandwidth());
    e.counters.push_back(&g_link_bytes[l]);
  }
  return g_routes.emplace(key, std::move(e)).first->second;
}

void count(const RouteEntry& e, double bytes) {
  for (double* c : e.counters) *c += bytes;
}

void require_route_up(const sg4::Host* from, const sg4::Host* to, const NetworkRoute& route) {
  if (!from->is_on() || !to->is_on()) throw simgrid::HostFailureException(XBT_THROW_POINT, "host is off");
  for (const sg4::Link* l : route.links)
    if (!l->is_on()) throw simgrid::NetworkFailureException(XBT_THROW_POINT, "link is off");
}

}  // namespace

void reset_network_transfers(bool latency_only_messages) {
  g_routes.clear();
  g_link_bytes.clear();
  g_latency_only = latency_only_messages;
  g_latency_only_messages = 0;
}

const NetworkRoute& network_route(const sg4::Host* from, const sg4::Host* to) { return entry(from, to).route; }

void send_bytes(sg4::Host* from, sg4::Host* to, double bytes) {
  const RouteEntry& e = entry(from, to);
  const auto size = static_cast<std::uint64_t>(std::llround(std::max(0.0, bytes)));
  sg4::Comm::sendto(from, to, size);
  count(e, static_cast<double>(size));
}

bool carried_without_flow(double bytes) { return g_latency_only && bytes <= kLatencyOnlyBytes; }

void send_without_flow(sg4::Host* from, sg4::Host* to, double bytes, double seconds) {
  const RouteEntry& e = entry(from, to);
  require_route_up(from, to, e.route);
  sg4::this_actor::sleep_for(seconds);
  require_route_up(from, to, e.route);
  count(e, std::max(0.0, bytes));
  ++g_latency_only_messages;
}

void send_message(sg4::Host* from, sg4::Host* to, double bytes) {
  if (carried_without_flow(bytes))
    send_without_flow(from, to, bytes, network_route(from, to).idle_time(std::max(0.0, bytes)));
  else
    send_bytes(from, to, bytes);
}

double link_bytes(const sg4::Link* link) {
  auto it = g_link_bytes.find(link);
  return it == g_link_bytes.end() ? 0.0 : it->second;
}

std::uint64_t latency_only_messages() { return g_latency_only_messages; }

}  // namespace lakesim::sim
