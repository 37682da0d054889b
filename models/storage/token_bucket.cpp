#include "models/storage/token_bucket.hpp"

#include <algorithm>
#include <stdexcept>

namespace lakesim::models {

TokenBucket::TokenBucket(double rate, double burst) : rate_(rate), burst_(burst), balance_(burst) {
  if (!(rate > 0)) throw std::invalid_argument("token bucket: rate must be positive");
  if (!(burst >= 0)) throw std::invalid_argument("token bucket: burst must not be negative");
}

double TokenBucket::available(double now) const {
  // Time never runs backwards for the bucket: a stale `now` sees the latest state.
  const double elapsed = std::max(0.0, now - updated_);
  return std::min(burst_, balance_ + rate_ * elapsed);
}

double TokenBucket::wait_time(double now, double tokens) const {
  if (!(tokens >= 0)) throw std::invalid_argument("token bucket: tokens must not be negative");
  const double after = available(now) - tokens;
  return after >= 0 ? 0.0 : -after / rate_;
}

double TokenBucket::wait_for(double now, double tokens) {
  const double wait = wait_time(now, tokens);
  balance_ = available(now) - tokens;
  updated_ = std::max(updated_, now);
  return wait;
}

void TokenBucket::set_rate(double now, double rate, double burst) {
  if (!(rate > 0)) throw std::invalid_argument("token bucket: rate must be positive");
  if (!(burst >= 0)) throw std::invalid_argument("token bucket: burst must not be negative");
  balance_ = std::min(available(now), burst);  // what accrued so far, at the old rate
  updated_ = std::max(updated_, now);
  rate_ = rate;
  burst_ = burst;
}

}  // namespace lakesim::models
