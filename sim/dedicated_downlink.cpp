#include "sim/dedicated_downlink.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <simgrid/Exception.hpp>

#include "sim/shared_cpu.hpp"

namespace lakesim::sim {
namespace {

struct Downlink {
  const sg4::Host* source;  // the port its reads come from
  SharedCpu server;
};

// Never freed, for the reason the shared CPUs are not (sim/shared_cpu.cpp): callers may still
// wait on their semaphores when the engine goes.
using Downlinks = std::unordered_map<const sg4::Host*, Downlink>;
Downlinks* g_downlinks = new Downlinks;
std::vector<Downlinks*>* g_retired = new std::vector<Downlinks*>;
std::unordered_set<const sg4::Host*> g_dedicated;
bool g_enabled = false;
bool g_watching = false;
std::uint64_t g_computed = 0;

Downlink& downlink(const NetworkRoute& route) {
  auto it = g_downlinks->find(route.to);
  if (it == g_downlinks->end()) {
    Downlink d{route.from, SharedCpu(route.to, route.bottleneck, 1, &g_computed)};
    d.server.add_group(std::numeric_limits<int>::max(), std::numeric_limits<double>::infinity());
    it = g_downlinks->emplace(route.to, std::move(d)).first;
  }
  if (it->second.source != route.from)
    throw std::logic_error("a dedicated downlink of " + route.to->get_name() + " receives from " +
                           route.from->get_name() + " as well as from its S3 port");
  return it->second;
}

}  // namespace

void dedicate_downlink(sg4::Host* host) {
  if (!g_enabled) return;
  if (!g_watching) {
    // A host that goes down fails the reads it was receiving at once, as it fails flows.
    sg4::Host::on_state_change_cb([](const sg4::Host& h) {
      if (h.is_on()) return;
      auto it = g_downlinks->find(&h);
      if (it != g_downlinks->end()) it->second.server.fail_all();
    });
    g_watching = true;
  }
  g_dedicated.insert(host);
}

bool downlink_dedicated(const sg4::Host* host) { return g_enabled && g_dedicated.count(host) > 0; }

void receive_on_dedicated_downlink(const NetworkRoute& route, double bytes, double after_end, double not_before) {
  message_leaves(route);
  // The size a flow would carry: SimGrid's are whole bytes.
  const double size = static_cast<double>(std::llround(std::max(0.0, bytes)));
  SharedCpu& server = downlink(route).server;
  const sg4::SemaphorePtr wake = sg4::Semaphore::create(0);
  const double start = sg4::Engine::get_clock();
  const SharedCpu::JobId id = server.submit(0, start + route.latency, size, wake);
  struct Forget {
    SharedCpu& server;
    SharedCpu::JobId id;
    ~Forget() { server.forget(id); }
  } forget{server, id};
  // Wait until the earliest instant the read can be over; reads that arrived meanwhile may have
  // pushed it back, so look again. The host failing wakes the caller at once.
  for (;;) {
    const double at = std::max(server.earliest_return(id, after_end), not_before);
    const SharedCpu::Phase phase = server.job(id).phase;
    if (phase == SharedCpu::Phase::Failed) break;
    if (phase == SharedCpu::Phase::Done && at <= sg4::Engine::get_clock() + 1e-9) break;
    wake->acquire_timeout(std::max(0.0, at - sg4::Engine::get_clock()));
  }
  if (server.job(id).phase == SharedCpu::Phase::Failed)
    throw simgrid::HostFailureException(XBT_THROW_POINT, "host is off");
  count_transfer(route, size);
}

std::uint64_t computed_transfers() { return g_computed; }

void reset_dedicated_downlinks(bool enabled) {
  if (!g_downlinks->empty()) {
    g_retired->push_back(g_downlinks);
    g_downlinks = new Downlinks;
  }
  g_dedicated.clear();
  g_enabled = enabled;
  g_computed = 0;
}

}  // namespace lakesim::sim
