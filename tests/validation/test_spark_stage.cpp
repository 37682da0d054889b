// Spark stage validation: a stage on n instances of c cores (speed s) reading B bytes from S3
// takes max(compute, read), with compute = core_seconds / (n c s / 1 Gf) and read = first-byte
// latency + route latency + (B / n) / min(c x per-connection bandwidth, NIC, shared links). Here
// each instance's 4 connections (340 MB/s) are the limit: below its 10 Gbps NIC, and the four
// together (1.36 GB/s) below the 20 Gbps S3 endpoint. Tolerance: 1e-6 relative for pure compute
// and overlap (exact network model), 1e-4 for the read, which adds sub-millisecond route latency.
#include <catch2/catch.hpp>

#include "models/archetypes/dataset.hpp"
#include "models/archetypes/scratch.hpp"
#include "models/flows/spark_execution.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/dedicated_downlink.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kTolerance = 1e-6;

struct StageRun {
  double seconds = -1;
  std::uint64_t computed_reads = 0;  // reads computed on held downlinks (sim/dedicated_downlink)
};

// Runs one stage on the scenario's four Spark instances.
StageRun run_stage(const models::StageWork& work) {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/s3.json");
  sim::Simulation sim(s);
  models::S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  s3.set_ports(&sim.platform().s3_ports("east"));  // each instance reads through its own port, as in a run
  models::Dataset data(models::component(models::ComponentId::DeltaTableData), "east", s3, "delta_table_data/");
  std::vector<sg4::Host*> instances;
  for (const auto* h : sim.platform().compute("c")) instances.push_back(h->host);
  models::Scratch shuffle(models::component(models::ComponentId::TemporarySparkShuffleData), "east", instances,
                          sim.platform());
  auto result = std::make_shared<StageRun>();
  sg4::Actor::create("driver", instances.front(), [&, result] {
    // Pieces larger than any input: one task per core, so that the stage is one wave.
    sim::SparkSpec one_wave;
    one_wave.max_partition_bytes = 1e15;
    models::SparkExecution spark(instances, &shuffle, one_wave);
    const double start = sg4::Engine::get_clock();
    spark.run_stage(work, [&data](sg4::Host* h, double bytes, int connections) { data.read(h, bytes, 1, connections); },
                    {});
    result->seconds = sg4::Engine::get_clock() - start;
    result->computed_reads = sim::computed_transfers();
  });
  sim.run();
  return *result;
}

}  // namespace

TEST_CASE("a compute-only stage takes core-seconds over the cores it runs on") {
  models::StageWork w;
  w.core_seconds = 1600;  // on 4 instances x 4 cores of 1 Gf: 100 s
  CHECK(run_stage(w).seconds == Approx(100.0).epsilon(kTolerance));
}

TEST_CASE("a read-only stage takes what the per-connection bandwidth allows") {
  models::StageWork w;
  w.read_bytes = 4 * 3.4e9;  // 3.4 GB per instance over 4 connections of 85 MB/s: 10 s
  // + 30 ms first byte + 550 us route latency (in-AZ NIC share + S3 link).
  const double expected = 0.030 + 10.0;
  const StageRun run = run_stage(w);
  CHECK(run.seconds == Approx(expected).epsilon(1e-4));
  CHECK(run.seconds > expected);
  CHECK(run.computed_reads == 4);  // each instance's worker held its downlink: one read each, computed
}

TEST_CASE("reading and computing overlap: the stage takes the longer of the two") {
  models::StageWork w;
  w.read_bytes = 4 * 3.4e9;  // about 10 s of reading
  w.core_seconds = 3200;     // 200 s of computing
  CHECK(run_stage(w).seconds == Approx(200.0).epsilon(kTolerance));
}
