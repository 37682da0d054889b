#include "sim/host_watch.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <simgrid/Exception.hpp>

#include "sim/run_state.hpp"

namespace lakesim::sim {
namespace {

// The wake-ups of the run's callers waiting on each host, signalled when it goes down.
using Waiting = std::unordered_map<const sg4::Host*, std::vector<Wakeup*>>;
struct HostWatch {
  Waiting waiting;
};

Waiting& waiting() { return RunState::current().get<HostWatch>().waiting; }

void require_up(const std::vector<sg4::Host*>& hosts) {
  for (const sg4::Host* h : hosts)
    if (!h->is_on()) throw simgrid::HostFailureException(XBT_THROW_POINT, "host " + h->get_name() + " is off");
}

}  // namespace

void wait_while_up(const std::vector<sg4::Host*>& hosts, double seconds) {
  wait_while_up(hosts, seconds, Wakeup::create());
}

void wait_while_up(const std::vector<sg4::Host*>& hosts, double seconds, const WakeupPtr& wake) {
  // Connected to SimGrid's process-wide signal once, at first use.
  static const bool connected = [] {
    sg4::Host::on_state_change_cb([](const sg4::Host& h) {
      if (h.is_on() || !RunState::active()) return;
      auto& all = waiting();
      auto it = all.find(&h);
      if (it == all.end()) return;
      for (Wakeup* s : it->second) s->signal();
    });
    return true;
  }();
  (void)connected;
  require_up(hosts);
  // However the wait ends (a kill unwinds the stack too), the hosts stop waking this caller.
  struct Registration {
    Waiting& waiting;  // the run's: a kill during the engine's teardown still finds it
    const std::vector<sg4::Host*>& hosts;
    Wakeup* wake;
    Registration(Waiting& all, const std::vector<sg4::Host*>& h, Wakeup* w) : waiting(all), hosts(h), wake(w) {
      for (const sg4::Host* host : hosts) waiting[host].push_back(wake);
    }
    ~Registration() {
      for (const sg4::Host* host : hosts) {
        std::vector<Wakeup*>& list = waiting[host];
        auto it = std::find(list.begin(), list.end(), wake);
        if (it == list.end()) continue;
        *it = list.back();
        list.pop_back();
      }
    }
  } registration(waiting(), hosts, wake.get());
  if (std::isinf(seconds))
    wake->wait();
  else
    wake->wait_for(seconds);
  require_up(hosts);
}

}  // namespace lakesim::sim
