// How a stage splits into tasks and waves (models/flows/spark_tasks), against Spark's rules
// worked by hand.
#include <catch2/catch.hpp>

#include "models/flows/spark_tasks.hpp"

using namespace lakesim;

namespace {
constexpr double kMiB = 1048576;
}

TEST_CASE("files split into maxPartitionBytes pieces once every core has one") {
  const sim::SparkSpec spark;  // 128 MiB, 4 MiB open cost
  // 100 GiB on 64 cores: 1.6 GiB per core, so 128 MiB pieces: 800 tasks.
  CHECK(models::stage_task_count(100 * 1024 * kMiB, 0, 64, spark) == 800);
  // 1 GiB on 64 cores: 16 MiB per core is below 128 MiB, so one piece per core.
  CHECK(models::stage_task_count(1024 * kMiB, 0, 64, spark) == 64);
  // 64 MiB on 64 cores: pieces no smaller than the 4 MiB open cost: 16 tasks.
  CHECK(models::stage_task_count(64 * kMiB, 0, 64, spark) == 16);
  sim::SparkSpec small = spark;
  small.max_partition_bytes = 32 * kMiB;
  CHECK(models::stage_task_count(100 * 1024 * kMiB, 0, 64, small) == 3200);
}

TEST_CASE("a shuffle read has the configured partitions coalesced towards 64 MiB") {
  const sim::SparkSpec spark;  // 200 partitions
  // 100 GiB of shuffle: 1,600 pieces of 64 MiB, capped at the 200 partitions.
  CHECK(models::stage_task_count(0, 100 * 1024 * kMiB, 64, spark) == 200);
  // 1 GiB on 64 cores: 16 MiB a core: 64 partitions.
  CHECK(models::stage_task_count(0, 1024 * kMiB, 64, spark) == 64);
  // 4 GiB on 16 cores: 64 MiB pieces: 64 partitions.
  CHECK(models::stage_task_count(0, 4096 * kMiB, 16, spark) == 64);
  sim::SparkSpec wide = spark;
  wide.shuffle_partitions = 5000;
  CHECK(models::stage_task_count(0, 100 * 1024 * kMiB, 64, wide) == 1600);
  // Both inputs: the larger count; neither: one task per core.
  CHECK(models::stage_task_count(100 * 1024 * kMiB, 1024 * kMiB, 64, spark) == 800);
  CHECK(models::stage_task_count(0, 0, 48, spark) == 48);
}

TEST_CASE("identical tasks fill every core wave after wave and the last wave round robin") {
  const models::WavePlan plan = models::plan_waves(45, {4, 4, 4, 4});
  CHECK(plan.full_waves == 2);
  CHECK(plan.last_wave == std::vector<int>{4, 3, 3, 3});
  const models::WavePlan exact = models::plan_waves(32, {8, 8});
  CHECK(exact.full_waves == 2);
  CHECK(exact.last_wave == std::vector<int>{0, 0});
  const models::WavePlan few = models::plan_waves(3, {8, 8});
  CHECK(few.full_waves == 0);
  CHECK(few.last_wave == std::vector<int>{2, 1});
  // Uneven instances: an instance takes no more than its cores in the last wave.
  const models::WavePlan uneven = models::plan_waves(15, {2, 8});
  CHECK(uneven.full_waves == 1);
  CHECK(uneven.last_wave == std::vector<int>{2, 3});
}
