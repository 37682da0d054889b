#include "sim/dedicated_downlink.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <simgrid/Exception.hpp>

#include "sim/host_records.hpp"
#include "sim/run_state.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/wakeup.hpp"

namespace lakesim::sim {
namespace {

struct Downlink {
  const sg4::Host* source;  // the port its reads come from
  SharedCpu server;
  int* computed_in;  // its reads coming in now (sim/network_transfers)
};

// The run's downlinks by receiving host (sim/run_state.hpp).
struct Downlinks {
  HostRecords<Downlink> by_host;
  bool enabled = false;
  std::uint64_t computed = 0;
};

Downlinks& downlinks() { return RunState::current().get<Downlinks>(); }

Downlink& downlink(const NetworkRoute& route) {
  Downlinks& all = downlinks();
  Downlink* found = all.by_host.find(route.to);
  if (!found) {
    found = &all.by_host.get(route.to, Downlink{route.from, SharedCpu(route.to, route.bottleneck, 1, &all.computed),
                                                computed_reads_into(route.to)});
    found->server.add_group(std::numeric_limits<int>::max(), std::numeric_limits<double>::infinity());
  }
  if (found->source != route.from)
    throw std::logic_error("a dedicated downlink of " + route.to->get_name() + " receives from " +
                           route.from->get_name() + " as well as from its S3 port");
  return *found;
}

// Connected to SimGrid's process-wide signal once, at first use: a host that goes down fails
// the reads it was receiving at once, as it fails flows.
void fail_reads_with_their_host() {
  static const bool connected = [] {
    sg4::Host::on_state_change_cb([](const sg4::Host& h) {
      if (h.is_on() || !RunState::active()) return;
      if (Downlink* d = downlinks().by_host.find(&h)) d->server.fail_all();
    });
    return true;
  }();
  (void)connected;
}

}  // namespace

void dedicate_downlink(sg4::Host* host) {
  if (!downlinks().enabled) return;
  fail_reads_with_their_host();
  reserve_downlink(host);
}

DownlinkHold::DownlinkHold(const sg4::Host* host) : host_(downlinks().enabled ? host : nullptr) {
  if (!host_) return;
  fail_reads_with_their_host();
  hold_downlink(host_);
}

DownlinkHold::~DownlinkHold() {
  if (host_) release_downlink(host_);
}

void enable_dedicated_downlinks(bool enabled) { downlinks().enabled = enabled; }

bool downlink_dedicated(const sg4::Host* host) { return downlink_takes_computed_reads(host); }

std::vector<DownlinkOutcome> receive_together(const std::vector<DownlinkRead>& reads) {
  using Status = DownlinkOutcome::Status;
  struct Submitted {
    Downlink* downlink = nullptr;  // null: not submitted
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
        if (r.downlink) {
          r.downlink->server.forget(r.id);
          --*r.downlink->computed_in;
        }
    }
  } forget{submitted};
  const WakeupPtr wake = Wakeup::create();
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
    r.downlink = &downlink(*read.route);
    r.id = r.downlink->server.submit(0, read.start + read.route->latency, r.size, wake);
    ++*r.downlink->computed_in;
  }
  // Wait until the latest instant any read can be done; reads that arrived meanwhile may have
  // pushed it back, so look again. A host failing wakes the caller at once.
  for (;;) {
    const double now = sg4::Engine::get_clock();
    double last = now;
    bool pending = false;
    for (std::size_t k = 0; k < reads.size(); ++k) {
      const Submitted& r = submitted[k];
      if (!r.downlink || outcomes[k].status != Status::Done) continue;
      SharedCpu& server = r.downlink->server;
      const double at = std::max(server.earliest_return(r.id, reads[k].after_end), reads[k].not_before);
      const SharedCpu::Phase phase = server.job(r.id).phase;
      if (phase == SharedCpu::Phase::Failed) {
        outcomes[k].status = Status::HostDown;
        continue;
      }
      outcomes[k].done_at = at;
      if (phase != SharedCpu::Phase::Done || at > now + 1e-9) pending = true;
      last = std::max(last, at);
    }
    if (!pending) break;
    wake->wait_for(std::max(0.0, last - now));
  }
  for (std::size_t k = 0; k < reads.size(); ++k) {
    if (!submitted[k].downlink || outcomes[k].status != Status::Done) continue;
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

std::uint64_t computed_transfers() { return downlinks().computed; }

}  // namespace lakesim::sim
