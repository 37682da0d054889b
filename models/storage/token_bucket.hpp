#pragma once
// A token bucket: `rate` tokens accrue per second up to `burst`. A caller that needs more tokens
// than are present takes them on credit and waits until the credit has been repaid, so callers
// queue in the order they arrive and the tokens handed out by time t never exceed
// burst + rate * t. Pure arithmetic on the time it is given: no engine needed.
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
  // restores them); tokens above the new burst are dropped.
  void set_rate(double now, double rate, double burst);

  double rate() const { return rate_; }
  double burst() const { return burst_; }

 private:
  double rate_;
  double burst_;
  double balance_;  // tokens at `updated_`
  double updated_ = 0;
};

}  // namespace lakesim::models
