// What one wake-up of an actor costs the bare engine as the number of live actors grows.
//
// Most of lakesim's waits are computed: an actor works out when its request (a control-plane
// call, a read on a dedicated downlink, an execution on a shared CPU) will be over and waits on a
// semaphore with that timeout. Nothing else happens in this program: N actors, spread over H hosts,
// each wait on a semaphore of their own for a timeout drawn uniformly between 1 ms and 100 ms, until
// W waits have been made in all. With no flows and no executions, what changes with N is only how
// many actors (their stacks, contexts and activities) the engine goes through, so the cost per
// wait against N is the engine's floor for a model with one actor per request in progress.
//
// `--wait semaphore` (the default) waits as SimGrid offers it, on a semaphore with a timeout: two
// simcalls and a timeout action in the CPU model per wait. `--wait suspend` waits as lakesim's
// computed waits do (sim/wakeup.hpp): the actor suspends itself and a kernel timer resumes it.
// `--wait event` has no actor per request at all: N small records, each of which a kernel timer
// calls back at its instant and which sets the timer for its next one. That is the floor of a
// model whose requests in progress are events on the engine's timers rather than actors: no
// stack and no context switch per wait, only the timer heap and the record.
//
//   engine_wake_cost [--actors N] [--waits W] [--hosts H] [--wait semaphore|suspend|event] [--cfg=...]
// Prints one JSON object: the configuration, the waits made, the wall seconds of the engine's run
// (creating the actors included) and the microseconds per wait.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>

namespace sg4 = simgrid::s4u;

namespace {

enum class Wait { Semaphore, Suspend, Event };
const char* const kWaitNames[] = {"semaphore", "suspend", "event"};

struct Options {
  long long actors = 1000;  // with --wait event, the records in progress
  long long waits = 3000000;
  long long hosts = 64;
  Wait wait = Wait::Semaphore;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "engine_wake_cost: %s\nusage: engine_wake_cost [--actors N] [--waits W] [--hosts H] "
               "[--wait semaphore|suspend|event] [--cfg=...]\n",
               problem.c_str());
  std::exit(2);
}

long long positive(const std::string& flag, const char* value) {
  char* end = nullptr;
  const long long v = std::strtoll(value, &end, 10);
  if (end == value || *end != '\0' || v < 1) usage(flag + " needs a whole number >= 1");
  return v;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage("unknown or incomplete option " + flag);
    const char* value = argv[++i];
    if (flag == "--actors")
      o.actors = positive(flag, value);
    else if (flag == "--waits")
      o.waits = positive(flag, value);
    else if (flag == "--hosts")
      o.hosts = positive(flag, value);
    else if (flag == "--wait") {
      const std::string name = value;
      if (name == "semaphore")
        o.wait = Wait::Semaphore;
      else if (name == "suspend")
        o.wait = Wait::Suspend;
      else if (name == "event")
        o.wait = Wait::Event;
      else
        usage("--wait takes semaphore, suspend or event");
    } else
      usage("unknown option " + flag);
  }
  if (o.waits < o.actors) usage("--waits must be at least --actors (one wait per actor)");
  return o;
}

// A 64-bit linear congruential stream per actor (Knuth's MMIX constants): the timeouts are the
// same on every machine.
double next_timeout(std::uint64_t& state) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  const double unit = static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  return 0.001 + unit * 0.099;
}

}  // namespace

int main(int argc, char** argv) {
  sg4::Engine engine(&argc, argv);  // takes the --cfg options out of argv
  const Options o = parse(argc, argv);
  auto* zone = sg4::create_full_zone("zone");
  std::vector<sg4::Host*> hosts;
  for (long long h = 0; h < o.hosts; ++h) hosts.push_back(zone->create_host("host-" + std::to_string(h), 1e9));
  zone->seal();

  const long long per_actor = o.waits / o.actors;
  // --wait event: one record per request in progress, called back by a kernel timer.
  struct Pending {
    std::uint64_t state;
    long long left;
  };
  std::vector<Pending> pending;
  std::function<void(std::size_t)> step = [&pending, &step](std::size_t i) {
    Pending& p = pending[i];
    if (p.left-- == 0) return;
    simgrid::kernel::timer::Timer::set(sg4::Engine::get_clock() + next_timeout(p.state), [&step, i] { step(i); });
  };
  if (o.wait == Wait::Event) {
    for (long long a = 0; a < o.actors; ++a) pending.push_back(Pending{static_cast<std::uint64_t>(a) + 1, per_actor});
    sg4::Actor::create("starter", hosts[0], [&pending, &step] {
      for (std::size_t a = 0; a < pending.size(); ++a) step(a);
    });
  }
  for (long long a = 0; o.wait != Wait::Event && a < o.actors; ++a) {
    sg4::Actor::create("waiter", hosts[static_cast<std::size_t>(a % o.hosts)], [a, per_actor, &o] {
      std::uint64_t state = static_cast<std::uint64_t>(a) + 1;
      if (o.wait == Wait::Suspend) {
        sg4::Actor* self = sg4::Actor::self();
        for (long long k = 0; k < per_actor; ++k) {
          simgrid::kernel::timer::Timer::set(sg4::Engine::get_clock() + next_timeout(state),
                                             [self] { self->resume(); });
          sg4::this_actor::suspend();
        }
      } else {
        const sg4::SemaphorePtr wake = sg4::Semaphore::create(0);
        for (long long k = 0; k < per_actor; ++k) wake->acquire_timeout(next_timeout(state));
      }
    });
  }
  const auto start = std::chrono::steady_clock::now();
  engine.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const long long waits = per_actor * o.actors;
  std::printf(
      "{\"actors\": %lld, \"hosts\": %lld, \"wait\": \"%s\", \"waits\": %lld, \"simulated_seconds\": %.3f, "
      "\"wall_seconds\": %.3f, "
      "\"microseconds_per_wait\": %.3f}\n",
      o.actors, o.hosts, kWaitNames[static_cast<int>(o.wait)], waits, sg4::Engine::get_clock(), wall,
      wall / static_cast<double>(waits) * 1e6);
  return 0;
}
