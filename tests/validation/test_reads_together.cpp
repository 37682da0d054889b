// Validation of reads started together (S3Service::read_together), as every instance of an SQL
// warehouse's cluster reads its share of a query's tables.
//
// The same 400 queries (Poisson arrivals, 2 per second; per instance two reads of sizes
// exponential around 100 MB, after a 4 kB snapshot pointer) run on two groups of four identical
// instances, each with an S3 service of its own: on the first group, whose downlinks are
// dedicated to their S3 reads, the reads are computed and the caller waits once; on the second,
// every read runs as SimGrid flows on a worker actor of its instance, which is what "together"
// means. The prefix's request rate is low enough that some reads wait for tokens. Every query's
// reads must be over at the same instant both ways (to 1e-6 s) with the same 503 counts. Then the
// analytic case: four instances reading at once take the time one alone takes; and an instance
// going down fails its own reads only.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <simgrid/kernel/ProfileBuilder.hpp>

#include "models/storage/s3_service.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/dedicated_downlink.hpp"
#include "sim/network_transfers.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"
#include "tests/support/validation_scenario.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

sim::S3Spec s3_spec(double read_rate) {
  sim::S3Spec spec;
  spec.first_byte_latency = 0.02;
  spec.per_connection_bandwidth = 85e6;
  spec.read_rate = read_rate;
  spec.write_rate = read_rate;
  return spec;
}

std::vector<models::S3Part> parts_of(const std::vector<sg4::Host*>& instances, const std::vector<double>& bytes) {
  std::vector<models::S3Part> parts;
  for (std::size_t i = 0; i < instances.size(); ++i)
    for (std::size_t k = 0; k < 2; ++k) {
      const double b = bytes[2 * i + k];
      parts.push_back(models::S3Part{
          instances[i],
          models::S3Request{k == 0 ? "tables/a/" : "tables/b/", models::S3Op::Read, b, std::max(1.0, b / 64e6), 4}});
    }
  return parts;
}

std::vector<models::S3Part> pointers_of(const std::vector<sg4::Host*>& instances) {
  std::vector<models::S3Part> parts;
  for (sg4::Host* h : instances)
    parts.push_back(models::S3Part{h, models::S3Request{"tables/_delta_log/", models::S3Op::Read, 4e3, 1, 1}});
  return parts;
}

// The first four instances of the "auto" warehouse, their downlinks dedicated to S3 reads.
std::vector<sg4::Host*> dedicated_group(sim::Simulation& simulation) {
  std::vector<sg4::Host*> group;
  for (const auto* h : simulation.platform().compute("auto")) {
    if (group.size() == 4) break;
    group.push_back(h->host);
    sim::dedicate_downlink(h->host);
  }
  return group;
}

struct Outcome {
  double done = -1;
  std::uint64_t throttled = 0;
  int failed = 0;
};

}  // namespace

TEST_CASE("reads together end when the same reads run at once as flows", "[validation][network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("auto");
  REQUIRE(hosts.size() == 8);
  const std::string region = hosts[0]->region;
  std::vector<sg4::Host*> computed, flows;
  for (std::size_t i = 0; i < 4; ++i) computed.push_back(hosts[i]->host);
  for (std::size_t i = 4; i < 8; ++i) flows.push_back(hosts[i]->host);
  for (sg4::Host* h : computed) sim::dedicate_downlink(h);
  REQUIRE_FALSE(sim::downlink_dedicated(flows[0]));

  // 18 requests/s per prefix: a query asks for about 6 on each data prefix, 2 queries a second.
  sg4::Host* endpoint = simulation.platform().s3_endpoint(region);
  models::S3Service s3_computed(region, s3_spec(18), endpoint), s3_flows(region, s3_spec(18), endpoint);
  s3_computed.set_ports(&simulation.platform().s3_ports(region));
  s3_flows.set_ports(&simulation.platform().s3_ports(region));

  constexpr int kQueries = 400;
  sim::RandomStream rng(s.seed, "validation/reads-together");
  std::vector<double> starts(kQueries);
  std::vector<std::vector<double>> sizes(kQueries, std::vector<double>(8));
  double t = 1.0;
  for (int q = 0; q < kQueries; ++q) {
    t += rng.exponential(1.0 / 2.0);
    starts[static_cast<std::size_t>(q)] = t;
    for (double& b : sizes[static_cast<std::size_t>(q)]) b = std::round(rng.exponential(100e6));
  }
  std::vector<Outcome> expected(kQueries), got(kQueries);
  auto query = [&](models::S3Service& s3, const std::vector<sg4::Host*>& group, int q, Outcome* out) {
    sg4::Actor::create("query", group[0], [&s3, &group, &starts, &sizes, q, out] {
      sg4::this_actor::sleep_until(starts[static_cast<std::size_t>(q)]);
      for (const auto& parts : {pointers_of(group), parts_of(group, sizes[static_cast<std::size_t>(q)])})
        for (const models::S3PartOutcome& o : s3.read_together(parts)) {
          out->throttled += o.result.throttled;
          out->failed += o.failure ? 1 : 0;
        }
      out->done = sg4::Engine::get_clock();
    });
  };
  for (int q = 0; q < kQueries; ++q) {
    query(s3_flows, flows, q, &expected[static_cast<std::size_t>(q)]);
    query(s3_computed, computed, q, &got[static_cast<std::size_t>(q)]);
  }
  simulation.run();

  double worst = 0, slowest = 0;
  std::uint64_t throttled = 0;
  for (int q = 0; q < kQueries; ++q) {
    const Outcome& e = expected[static_cast<std::size_t>(q)];
    const Outcome& g = got[static_cast<std::size_t>(q)];
    REQUIRE(e.done > 0);
    REQUIRE(g.done > 0);
    CHECK(e.failed == 0);
    CHECK(g.failed == 0);
    CHECK(g.throttled == e.throttled);
    throttled += e.throttled;
    worst = std::max(worst, std::abs(g.done - e.done));
    slowest = std::max(slowest, e.done - starts[static_cast<std::size_t>(q)]);
  }
  std::printf(
      "reads together, computed vs flows on workers: %d queries, worst difference %.3g s, slowest %.1f s, "
      "%llu requests throttled\n",
      kQueries, worst, slowest, static_cast<unsigned long long>(throttled));
  CHECK(throttled > 0);  // some reads waited for tokens
  CHECK(slowest > 3.0);  // and some shared a NIC with other queries' reads
  CHECK(worst < 1e-6);
  CHECK(s3_computed.requests(models::S3Op::Read) == s3_flows.requests(models::S3Op::Read));
}

TEST_CASE("four instances reading together take the time one takes", "[validation][network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("auto");
  const std::string region = hosts[0]->region;
  const std::vector<sg4::Host*> group = dedicated_group(simulation);
  models::S3Service s3(region, s3_spec(5500), simulation.platform().s3_endpoint(region));
  s3.set_ports(&simulation.platform().s3_ports(region));
  const sim::NetworkRoute& route = sim::network_route(simulation.platform().s3_ports(region).at(group[0]), group[0]);
  double done = -1;
  sg4::Actor::create("query", group[0], [&] {
    s3.read_together(parts_of(group, std::vector<double>(8, 500e6)));
    done = sg4::Engine::get_clock();
  });
  simulation.engine().run();
  // Each read: 4 connections of 85 MB/s (340 MB/s, below its half of the 10 Gb/s NIC), so
  // first-byte latency + route latency + 500 MB / 340 MB/s, the same on every instance.
  CHECK(done == Approx(0.02 + route.latency + 500e6 / 340e6).epsilon(1e-9));
}

TEST_CASE("an instance going down fails its own reads together, not the others'", "[validation][network]") {
  const sim::Scenario s = test::validation_scenario("sql-warehouse");
  sim::Simulation simulation(s);
  const auto hosts = simulation.platform().compute("auto");
  const std::string region = hosts[0]->region;
  const std::vector<sg4::Host*> group = dedicated_group(simulation);
  group[2]->set_state_profile(simgrid::kernel::profile::ProfileBuilder::from_string("third-down", "1 0\n", -1));
  models::S3Service s3(region, s3_spec(5500), simulation.platform().s3_endpoint(region));
  s3.set_ports(&simulation.platform().s3_ports(region));
  std::vector<models::S3PartOutcome> outcomes;
  double done = -1;
  sg4::Actor::create("query", hosts[7]->host, [&] {
    outcomes = s3.read_together(parts_of(group, std::vector<double>(8, 500e6)));
    done = sg4::Engine::get_clock();
  });
  simulation.engine().run();
  REQUIRE(outcomes.size() == 8);
  for (std::size_t k = 0; k < outcomes.size(); ++k) {
    const bool on_failed_instance = k / 2 == 2;
    CHECK(outcomes[k].failure.has_value() == on_failed_instance);
    if (on_failed_instance) CHECK(outcomes[k].failure->cause() == models::FailureCause::HostDown);
  }
  CHECK(done > 1.4);  // the others ran to their end
}
