#include "models/flows/job_autoscaling_policy.hpp"

#include <algorithm>

namespace lakesim::models {

int JobAutoscalingPolicy::step() const { return std::max(1, (max_instances - min_instances + 1) / 2); }

int JobAutoscalingPolicy::to_add(int held, int starting, std::size_t pending, int cores) const {
  if (pending == 0 || held >= max_instances) return 0;
  const std::size_t per_instance = static_cast<std::size_t>(std::max(1, cores));
  // Instances the waiting tasks could use at once, less those already on their way.
  const auto wanted = static_cast<long long>((pending + per_instance - 1) / per_instance) - starting;
  if (wanted <= 0) return 0;
  return static_cast<int>(std::min<long long>({wanted, step(), max_instances - held}));
}

}  // namespace lakesim::models
