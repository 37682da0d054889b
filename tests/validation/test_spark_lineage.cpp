// (c) An instance lost mid-stage costs the rerun of its running tasks and of the shuffle
// partitions it held (their lineage), and the job still completes.
//
// 4 instances of 4 cores (16 slots). A map stage of 16 m tasks of t1 = 6 s each writes 1 MiB of
// shuffle per task: every instance holds the output of 4 m tasks. The reduce stage that reads it
// has 16 tasks of t2 = 10 s (one wave); the last instance goes down 5 s into it. By hand:
// - the 12 surviving cores finish their reduce tasks at t2;
// - the 4 m map partitions the lost instance held run again on the 12 cores: ceil(4 m / 12) t1;
// - the lost instance's 4 reduce tasks run again: one wave, t2.
// The reduce stage takes 2 t2 + ceil(m / 3) t1, against t2 without the loss: m = 1, 4, 7 gives
// 26, 32 and 38 s. Reads (1 MB per map task from S3) overlap the computing; shuffle files (1 MiB
// per task) go to and come from local disk after and during it: tolerance 0.5 s.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>

#include "models/archetypes/dataset.hpp"
#include "models/archetypes/scratch.hpp"
#include "models/flows/spark_execution.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kTolerance = 0.5;  // seconds
constexpr double kMapSeconds = 6;
constexpr double kMiB = 1048576;

struct Stage {
  int tasks = 16;
  double task_seconds = 10;
  bool reads = false;    // 1 MB of S3 input per task
  bool shuffle = false;  // 1 MiB of shuffle output per task
};

struct JobCase {
  std::vector<Stage> stages;
  bool one_by_one = false;
  int lost_instances = 1;  // the last ones, 5 s into the last stage
};

struct LastStage {
  double seconds = -1;
  std::size_t lost_tasks = 0;
  std::size_t lineage_tasks = 0;
  std::optional<models::FailureCause> failure;
  std::string where;
};

// Runs each job in turn in one simulation (one engine per process); lost instances come back
// (as new, empty instances) before the next job.
std::vector<LastStage> run_jobs(const std::vector<JobCase>& jobs) {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/s3.json");
  sim::Simulation sim(s);
  models::S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  models::Dataset data(models::component(models::ComponentId::DeltaTableData), "east", s3, "delta_table_data/");
  std::vector<sg4::Host*> instances;
  for (const auto* h : sim.platform().compute("c")) instances.push_back(h->host);
  models::Scratch shuffle(models::component(models::ComponentId::TemporarySparkShuffleData), "east", instances,
                          sim.platform());
  auto outcomes = std::make_shared<std::vector<LastStage>>();
  // The driver runs off the cluster, so that losing every instance leaves it to report.
  sg4::Host* driver = sim.platform().control_plane("east").front()->host;
  sg4::Actor::create("driver", driver, [&, outcomes] {
    for (const JobCase& job : jobs) {
      sim::SparkSpec spark;
      spark.max_partition_bytes = spark.open_cost_bytes = 1e6;  // 1 MB of input per task
      models::SparkExecution execution(instances, &shuffle, spark, "Classic Compute (c)");
      LastStage o;
      const auto read = [&data](sg4::Host* h, double bytes, int connections) { data.read(h, bytes, 1, connections); };
      for (std::size_t k = 0; k < job.stages.size(); ++k) {
        const Stage& st = job.stages[k];
        models::StageWork work;
        work.core_seconds = st.task_seconds * st.tasks;
        work.read_bytes = st.reads ? 1e6 * st.tasks : 0;
        work.shuffle_bytes = st.shuffle ? kMiB * st.tasks : 0;
        if (job.one_by_one) work.task_factors = {1.0};
        const bool last = k + 1 == job.stages.size();
        if (last && job.lost_instances > 0)
          sg4::Actor::create("fault", driver, [&instances, lost = job.lost_instances] {
            sg4::this_actor::sleep_for(5);
            for (int i = 0; i < lost; ++i) instances[instances.size() - 1 - i]->turn_off();
          });
        const double start = sg4::Engine::get_clock();
        try {
          execution.run_stage(work, read, {});
        } catch (const models::RequestFailed& f) {
          o.failure = f.cause();
          o.where = f.where();
          break;
        }
        if (last) {
          o.seconds = sg4::Engine::get_clock() - start;
          o.lost_tasks = execution.last_stage_lost_tasks();
          o.lineage_tasks = execution.last_stage_lineage_tasks();
        }
      }
      outcomes->push_back(o);
      sg4::this_actor::sleep_for(1);
      for (sg4::Host* h : instances)
        if (!h->is_on()) h->turn_on();
    }
  });
  sim.run();
  REQUIRE(outcomes->size() == jobs.size());
  return *outcomes;
}

// A map stage of 16 m tasks, then a reduce stage of 16 tasks of 10 s.
JobCase map_reduce(int m, bool one_by_one, int lost = 1) {
  return JobCase{{Stage{16 * m, kMapSeconds, true, true}, Stage{16, 10, false, false}}, one_by_one, lost};
}

const std::vector<int> kMapWaves = {1, 4, 7};

void check_lineage(bool one_by_one) {
  std::vector<JobCase> jobs;
  for (int m : kMapWaves) {
    jobs.push_back(map_reduce(m, one_by_one, 0));
    jobs.push_back(map_reduce(m, one_by_one));
  }
  const std::vector<LastStage> o = run_jobs(jobs);
  for (std::size_t j = 0; j < kMapWaves.size(); ++j) {
    const int m = kMapWaves[j];
    INFO("map stage of " << 16 * m << " tasks: the lost instance held " << 4 * m << " partitions");
    const LastStage& intact = o[2 * j];
    const LastStage& lost = o[2 * j + 1];
    REQUIRE_FALSE(intact.failure.has_value());
    REQUIRE_FALSE(lost.failure.has_value());
    CHECK(intact.seconds == Approx(10).margin(kTolerance));
    CHECK(lost.lost_tasks == 4);
    CHECK(lost.lineage_tasks == static_cast<std::size_t>(4 * m));
    CHECK(lost.seconds == Approx(2 * 10 + std::ceil(4.0 * m / 12) * kMapSeconds).margin(kTolerance));
  }
}

}  // namespace

TEST_CASE("(c) a lost instance costs its tasks and the map partitions it held, a wave at a time") {
  check_lineage(false);
}

TEST_CASE("(c) a lost instance costs its tasks and the map partitions it held, tasks one by one") {
  check_lineage(true);
}

TEST_CASE("(c) lineage goes back as far as the lost partitions' own input was lost") {
  // map (16 m tasks of 6 s) -> middle (16 tasks of 8 s, shuffling) -> last (16 tasks of 10 s);
  // the instance lost in the last stage held 4 middle partitions, whose recomputation needs
  // the 4 m map partitions it also held: 10 + ceil(4 m / 12) 6 + 8 + 10 s.
  std::vector<JobCase> jobs;
  for (int m : {1, 4})
    jobs.push_back(JobCase{{Stage{16 * m, kMapSeconds, true, true}, Stage{16, 8, false, true}, Stage{16, 10}}});
  const std::vector<LastStage> o = run_jobs(jobs);
  const std::vector<int> ms = {1, 4};
  for (std::size_t j = 0; j < ms.size(); ++j) {
    INFO("map stage of " << 16 * ms[j] << " tasks");
    REQUIRE_FALSE(o[j].failure.has_value());
    CHECK(o[j].lineage_tasks == static_cast<std::size_t>(4 + 4 * ms[j]));
    CHECK(o[j].seconds == Approx(10 + std::ceil(4.0 * ms[j] / 12) * kMapSeconds + 8 + 10).margin(kTolerance));
  }
}

TEST_CASE("(c) the job fails when no instance is left to rerun on, naming the placement") {
  const std::vector<LastStage> o = run_jobs({map_reduce(1, false, 4), map_reduce(1, true, 4)});
  for (const LastStage& s : o) {
    REQUIRE(s.failure.has_value());
    CHECK(*s.failure == models::FailureCause::HostDown);
    CHECK(s.where == "Classic Compute (c)");
  }
}
