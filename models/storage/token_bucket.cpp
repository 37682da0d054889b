#include "models/storage/token_bucket.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lakesim::models {

TokenBucket::TokenBucket(double rate, double burst) : rate_(rate), burst_(burst), balance_(burst) {
  if (!(rate > 0)) throw std::invalid_argument("token bucket: rate must be positive");
  if (!(burst >= 0)) throw std::invalid_argument("token bucket: burst must not be negative");
}

double TokenBucket::available(double now) const {
  // Time never runs backwards for the bucket: a stale `now` sees the latest state.
  const double elapsed = std::max(0.0, now - updated_);
  return std::min(burst_ * scale_, balance_ + rate_ * scale_ * elapsed);
}

double TokenBucket::wait_time(double now, double tokens) const {
  if (!(tokens >= 0)) throw std::invalid_argument("token bucket: tokens must not be negative");
  const double after = available(now) - tokens;
  return after >= 0 ? 0.0 : -after / (rate_ * scale_);
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
  advance(now);
  balance_ = std::min(available(now), burst * scale_);  // what accrued so far, at the old rate
  updated_ = std::max(updated_, now);
  rate_ = rate;
  burst_ = burst;
}

void TokenBucket::enable_ramp_up(double now, const RampUp& ramp) {
  if (!(ramp.sample > 0)) throw std::invalid_argument("token bucket: the ramp-up's sample must be positive");
  if (!(ramp.doubling_period >= ramp.sample) || !(ramp.decay_period >= ramp.sample))
    throw std::invalid_argument("token bucket: the ramp-up's periods must be at least one sample");
  if (!(ramp.demand_threshold > 0)) throw std::invalid_argument("token bucket: the demand threshold must be positive");
  if (!(ramp.max_factor >= 1))
    throw std::invalid_argument("token bucket: the ramp-up's maximum factor must be at least 1");
  ramp_ = ramp;
  // Whole samples, so that 20 one-minute samples make exactly 20 minutes.
  samples_per_doubling_ = std::max(1LL, std::llround(ramp.doubling_period / ramp.sample));
  samples_per_halving_ = std::max(1LL, std::llround(ramp.decay_period / ramp.sample));
  sample_end_ = now + ramp.sample;
  sample_demand_ = 0;
  sustained_samples_ = quiet_samples_ = 0;
}

void TokenBucket::note_demand(double now, double tokens) {
  if (!ramp_) return;
  advance(now);
  sample_demand_ += tokens;
}

void TokenBucket::advance(double now) {
  if (!ramp_) return;
  while (now >= sample_end_) {
    const bool sustained = sample_demand_ >= ramp_->demand_threshold * rate_ * scale_ * ramp_->sample;
    sample_demand_ = 0;
    if (sustained) {
      quiet_samples_ = 0;
      if (++sustained_samples_ >= samples_per_doubling_) {
        sustained_samples_ = 0;
        rescale(sample_end_, std::min(ramp_->max_factor, scale_ * 2));
      }
    } else {
      sustained_samples_ = 0;
      if (++quiet_samples_ >= samples_per_halving_) {
        quiet_samples_ = 0;
        rescale(sample_end_, std::max(1.0, scale_ / 2));
      }
    }
    sample_end_ += ramp_->sample;
  }
}

void TokenBucket::rescale(double at, double scale) {
  if (scale == scale_) return;
  balance_ = std::min(available(at), burst_ * scale);  // accrued at the old scale until `at`
  updated_ = std::max(updated_, at);
  scale_ = scale;
}

}  // namespace lakesim::models
