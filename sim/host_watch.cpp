#include "sim/host_watch.hpp"

#include <algorithm>
#include <unordered_map>

#include <simgrid/Exception.hpp>

namespace lakesim::sim {
namespace {

// The semaphores of the callers waiting on each host, released when it goes down.
std::unordered_map<const sg4::Host*, std::vector<sg4::Semaphore*>> g_waiting;
bool g_watching = false;

void require_up(const std::vector<sg4::Host*>& hosts) {
  for (const sg4::Host* h : hosts)
    if (!h->is_on()) throw simgrid::HostFailureException(XBT_THROW_POINT, "host " + h->get_name() + " is off");
}

}  // namespace

void wait_while_up(const std::vector<sg4::Host*>& hosts, double seconds) {
  if (!g_watching) {
    sg4::Host::on_state_change_cb([](const sg4::Host& h) {
      if (h.is_on()) return;
      auto it = g_waiting.find(&h);
      if (it == g_waiting.end()) return;
      for (sg4::Semaphore* s : it->second) s->release();
    });
    g_watching = true;
  }
  require_up(hosts);
  const sg4::SemaphorePtr wake = sg4::Semaphore::create(0);
  // However the wait ends (a kill unwinds the stack too), the hosts stop waking this caller.
  struct Registration {
    const std::vector<sg4::Host*>& hosts;
    sg4::Semaphore* wake;
    Registration(const std::vector<sg4::Host*>& h, sg4::Semaphore* w) : hosts(h), wake(w) {
      for (const sg4::Host* host : hosts) g_waiting[host].push_back(wake);
    }
    ~Registration() {
      for (const sg4::Host* host : hosts) {
        std::vector<sg4::Semaphore*>& list = g_waiting[host];
        auto it = std::find(list.begin(), list.end(), wake);
        if (it == list.end()) continue;
        *it = list.back();
        list.pop_back();
      }
    }
  } registration(hosts, wake.get());
  wake->acquire_timeout(seconds);
  require_up(hosts);
}

void reset_host_watch() { g_waiting.clear(); }

}  // namespace lakesim::sim
