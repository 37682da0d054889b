// Job autoscaling validation: one stage of N equal tasks of tau seconds on instances of c = 4
// cores (tests/data/validation/job-autoscaling.json), compute only, on a run that starts on
// `min` instances after the cold start delay S.
//
// - A fixed size k (min = max = k) takes ceil(N / (k c)) waves of tau, exactly (1e-6).
// - Autoscaling from min to max adds instances in two steps of n1 = ceil((max - min) / 2) and
//   n2 = max - min - n1 at the first two decisions, I and 2I after the stage starts (I = 10 s, the
//   evaluation interval), and they take tasks S later. With the tasks taken as a fluid, the stage
//   ends at T = (N tau / c + n1 (I + S) + n2 (2I + S)) / max; taken a wave at a time it ends at
//   most one task time later: T <= finish <= T + tau. A start-up delay longer by dS moves the
//   finish by (n1 + n2) / max x dS, within one task time.
// - The instances are billed from their lease (their start-up included) to their release:
//   min (S + finish) + n1 (finish - I) + n2 (finish - 2I) when the run gives all back at the end
//   (1e-6).
// - The same holds when tasks run one by one (each core taking the next task as it frees up).
// - An added instance lost mid-stage costs its running tasks and the first stage's partitions it
//   held, recomputed from their lineage on the instances left (as without autoscaling).
// - Idle instances go after 40 s without a task, at the next decision (so within 40 to 50 s),
//   down to min, unless they hold shuffle output a later stage reads; a run that idles after its
//   stage then costs less than the fixed-size run of max instances.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <optional>

#include "models/archetypes/compute_pool.hpp"
#include "models/archetypes/scratch.hpp"
#include "models/flows/job_autoscaler.hpp"
#include "models/flows/spark_execution.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kCores = 4;
constexpr double kInterval = 10;  // JobAutoscalingPolicy's evaluation interval
constexpr std::size_t kTasks = 256;
constexpr double kTaskSeconds = 10;

struct Setup {
  int min = 2;
  int max = 16;
  double start_delay = 20;
  bool autoscale = true;     // false: the fixed-size path (no autoscaler, waves planned up front)
  double idle_after = 0;     // seconds the run holds its cluster after the stage
  double shuffle_bytes = 0;  // the stage's shuffle output
  bool one_by_one = false;   // tasks run one by one (speculation on), not a wave at a time
  bool reduce = false;       // a second stage reads the shuffle: 64 tasks of tau on 16 instances
  bool lose_one = false;     // the last instance added goes down 5 s into the second stage
};

struct JobRun {
  double ready = -1;  // the first instances up: the stage starts
  double stage_end = -1;
  double released = -1;
  std::size_t tasks = 0;
  std::size_t held_at_end = 0;
  double reduce_seconds = -1;
  std::size_t reduce_tasks = 0;
  std::size_t lost_tasks = 0;     // of the second stage, run again after the loss
  std::size_t lineage_tasks = 0;  // of the first stage, run again for the partitions lost
  bool failed = false;
  double instance_seconds = 0;  // billed by the pool
  models::JobAutoscalingStats stats;
};

// Runs each setup's job at the same time on a placement of its own (one engine per process).
std::vector<JobRun> run_jobs(const std::vector<Setup>& setups) {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/job-autoscaling.json");
  REQUIRE(s.compute.size() >= setups.size());
  REQUIRE(s.compute[0].autoscales());
  sim::Simulation sim(s);
  std::vector<sg4::Host*> all;
  for (std::size_t i = 0; i < setups.size(); ++i)
    for (const auto* h : sim.platform().compute(s.compute[i].name)) all.push_back(h->host);
  models::Scratch shuffle(models::component(models::ComponentId::TemporarySparkShuffleData), "east", all,
                          sim.platform());
  std::vector<std::unique_ptr<models::ComputePool>> pools;
  auto out = std::make_shared<std::vector<JobRun>>(setups.size());
  for (std::size_t i = 0; i < setups.size(); ++i) {
    const Setup setup = setups[i];
    std::vector<sg4::Host*> hosts;
    for (const auto* h : sim.platform().compute(s.compute[i].name)) hosts.push_back(h->host);
    models::ComputePoolConfig config;
    config.start_delay = setup.start_delay;
    config.min_instances = setup.min;
    config.max_instances = setup.max;
    pools.push_back(std::make_unique<models::ComputePool>(
        models::component(models::ComponentId::ServerlessSparkCompute), "east", s.compute[i].name, hosts, config));
    models::ComputePool* pool = pools.back().get();
    models::Scratch* scratch = &shuffle;
    sg4::Actor::create("job", sim.platform().external(sim::ExternalSystem::Clients), [setup, pool, scratch, out, i] {
      JobRun& run = (*out)[i];
      std::vector<sg4::Host*> held = pool->acquire(setup.min);
      run.ready = sg4::Engine::get_clock();
      {
        // Pieces of 1 MB: a stage that reads N MB has N tasks; nothing is read (no storage).
        sim::SparkSpec spark;
        spark.max_partition_bytes = 1e6;
        spark.speculation.enabled = setup.one_by_one;
        models::SparkExecution execution(held, scratch, spark);
        std::optional<models::JobAutoscaler> autoscaler;
        if (setup.autoscale) {
          execution.set_elastic(true);
          models::JobAutoscalingPolicy policy;
          policy.min_instances = setup.min;
          policy.max_instances = setup.max;
          autoscaler.emplace(*pool, execution, held, policy);
        }
        models::StageWork work;
        work.core_seconds = static_cast<double>(kTasks) * kTaskSeconds;
        work.read_bytes = static_cast<double>(kTasks) * 1e6;
        work.shuffle_bytes = setup.shuffle_bytes;
        execution.run_stage(work, {}, {});
        run.tasks = execution.last_stage_tasks();
        run.stage_end = sg4::Engine::get_clock();
        if (setup.reduce) {
          models::StageWork reduce;
          reduce.core_seconds = 64 * kTaskSeconds;  // 256 MB of shuffle on 64 cores: 64 partitions
          if (setup.lose_one) {
            sg4::Host* victim = held.back();
            sg4::Actor::create("fault", held.front(), [victim] {
              sg4::this_actor::sleep_for(5);
              victim->turn_off();
            });
          }
          try {
            execution.run_stage(reduce, {}, {});
          } catch (const models::RequestFailed&) {
            run.failed = true;
          }
          run.reduce_seconds = sg4::Engine::get_clock() - run.stage_end;
          run.reduce_tasks = execution.last_stage_tasks();
          run.lost_tasks = execution.last_stage_lost_tasks();
          run.lineage_tasks = execution.last_stage_lineage_tasks();
        }
        if (setup.idle_after > 0) sg4::this_actor::sleep_for(setup.idle_after);
        run.held_at_end = held.size();
      }
      pool->release(held);
      run.released = sg4::Engine::get_clock();
      run.instance_seconds = pool->instance_seconds();
      run.stats = pool->autoscaling();
    });
  }
  sim.run();
  for (const JobRun& r : *out) REQUIRE(r.released >= 0);
  return *out;
}

double stage_seconds(const JobRun& r) { return r.stage_end - r.ready; }

// The two steps of the scale-up from min to max.
int first_step(int min, int max) { return std::max(1, (max - min + 1) / 2); }

// The fluid finish of the autoscaled stage, after its start (see the top of the file).
double fluid_finish(int min, int max, double start_delay) {
  const int n1 = std::min(first_step(min, max), max - min);
  const int n2 = max - min - n1;
  return (static_cast<double>(kTasks) * kTaskSeconds / kCores + n1 * (kInterval + start_delay) +
          n2 * (2 * kInterval + start_delay)) /
         max;
}

Setup fixed_size(int k, bool autoscaler) {
  Setup s;
  s.min = s.max = k;
  s.autoscale = autoscaler;
  return s;
}

}  // namespace

TEST_CASE("job autoscaling: a fixed size of k instances takes ceil(N / (k c)) waves, with or without the autoscaler") {
  const std::vector<int> sizes{2, 3, 16};
  std::vector<Setup> setups;
  for (int k : sizes) {
    setups.push_back(fixed_size(k, true));
    setups.push_back(fixed_size(k, false));
  }
  const std::vector<JobRun> runs = run_jobs(setups);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const int k = sizes[i / 2];
    const double waves = std::ceil(static_cast<double>(kTasks) / (k * kCores));
    INFO("k = " << k << (setups[i].autoscale ? ", with the autoscaler" : ", fixed"));
    CHECK(runs[i].tasks == kTasks);
    CHECK(stage_seconds(runs[i]) == Approx(waves * kTaskSeconds).epsilon(1e-6));
    CHECK(runs[i].stats.scale_ups == 0);
  }
}

TEST_CASE("job autoscaling: from 2 to 16 the stage ends between the fixed sizes, as the two steps and start-up say") {
  Setup slow;
  slow.start_delay = 60;
  Setup one_by_one;
  one_by_one.one_by_one = true;
  const std::vector<JobRun> runs = run_jobs({fixed_size(2, false), fixed_size(16, false), Setup{}, slow, one_by_one});
  const double on_two = stage_seconds(runs[0]);
  const double on_sixteen = stage_seconds(runs[1]);
  const JobRun& scaled = runs[2];
  const double t = stage_seconds(scaled);
  const double fluid = fluid_finish(2, 16, 20);  // 70.6 s
  INFO("fixed 2: " << on_two << " s, fixed 16: " << on_sixteen << " s, autoscaled: " << t << " s (fluid " << fluid
                   << " s)");
  CHECK(t < on_two);
  CHECK(t > on_sixteen);
  CHECK(t >= fluid - 1e-6);
  CHECK(t <= fluid + kTaskSeconds + 1e-6);
  CHECK(scaled.stats.scale_ups == 2);
  CHECK(scaled.stats.instances_added == 14);
  CHECK(scaled.stats.most_held == 16);
  CHECK(scaled.stats.fewest_held == 2);
  CHECK(scaled.stats.scale_downs == 0);  // its idle tail is shorter than 40 s

  // Billing: every lease from when it was made (start-up included) to the release at the end.
  const double end = scaled.released;
  const double billed = 2 * end + 7 * (end - (scaled.ready + kInterval)) + 7 * (end - (scaled.ready + 2 * kInterval));
  CHECK(scaled.instance_seconds == Approx(billed).epsilon(1e-6));

  // A start-up longer by 40 s moves the finish by 14/16 of that, within one task time.
  const double t_slow = stage_seconds(runs[3]);
  INFO("autoscaled with 60 s start-up: " << t_slow << " s (fluid " << fluid_finish(2, 16, 60) << " s)");
  CHECK(t_slow >= fluid_finish(2, 16, 60) - 1e-6);
  CHECK(t_slow <= fluid_finish(2, 16, 60) + kTaskSeconds + 1e-6);
  CHECK(std::abs((t_slow - t) - 14.0 / 16.0 * 40.0) <= kTaskSeconds + 1e-6);

  // Tasks run one by one (each core takes the next as it frees up): added instances join the
  // running stage the same way, within the same bound.
  const double t_one = stage_seconds(runs[4]);
  INFO("autoscaled, tasks one by one: " << t_one << " s");
  CHECK(t_one >= fluid - 1e-6);
  CHECK(t_one <= fluid + kTaskSeconds + 1e-6);
  CHECK(runs[4].stats.most_held == 16);
}

TEST_CASE("job autoscaling: idle instances go after 40 s down to min, and the run costs less than fixed max") {
  Setup idle;
  idle.idle_after = 300;
  Setup sixteen_idle = fixed_size(16, false);
  sixteen_idle.idle_after = 300;
  const std::vector<JobRun> runs = run_jobs({idle, sixteen_idle});
  const JobRun& scaled = runs[0];
  CHECK(scaled.stats.scale_downs == 14);
  CHECK(scaled.held_at_end == 2);
  // Each added instance went at most 50 s after the stage's end (its last task ended by then),
  // and was leased at the first or second decision.
  const double end = scaled.stage_end;
  const double most = 2 * scaled.released + 7 * (end + 50 - (scaled.ready + kInterval)) +
                      7 * (end + 50 - (scaled.ready + 2 * kInterval));
  CHECK(scaled.instance_seconds <= most + 1e-6);
  CHECK(scaled.instance_seconds > 2 * scaled.released);
  const JobRun& sixteen = runs[1];
  INFO("instance-seconds: autoscaled " << scaled.instance_seconds << ", fixed 16 " << sixteen.instance_seconds);
  CHECK(sixteen.instance_seconds == Approx(16 * sixteen.released).epsilon(1e-6));
  CHECK(scaled.instance_seconds < 0.5 * sixteen.instance_seconds);
}

TEST_CASE("job autoscaling: instances holding shuffle output a later stage reads are not removed") {
  Setup shuffled;
  shuffled.idle_after = 300;
  shuffled.shuffle_bytes = 256e6;
  const JobRun scaled = run_jobs({shuffled}).front();
  CHECK(scaled.stats.scale_ups == 2);
  CHECK(scaled.stats.scale_downs == 0);
  CHECK(scaled.held_at_end == 16);
}

TEST_CASE("job autoscaling: an added instance lost mid-stage costs its tasks and the partitions it held") {
  // The second stage: one wave of 64 tasks on the 16 instances (10 s). The lost instance's wave
  // is lost; then its partitions of the first stage (a whole number of its waves) are recomputed
  // in one wave on the 15 left, and its 4 tasks run again: 3 task times (and a shuffle write).
  Setup intact;
  intact.shuffle_bytes = 256e6;
  intact.reduce = true;
  Setup lossy = intact;
  lossy.lose_one = true;
  const std::vector<JobRun> runs = run_jobs({intact, lossy});
  CHECK_FALSE(runs[0].failed);
  CHECK(runs[0].reduce_tasks == 64);
  CHECK(runs[0].reduce_seconds == Approx(kTaskSeconds).epsilon(1e-6));
  const JobRun& lost = runs[1];
  INFO("lineage tasks " << lost.lineage_tasks << ", second stage " << lost.reduce_seconds << " s");
  CHECK_FALSE(lost.failed);
  CHECK(lost.lost_tasks == 4);
  CHECK(lost.lineage_tasks > 0);
  CHECK(lost.lineage_tasks % 4 == 0);
  CHECK(lost.lineage_tasks <= 60);  // one wave on the 15 instances left
  // The recomputed wave also writes its 4 partitions of 1 MB to the local disk (250 MB/s) after
  // computing: 16 ms.
  CHECK(lost.reduce_seconds == Approx(3 * kTaskSeconds + 4e6 / 250e6).epsilon(1e-6));
}
