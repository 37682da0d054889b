// The bare SimGrid activity rate on this machine: the ceiling lakesim's own rate is compared with.
//
// The platform and the activity mix mimic a lakesim scenario without any lakesim code: regions of
// star-zone AZs joined by uplinks, inter-AZ links and WAN links, multi-core instances with
// split-duplex NICs and local disks. Long-lived client actors each repeat a request round:
//   a request message (2 kB) to a server host, mostly in the same region, one in ten across the
//   WAN; a service execution on the server (one core), or every fourth round a task on all its
//   cores; a response message (8 kB).
// Scratch actors, one per four clients, each repeat a local-disk write and read (1 to 64 MB).
// Disk I/O runs in actors of its own because SimGrid 3.32 keeps every completed I/O in its
// actor's activity list, and each later communication or execution of that actor scans the list:
// mixing them in one long-lived actor makes the run quadratic (lakesim's request and task actors
// are short-lived, so their lists stay short).
// Activities are counted as lakesim counts them (Activity::on_completion). Request rounds are
// counted when their response arrives; the scratch actors' disk I/O is counted in the activities
// and not as rounds (it is no request), though its wall time is in the rounds' rate too.
//
// With --spawn, every round runs in a fresh actor, as lakesim runs one actor per request, which
// shows what creating actors costs on top of the activities themselves. With --link-load, SimGrid's
// link-load plugin tracks every link, as lakesim does for its link utilisation.
//
//   engine_rate [--actors N] [--rounds R] [--regions G] [--azs A] [--hosts-per-az H] [--cores C]
//               [--seed S] [--spawn] [--link-load] [--cfg=...]
// Prints one JSON object: the configuration, activities, request rounds, simulated and wall
// seconds, and activities and rounds per wall second (the engine's run only; building the
// platform is timed apart).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <simgrid/plugins/load.h>
#include <simgrid/s4u.hpp>

namespace sg4 = simgrid::s4u;

namespace {

struct Options {
  int actors = 100;  // the defaults are bench/run.sh's reference run
  int rounds = 3000;
  int regions = 3;
  int azs = 3;
  int hosts_per_az = 8;
  int cores = 8;
  std::uint64_t seed = 1;
  bool spawn = false;
  bool link_load = false;
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr,
               "engine_rate: %s\nusage: engine_rate [--actors N] [--rounds R] [--regions G] [--azs A] "
               "[--hosts-per-az H] [--cores C] [--seed S] [--spawn] [--link-load] [--cfg=...]\n",
               problem);
  std::exit(2);
}

long long positive(const char* flag, const char* value) {
  char* end = nullptr;
  const long long v = std::strtoll(value, &end, 10);
  if (end == value || *end != '\0' || v < 1) usage((std::string(flag) + " needs a whole number >= 1").c_str());
  return v;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--spawn" || flag == "--link-load") {
      (flag == "--spawn" ? o.spawn : o.link_load) = true;
      continue;
    }
    if (i + 1 >= argc) usage(("unknown or incomplete option " + flag).c_str());
    const char* value = argv[++i];
    if (flag == "--actors")
      o.actors = static_cast<int>(positive(argv[i - 1], value));
    else if (flag == "--rounds")
      o.rounds = static_cast<int>(positive(argv[i - 1], value));
    else if (flag == "--regions")
      o.regions = static_cast<int>(positive(argv[i - 1], value));
    else if (flag == "--azs")
      o.azs = static_cast<int>(positive(argv[i - 1], value));
    else if (flag == "--hosts-per-az")
      o.hosts_per_az = static_cast<int>(positive(argv[i - 1], value));
    else if (flag == "--cores")
      o.cores = static_cast<int>(positive(argv[i - 1], value));
    else if (flag == "--seed")
      o.seed = static_cast<std::uint64_t>(positive(argv[i - 1], value));
    else
      usage(("unknown option " + flag).c_str());
  }
  return o;
}

// The hosts of each region, in creation order.
using RegionHosts = std::vector<std::vector<sg4::Host*>>;

// Regions (full zones) of AZs (star zones) under a full-zone world, as lakesim lays them out:
// host NIC, AZ uplink, inter-AZ link, WAN link between region gateways.
RegionHosts build_platform(const Options& o) {
  auto* world = sg4::create_full_zone("world");
  RegionHosts hosts(static_cast<std::size_t>(o.regions));
  std::vector<sg4::NetZone*> region_zones;
  std::vector<simgrid::kernel::routing::NetPoint*> region_gateways;
  for (int r = 0; r < o.regions; ++r) {
    const std::string region = "region" + std::to_string(r);
    auto* rz = sg4::create_full_zone(region);
    rz->set_parent(world);
    auto* core = sg4::create_star_zone(region + "/core");
    core->set_parent(rz);
    auto* gw = core->create_router(region + "/gw");
    std::vector<sg4::NetZone*> az_zones;
    std::vector<simgrid::kernel::routing::NetPoint*> az_gateways;
    std::vector<sg4::Link*> uplinks;
    for (int a = 0; a < o.azs; ++a) {
      const std::string az = region + "-az" + std::to_string(a);
      auto* z = sg4::create_star_zone(az);
      z->set_parent(rz);
      az_zones.push_back(z);
      az_gateways.push_back(z->create_router(az + "/gw"));
      uplinks.push_back(rz->create_link(az + "/uplink", 12.5e9));
      for (int h = 0; h < o.hosts_per_az; ++h) {
        const std::string name = az + "/host-" + std::to_string(h);
        sg4::Host* host = z->create_host(name, 1e9);
        host->set_core_count(o.cores);
        sg4::SplitDuplexLink* nic = z->create_split_duplex_link(name + "/nic", 1.25e9);
        nic->set_latency(50e-6);
        z->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                     {sg4::LinkInRoute(nic, sg4::LinkInRoute::Direction::UP)}, false);
        z->add_route(nullptr, host->get_netpoint(), nullptr, nullptr,
                     {sg4::LinkInRoute(nic, sg4::LinkInRoute::Direction::DOWN)}, false);
        host->create_disk(name + "/disk", 1.69e9, 7.37e8)->seal();
        hosts[static_cast<std::size_t>(r)].push_back(host);
      }
      rz->add_route(z->get_netpoint(), core->get_netpoint(), az_gateways.back(), gw, {sg4::LinkInRoute(uplinks.back())},
                    true);
    }
    for (int a = 0; a < o.azs; ++a)
      for (int b = a + 1; b < o.azs; ++b) {
        sg4::Link* link = rz->create_link(region + "/az" + std::to_string(a) + "~az" + std::to_string(b), 12.5e9)
                              ->set_latency(400e-6);
        rz->add_route(az_zones[static_cast<std::size_t>(a)]->get_netpoint(),
                      az_zones[static_cast<std::size_t>(b)]->get_netpoint(), az_gateways[static_cast<std::size_t>(a)],
                      az_gateways[static_cast<std::size_t>(b)],
                      {sg4::LinkInRoute(uplinks[static_cast<std::size_t>(a)]), sg4::LinkInRoute(link),
                       sg4::LinkInRoute(uplinks[static_cast<std::size_t>(b)])},
                      true);
      }
    region_zones.push_back(rz);
    region_gateways.push_back(gw);
  }
  for (int a = 0; a < o.regions; ++a)
    for (int b = a + 1; b < o.regions; ++b) {
      sg4::Link* wan =
          world->create_link("wan" + std::to_string(a) + "~" + std::to_string(b), 12.5e9)->set_latency(35e-3);
      world->add_route(region_zones[static_cast<std::size_t>(a)]->get_netpoint(),
                       region_zones[static_cast<std::size_t>(b)]->get_netpoint(),
                       region_gateways[static_cast<std::size_t>(a)], region_gateways[static_cast<std::size_t>(b)],
                       {sg4::LinkInRoute(wan)}, true);
    }
  world->seal();
  return hosts;
}

// One request round from `client`: three activities. The draws come from the actor's own
// generator, so the run is the same on every machine.
void request_round(const RegionHosts& hosts, sg4::Host* client, std::size_t home, std::mt19937_64& rng, int round) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::size_t region = home;
  if (hosts.size() > 1 && unit(rng) < 0.1) region = (home + 1 + rng() % (hosts.size() - 1)) % hosts.size();
  const std::vector<sg4::Host*>& candidates = hosts[region];
  const std::size_t pick = rng() % candidates.size();
  sg4::Host* server = candidates[pick];
  if (server == client) server = candidates[(pick + 1) % candidates.size()];  // never itself

  sg4::Comm::sendto(client, server, 2000);
  std::exponential_distribution<double> service(1.0 / 0.010);  // seconds of one core
  if (round % 4 == 3) {
    // A task on all the server's cores, as a Spark task on its instance.
    sg4::this_actor::exec_init(service(rng) * 8 * server->get_speed())
        ->set_host(server)
        ->set_thread_count(server->get_core_count())
        ->wait();
  } else {
    sg4::this_actor::exec_init(service(rng) * server->get_speed())->set_host(server)->wait();
  }
  sg4::Comm::sendto(server, client, 8000);
}

// One scratch round on `host`'s local disk: a shuffle file written, then read back.
void scratch_round(sg4::Host* host, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto bytes = static_cast<sg_size_t>(1e6 + unit(rng) * 63e6);
  sg4::Disk* disk = host->get_disks().front();
  disk->write(bytes);
  disk->read(bytes);
}

}  // namespace

int main(int argc, char** argv) {
  // The same exact network model as lakesim's default: CM02 without cross-traffic or TCP window.
  std::vector<char*> args(argv, argv + argc);
  std::string quiet = "--log=root.thres:critical";
  std::string model = "--cfg=network/model:CM02";
  std::string cross = "--cfg=network/crosstraffic:0";
  std::string gamma = "--cfg=network/TCP-gamma:1e300";
  args.insert(args.begin() + 1, {quiet.data(), model.data(), cross.data(), gamma.data()});
  args.push_back(nullptr);
  int count = static_cast<int>(args.size()) - 1;
  const auto setup_start = std::chrono::steady_clock::now();
  sg4::Engine engine(&count, args.data());  // takes the --cfg and --log flags out of args
  const Options o = parse(count, args.data());
  if (o.azs * o.hosts_per_az < 2) usage("a region needs at least two hosts (--azs x --hosts-per-az)");

  static std::uint64_t completed = 0;
  static std::uint64_t rounds_done = 0;  // request rounds whose response arrived
  sg4::Activity::on_completion_cb([](sg4::Activity const&) { ++completed; });

  if (o.link_load) sg_link_load_plugin_init();  // before the platform exists
  const RegionHosts hosts = build_platform(o);
  const RegionHosts* platform = &hosts;
  if (o.link_load) {
    // Tracking has to start from inside the simulation.
    sg4::Actor::create("link-load", hosts.front().front(), [] {
      for (const sg4::Link* l : sg4::Engine::get_instance()->get_all_links()) sg_link_load_track(l);
    });
  }
  for (int i = 0; i < o.actors; ++i) {
    const std::size_t region = static_cast<std::size_t>(i) % hosts.size();
    sg4::Host* client = hosts[region][static_cast<std::size_t>(i / o.regions) % hosts[region].size()];
    const std::uint64_t seed = o.seed * 1000003u + static_cast<std::uint64_t>(i);
    const int rounds = o.rounds;
    if (i % 4 == 3) {
      sg4::Actor::create("scratch", client, [client, seed, rounds] {
        std::mt19937_64 rng(~seed);
        for (int r = 0; r < rounds; ++r) scratch_round(client, rng);
      });
    }
    if (!o.spawn) {
      sg4::Actor::create("client", client, [platform, client, region, seed, rounds] {
        std::mt19937_64 rng(seed);
        for (int r = 0; r < rounds; ++r) {
          request_round(*platform, client, region, rng, r);
          ++rounds_done;
        }
      });
    } else {
      // A long-lived arrival actor starts one short-lived actor per request and waits for it.
      sg4::Actor::create("arrivals", client, [platform, client, region, seed, rounds] {
        auto rng = std::make_shared<std::mt19937_64>(seed);
        for (int r = 0; r < rounds; ++r)
          sg4::Actor::create("request", client, [platform, client, region, rng, r] {
            request_round(*platform, client, region, *rng, r);
            ++rounds_done;
          })->join();
      });
    }
  }
  const auto run_start = std::chrono::steady_clock::now();
  engine.run();
  const auto run_end = std::chrono::steady_clock::now();

  const double setup = std::chrono::duration<double>(run_start - setup_start).count();
  const double wall = std::chrono::duration<double>(run_end - run_start).count();
  std::size_t host_count = 0;
  for (const auto& r : hosts) host_count += r.size();
  std::printf(
      "{\"benchmark\": \"engine_rate\", \"mode\": \"%s\", \"link_load\": %s, \"actors\": %d, \"rounds\": %d, "
      "\"regions\": %d, "
      "\"hosts\": %zu, \"cores\": %d, \"activities\": %llu, \"request_rounds\": %llu, \"simulated_seconds\": %.6f, "
      "\"setup_seconds\": %.3f, \"wall_seconds\": %.3f, \"activities_per_second\": %.0f, "
      "\"request_rounds_per_second\": %.0f}\n",
      o.spawn ? "spawn" : "loop", o.link_load ? "true" : "false", o.actors, o.rounds, o.regions, host_count, o.cores,
      static_cast<unsigned long long>(completed), static_cast<unsigned long long>(rounds_done),
      sg4::Engine::get_clock(), setup, wall, wall > 0 ? static_cast<double>(completed) / wall : 0.0,
      wall > 0 ? static_cast<double>(rounds_done) / wall : 0.0);
  return 0;
}
