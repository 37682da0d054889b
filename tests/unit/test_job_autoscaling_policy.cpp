// The decisions of job autoscaling (models/flows/job_autoscaling_policy): two steps from min to
// max, no more than the waiting tasks fill, counting the instances already starting.
#include <catch2/catch.hpp>

#include "models/flows/job_autoscaling_policy.hpp"

using lakesim::models::JobAutoscalingPolicy;

namespace {
JobAutoscalingPolicy range(int min, int max) {
  JobAutoscalingPolicy p;
  p.min_instances = min;
  p.max_instances = max;
  return p;
}
}  // namespace

TEST_CASE("job autoscaling policy: two steps take a run from min to max under a large backlog") {
  const JobAutoscalingPolicy p = range(2, 16);
  CHECK(p.step() == 7);
  CHECK(p.to_add(2, 0, 1000, 4) == 7);
  CHECK(p.to_add(9, 7, 1000, 4) == 7);
  CHECK(p.to_add(16, 7, 1000, 4) == 0);
  // An odd range: the first step is the larger half.
  CHECK(range(1, 4).step() == 2);
  CHECK(range(1, 4).to_add(3, 0, 1000, 4) == 1);
  CHECK(range(5, 5).to_add(5, 0, 1000, 4) == 0);
}

TEST_CASE("job autoscaling policy: no more than the waiting tasks fill, less what is starting") {
  const JobAutoscalingPolicy p = range(2, 16);
  CHECK(p.to_add(2, 0, 0, 4) == 0);
  CHECK(p.to_add(2, 0, 1, 4) == 1);
  CHECK(p.to_add(2, 0, 9, 4) == 3);  // 9 tasks on 4-core instances: 3
  CHECK(p.to_add(5, 3, 9, 4) == 0);  // already on their way
  CHECK(p.to_add(5, 2, 12, 4) == 1);
}
