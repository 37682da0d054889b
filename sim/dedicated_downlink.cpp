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

std::vector<DownlinkOutcome> receive_together(const std::vector<DownlinkRead>& reads) {
  using Status = DownlinkOutcome::Status;
  struct Submitted {
    SharedCpu* server = nullptr;
    SharedCpu::JobId id = 0;
    double size = 0;
  };
  std::vector<DownlinkOutcome> outcomes(reads.size());
  std::vector<Submitted> submitted(reads.size());
  // However the wait ends (a kill unwinds the stack too), the downlinks forget the reads.
  struct Forget {
    std::vector<Submitted>& reads;
    ~Forget() {
      for (const Submitted& r : reads)
        if (r.server) r.server->forget(r.id);
    }
  } forget{submitted};
  const sg4::SemaphorePtr wake = sg4::Semaphore::create(0);
  for (std::size_t k = 0; k < reads.size(); ++k) {
    const DownlinkRead& read = reads[k];
    try {
      message_leaves(*read.route);
    } catch (const simgrid::NetworkFailureException&) {
      outcomes[k].status = Status::LinkDown;
      continue;
    } catch (const simgrid::HostFailureException&) {
      outcomes[k].status = Status::HostDown;
      continue;
    }
    Submitted& r = submitted[k];
    r.size = static_cast<double>(std::llround(std::max(0.0, read.bytes)));  // a flow's whole bytes
    r.server = &downlink(*read.route).server;
    r.id = r.server->submit(0, read.start + read.route->latency, r.size, wake);
  }
  // Wait until the latest instant any read can be done; reads that arrived meanwhile may have
  // pushed it back, so look again. A host failing wakes the caller at once.
  for (;;) {
    const double now = sg4::Engine::get_clock();
    double last = now;
    bool pending = false;
    for (std::size_t k = 0; k < reads.size(); ++k) {
      const Submitted& r = submitted[k];
      if (!r.server || outcomes[k].status != Status::Done) continue;
      const double at = std::max(r.server->earliest_return(r.id, reads[k].after_end), reads[k].not_before);
      const SharedCpu::Phase phase = r.server->job(r.id).phase;
      if (phase == SharedCpu::Phase::Failed) {
        outcomes[k].status = Status::HostDown;
        continue;
      }
      outcomes[k].done_at = at;
      if (phase != SharedCpu::Phase::Done || at > now + 1e-9) pending = true;
      last = std::max(last, at);
    }
    if (!pending) break;
    wake->acquire_timeout(std::max(0.0, last - now));
  }
  for (std::size_t k = 0; k < reads.size(); ++k) {
    if (!submitted[k].server || outcomes[k].status != Status::Done) continue;
    try {
      count_transfer(*reads[k].route, submitted[k].size);
    } catch (const simgrid::NetworkFailureException&) {
      outcomes[k].status = Status::LinkDown;
    } catch (const simgrid::HostFailureException&) {
      outcomes[k].status = Status::HostDown;
    }
  }
  return outcomes;
}

void receive_on_dedicated_downlink(const NetworkRoute& route, double bytes, double after_end, double not_before) {
  const DownlinkRead read{&route, bytes, sg4::Engine::get_clock(), after_end, not_before};
  switch (receive_together({read}).front().status) {
    case DownlinkOutcome::Status::Done: return;
    case DownlinkOutcome::Status::HostDown: throw simgrid::HostFailureException(XBT_THROW_POINT, "host is off");
    case DownlinkOutcome::Status::LinkDown: throw simgrid::NetworkFailureException(XBT_THROW_POINT, "link is off");
  }
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
