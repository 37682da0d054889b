// Validation of the closed-form local disk that computes Spark's shuffle I/O (sim/local_disk).
//
// The same 3,000 reads and writes (Poisson arrivals, 4 per second; sizes exponential around
// 100 MB; 60% reads) run once as SimGrid I/O on one instance's disk and once through the model
// on an identical instance's disk (500 MB/s read, 250 MB/s write, so that writes are often bound
// by their own bandwidth and the rest by the read-write bound). Every I/O must end at the same
// instant to 1e-6 s: SimGrid's disk model rounds each I/O's progress to whole bytes at every
// engine event, so its ends drift from the exact ones by nanoseconds. Then an I/O whose caller is
// killed with its host stops at that instant and the others speed up, both ways.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <simgrid/kernel/ProfileBuilder.hpp>

#include "scenario/scenario_loader.hpp"
#include "sim/activity_start.hpp"
#include "sim/local_disk.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

sim::Scenario validation_scenario() {
  return sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/transfer.json");
}

struct Io {
  double start = 0;
  double bytes = 0;
  sg4::Io::OpType op = sg4::Io::OpType::READ;
};

// Runs `io` on `disk` from an actor on `caller`, the SimGrid way or the model's, and records its end.
void run_io(sg4::Host* caller, sg4::Disk* disk, const Io& io, bool simgrid_io, double* end) {
  sg4::Actor::create(simgrid_io ? "simgrid-io" : "computed-io", caller, [=] {
    sg4::this_actor::sleep_until(io.start);
    if (simgrid_io)
      sim::start_io(disk, io.bytes, io.op)->wait();
    else
      sim::disk_io(disk, io.bytes, io.op);
    *end = sg4::Engine::get_clock();
  });
}

}  // namespace

TEST_CASE("local-disk I/O computed in closed form ends when SimGrid's does", "[validation][disk]") {
  const sim::Scenario s = validation_scenario();
  sim::Simulation simulation(s);
  const auto instances = simulation.platform().compute("e");
  REQUIRE(instances.size() == 4);
  sg4::Disk* reference = instances[0]->disk;
  sg4::Disk* modelled = instances[1]->disk;
  REQUIRE(reference != nullptr);
  REQUIRE(modelled != nullptr);
  REQUIRE(reference->get_read_bandwidth() == modelled->get_read_bandwidth());
  REQUIRE(reference->get_write_bandwidth() == modelled->get_write_bandwidth());
  REQUIRE(reference->get_read_bandwidth() == 2 * reference->get_write_bandwidth());

  constexpr int kIos = 3000;
  sim::RandomStream rng(s.seed, "validation/local-disk");
  std::vector<Io> ios(kIos);
  double t = 1.0;
  for (Io& io : ios) {
    t += rng.exponential(1.0 / 4.0);
    io.start = t;
    io.bytes = std::round(rng.exponential(100e6));
    io.op = rng.uniform() < 0.6 ? sg4::Io::OpType::READ : sg4::Io::OpType::WRITE;
  }
  std::vector<double> expected(kIos, -1), computed(kIos, -1);
  for (std::size_t i = 0; i < ios.size(); ++i) {
    run_io(instances[0]->host, reference, ios[i], true, &expected[i]);
    run_io(instances[1]->host, modelled, ios[i], false, &computed[i]);
  }
  simulation.engine().run();

  double worst = 0, busiest = 0;
  for (std::size_t i = 0; i < ios.size(); ++i) {
    REQUIRE(expected[i] >= 0);
    REQUIRE(computed[i] >= 0);
    worst = std::max(worst, std::abs(computed[i] - expected[i]));
    const double own =
        ios[i].op == sg4::Io::OpType::READ ? reference->get_read_bandwidth() : reference->get_write_bandwidth();
    busiest = std::max(busiest, expected[i] - ios[i].start - ios[i].bytes / own);
  }
  std::printf("local disk vs SimGrid I/O: %d I/Os, worst difference %.3g s, longest delay by sharing %.1f s\n", kIos,
              worst, busiest);
  CHECK(busiest > 1.0);  // the I/Os did share the disk
  CHECK(worst < 1e-6);
  CHECK(sim::computed_disk_ios() == static_cast<std::uint64_t>(kIos));
}

TEST_CASE("local-disk shares: the read-write bound, then the write bound", "[validation][disk]") {
  // 500 MB/s read, 250 MB/s write, 500 MB/s together. A read of 500 MB and three writes of
  // 250 MB from t = 0: the writes are bound by their own bandwidth (83.3 MB/s each), the read
  // takes the rest of the 500 MB/s (250 MB/s) and ends at 2 s; the writes end at 3 s. One read
  // and one write of 250 MB: 250 MB/s each, both end at 1 s.
  const sim::Scenario s = validation_scenario();
  sim::Simulation simulation(s);
  const auto instances = simulation.platform().compute("e");
  double read_end = -1, last_write = -1, pair_read = -1, pair_write = -1;
  std::vector<double> writes(3, -1);
  for (std::size_t k = 0; k < writes.size(); ++k)
    run_io(instances[0]->host, instances[0]->disk, Io{0, 250e6, sg4::Io::OpType::WRITE}, false, &writes[k]);
  run_io(instances[0]->host, instances[0]->disk, Io{0, 500e6, sg4::Io::OpType::READ}, false, &read_end);
  run_io(instances[1]->host, instances[1]->disk, Io{0, 250e6, sg4::Io::OpType::READ}, false, &pair_read);
  run_io(instances[1]->host, instances[1]->disk, Io{0, 250e6, sg4::Io::OpType::WRITE}, false, &pair_write);
  simulation.engine().run();
  for (double w : writes) last_write = std::max(last_write, w);
  CHECK(read_end == Approx(2.0).epsilon(1e-12));
  for (double w : writes) CHECK(w == Approx(3.0).epsilon(1e-12));
  CHECK(pair_read == Approx(1.0).epsilon(1e-12));
  CHECK(pair_write == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("a local-disk I/O stops when its caller's host goes down, as SimGrid's does", "[validation][disk]") {
  // Each disk serves a long read for a caller on another instance, which goes down at t = 10,
  // and from t = 1 a 4,000 MB read of its own instance's. The two reads share 500 MB/s until
  // t = 10 (2,250 MB done), then the second runs alone at 500 MB/s and ends at t = 13.5, in
  // SimGrid (the killed actor's I/O is cancelled) and in the model alike.
  const sim::Scenario s = validation_scenario();
  sim::Simulation simulation(s);
  const auto instances = simulation.platform().compute("e");
  sg4::Host* remote_reference = instances[2]->host;
  sg4::Host* remote_modelled = instances[3]->host;
  for (sg4::Host* h : {remote_reference, remote_modelled})
    h->set_state_profile(simgrid::kernel::profile::ProfileBuilder::from_string(h->get_name() + "-down", "10 0\n", -1));
  double lost_reference = -1, lost_modelled = -1, own_reference = -1, own_modelled = -1;
  const Io long_read{0, 5000e6, sg4::Io::OpType::READ};
  const Io own_read{1, 4000e6, sg4::Io::OpType::READ};
  run_io(remote_reference, instances[0]->disk, long_read, true, &lost_reference);
  run_io(remote_modelled, instances[1]->disk, long_read, false, &lost_modelled);
  run_io(instances[0]->host, instances[0]->disk, own_read, true, &own_reference);
  run_io(instances[1]->host, instances[1]->disk, own_read, false, &own_modelled);
  simulation.engine().run();
  CHECK(lost_reference < 0);  // killed with their hosts
  CHECK(lost_modelled < 0);
  CHECK(own_reference == Approx(13.5).epsilon(1e-9));
  CHECK(own_modelled == Approx(13.5).epsilon(1e-12));
}
