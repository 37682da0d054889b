// Spark tasks, slots and waves against the analytic answer.
// (a) N tasks of t seconds on C cores take ceil(N / C) x t, whether identical tasks run a wave
//     at a time per instance or one by one.
// (b) One straggler k times slower extends a stage by (k - 1) t without speculation; with
//     speculation (multiplier 1.5, quantile 0.75) a copy starts 1.5 t after the straggler did, once
//     three quarters of the tasks have finished, and ends t later.
// The scenario has 4 instances of 4 cores (16 slots). Each task reads 1 MB over its own
// connection (12 ms + 30 ms first byte), well inside its 10 s of computing, so the computing sets
// the time: tolerance 1e-6 relative.
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

constexpr double kTolerance = 1e-6;
constexpr double kTaskSeconds = 10;
constexpr int kSlots = 16;

struct StageOutcome {
  double seconds = -1;
  std::size_t tasks = 0;
  std::size_t speculative = 0;
  std::optional<models::FailureCause> failure;
  std::string where;
};

struct StageCase {
  int tasks = 16;
  std::vector<double> factors;  // empty: identical tasks run a wave at a time
  bool speculation = false;
};

// Runs the stages one after another in one simulation (one engine per process), each of
// `tasks` tasks of kTaskSeconds (times `factors`, cycled) reading 1 MB each; the last instance
// goes down at `lose_instance_at` when it is not negative.
std::vector<StageOutcome> run_cases(const std::vector<StageCase>& cases, double lose_instance_at = -1) {
  const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/s3.json");
  sim::Simulation sim(s);
  models::S3Service s3("east", s.regions[0].s3, sim.platform().s3_endpoint("east"));
  models::Dataset data(models::component(models::ComponentId::DeltaTableData), "east", s3, "delta_table_data/");
  std::vector<sg4::Host*> instances;
  for (const auto* h : sim.platform().compute("c")) instances.push_back(h->host);
  models::Scratch shuffle(models::component(models::ComponentId::TemporarySparkShuffleData), "east", instances,
                          sim.platform());
  auto outcomes = std::make_shared<std::vector<StageOutcome>>();
  if (lose_instance_at >= 0)
    sg4::Actor::create("fault", instances.front(), [&instances, lose_instance_at] {
      sg4::this_actor::sleep_until(lose_instance_at);
      instances.back()->turn_off();
    });
  sg4::Actor::create("driver", instances.front(), [&, outcomes] {
    for (const StageCase& c : cases) {
      sim::SparkSpec spark;
      spark.max_partition_bytes = spark.open_cost_bytes = 1e6;  // 1 MB of input per task
      spark.speculation.enabled = c.speculation;
      models::StageWork work;
      work.core_seconds = kTaskSeconds * c.tasks;
      work.read_bytes = 1e6 * c.tasks;
      work.task_factors = c.factors;
      StageOutcome o;
      models::SparkExecution execution(instances, &shuffle, spark, "Classic Compute (c)");
      const double start = sg4::Engine::get_clock();
      try {
        execution.run_stage(
            work, [&data](sg4::Host* h, double bytes, int connections) { data.read(h, bytes, 1, connections); }, {});
      } catch (const models::RequestFailed& f) {
        o.failure = f.cause();
        o.where = f.where();
      }
      o.seconds = sg4::Engine::get_clock() - start;
      o.tasks = execution.last_stage_tasks();
      o.speculative = execution.last_stage_speculative_copies();
      outcomes->push_back(o);
    }
  });
  sim.run();
  REQUIRE(outcomes->size() == cases.size());
  return *outcomes;
}

double waves(int tasks) { return std::ceil(static_cast<double>(tasks) / kSlots); }

}  // namespace

TEST_CASE("(a) identical tasks run a wave at a time: ceil(N / C) task times") {
  const std::vector<int> counts = {5, 16, 17, 40, 48, 100};
  std::vector<StageCase> cases;
  for (int n : counts) cases.push_back(StageCase{n, {}, false});
  const std::vector<StageOutcome> o = run_cases(cases);
  for (std::size_t k = 0; k < counts.size(); ++k) {
    INFO(counts[k] << " tasks on " << kSlots << " cores");
    CHECK(o[k].tasks == static_cast<std::size_t>(counts[k]));
    CHECK(o[k].seconds == Approx(waves(counts[k]) * kTaskSeconds).epsilon(kTolerance));
  }
}

TEST_CASE("(a) identical tasks scheduled one by one take the same ceil(N / C) task times") {
  const std::vector<int> counts = {5, 16, 17, 40};
  std::vector<StageCase> cases;
  for (int n : counts) cases.push_back(StageCase{n, {1.0}, false});
  const std::vector<StageOutcome> o = run_cases(cases);
  for (std::size_t k = 0; k < counts.size(); ++k) {
    INFO(counts[k] << " tasks on " << kSlots << " cores");
    CHECK(o[k].seconds == Approx(waves(counts[k]) * kTaskSeconds).epsilon(kTolerance));
    CHECK(o[k].speculative == 0);
  }
}

namespace {
// A straggler `k` times slower: the first of 16 tasks (one wave), or the last of 48 (it starts
// with the third wave, at 2 t).
std::vector<StageCase> straggler_cases(const std::vector<double>& slowdowns, bool speculation) {
  std::vector<StageCase> cases;
  for (double k : slowdowns) {
    std::vector<double> one_wave(16, 1.0);
    one_wave[0] = k;
    std::vector<double> three_waves(48, 1.0);
    three_waves[47] = k;
    cases.push_back(StageCase{16, one_wave, speculation});
    cases.push_back(StageCase{48, three_waves, speculation});
  }
  return cases;
}
const std::vector<double> kSlowdowns = {3.0, 5.0, 10.0};
}  // namespace

TEST_CASE("(b) a straggler k times slower extends the stage by (k - 1) task times without speculation") {
  const std::vector<StageOutcome> o = run_cases(straggler_cases(kSlowdowns, false));
  for (std::size_t j = 0; j < kSlowdowns.size(); ++j) {
    const double k = kSlowdowns[j];
    INFO("straggler " << k << " times slower");
    CHECK(o[2 * j].seconds == Approx(kTaskSeconds + (k - 1) * kTaskSeconds).epsilon(kTolerance));
    CHECK(o[2 * j + 1].seconds == Approx(3 * kTaskSeconds + (k - 1) * kTaskSeconds).epsilon(kTolerance));
  }
}

TEST_CASE("(b) with speculation a copy of the straggler ends the stage 2.5 task times after it started") {
  std::vector<StageCase> cases = straggler_cases(kSlowdowns, true);
  // A straggler no slower than the multiplier is never copied.
  std::vector<double> mild(16, 1.0);
  mild[0] = 1.4;
  cases.push_back(StageCase{16, mild, true});
  const std::vector<StageOutcome> o = run_cases(cases);
  for (std::size_t j = 0; j < kSlowdowns.size(); ++j) {
    INFO("straggler " << kSlowdowns[j] << " times slower");
    CHECK(o[2 * j].seconds == Approx(2.5 * kTaskSeconds).epsilon(kTolerance));
    CHECK(o[2 * j].speculative == 1);
    CHECK(o[2 * j + 1].seconds == Approx(2 * kTaskSeconds + 2.5 * kTaskSeconds).epsilon(kTolerance));
    CHECK(o[2 * j + 1].speculative == 1);
  }
  CHECK(o.back().seconds == Approx(1.4 * kTaskSeconds).epsilon(kTolerance));
  CHECK(o.back().speculative == 0);
}

TEST_CASE("an instance lost mid-stage costs the rerun of its running tasks and one by one the stage still completes") {
  // 16 tasks on 16 cores; the last instance (4 cores) goes down at 5 s: its 4 tasks run again on
  // the 12 cores left once they free up at 10 s, and end at 20 s.
  const StageOutcome lost = run_cases({StageCase{16, {1.0}, false}}, 5).front();
  CHECK_FALSE(lost.failure.has_value());
  CHECK(lost.seconds == Approx(2 * kTaskSeconds).epsilon(kTolerance));
}

TEST_CASE("an instance lost mid-stage costs the rerun of its tasks and in waves the stage still completes") {
  // As one by one: the 12 cores left finish their wave at 10 s, then run the lost instance's 4
  // tasks, which end at 20 s.
  const StageOutcome lost = run_cases({StageCase{16, {}, false}}, 5).front();
  CHECK_FALSE(lost.failure.has_value());
  CHECK(lost.seconds == Approx(2 * kTaskSeconds).epsilon(kTolerance));
}
