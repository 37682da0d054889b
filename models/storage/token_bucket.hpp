#pragma once
// A token bucket: `rate` tokens accrue per second up to `burst`. A caller that needs more tokens
// than are present takes them on credit and waits until the credit has been repaid, so callers
// queue in the order they arrive and the tokens handed out by time t never exceed
// burst + rate * t. Pure arithmetic on the time it is given: no engine needed.
//
// Optionally the cap ramps up under sustained demand, as Cloud Storage's buckets do: the rate and
// burst are scaled by a factor that doubles after `doubling_period` of consecutive samples asking
// for at least `demand_threshold` x the scaled rate, up to `max_factor`, and halves after
// `decay_period` of consecutive samples below that, down to 1.
#include <optional>

namespace lakesim::models {

class TokenBucket {
 public:
  TokenBucket(double rate, double burst);  // the bucket starts full

  // Tokens present at `now`; negative while earlier callers are still waiting for theirs.
  double available(double now) const;
  // How long a caller arriving at `now` would wait for `tokens`, without taking them.
  double wait_time(double now, double tokens) const;
  // Takes `tokens` and returns how long the caller must wait until they have all accrued.
  double wait_for(double now, double tokens);

  // From `now` on, tokens accrue at `rate` up to `burst` (a throttling storm lowers both, its end
  // restores them); tokens above the new burst are dropped. A ramp-up keeps scaling both.
  void set_rate(double now, double rate, double burst);

  double rate() const { return rate_; }
  double burst() const { return burst_; }

  struct RampUp {
    double doubling_period = 0;   // seconds of sustained samples per doubling
    double demand_threshold = 0;  // share of the scaled rate a sustained sample asks for
    double max_factor = 1;        // the highest scale
    double sample = 0;            // seconds over which demand is measured
    double decay_period = 0;      // seconds of quiet samples per halving
  };
  // Turns the ramp-up on; the first sample starts at `now`.
  void enable_ramp_up(double now, const RampUp& ramp);
  // Records a caller asking for `tokens` at `now`, whether it is served or refused: the demand the
  // ramp-up measures. With a ramp-up, call it before wait_time() and wait_for() at that `now`, so
  // they see the cap of that moment. Does nothing without a ramp-up.
  void note_demand(double now, double tokens);
  // The ramp-up's current multiple of rate() and burst(); 1 without a ramp-up.
  double scale() const { return scale_; }

 private:
  // Closes every sample that ended by `now`, doubling or halving the scale at the sample's end.
  void advance(double now);
  void rescale(double at, double scale);

  double rate_;
  double burst_;
  double balance_;  // tokens at `updated_`
  double updated_ = 0;
  double scale_ = 1.0;
  std::optional<RampUp> ramp_;
  double sample_end_ = 0;
  double sample_demand_ = 0;
  long long sustained_samples_ = 0;  // consecutive samples at or above the threshold
  long long quiet_samples_ = 0;      // consecutive samples below it
  long long samples_per_doubling_ = 1;
  long long samples_per_halving_ = 1;
};

}  // namespace lakesim::models
