// The token bucket behind S3's per-prefix request rate: burst, refill, waits and the rate cap.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "models/storage/token_bucket.hpp"

using lakesim::models::TokenBucket;

TEST_CASE("token bucket: a full bucket serves its burst without waiting") {
  TokenBucket bucket(100, 100);
  CHECK(bucket.available(0) == 100);
  CHECK(bucket.wait_for(0, 60) == 0);
  CHECK(bucket.wait_for(0, 40) == 0);
  CHECK(bucket.available(0) == Approx(0).margin(1e-12));
}

TEST_CASE("token bucket: tokens beyond the balance are waited for at the rate") {
  TokenBucket bucket(100, 100);
  CHECK(bucket.wait_for(0, 100) == 0);
  CHECK(bucket.wait_for(0, 50) == Approx(0.5));
  // The next caller queues behind the first one's credit.
  CHECK(bucket.wait_for(0, 100) == Approx(1.5));
  CHECK(bucket.available(0) == Approx(-150));
  CHECK(bucket.available(1.5) == Approx(0).margin(1e-9));
}

TEST_CASE("token bucket: refill is linear and capped at the burst") {
  TokenBucket bucket(10, 20);
  bucket.wait_for(0, 20);
  CHECK(bucket.available(0.5) == Approx(5));
  CHECK(bucket.available(1.0) == Approx(10));
  CHECK(bucket.available(100) == Approx(20));  // idle time does not bank more than the burst
  CHECK(bucket.wait_for(100, 25) == Approx(0.5));
}

TEST_CASE("token bucket: wait_time looks without taking") {
  TokenBucket bucket(10, 10);
  CHECK(bucket.wait_time(0, 30) == Approx(2));
  CHECK(bucket.wait_time(0, 30) == Approx(2));
  CHECK(bucket.available(0) == 10);
}

TEST_CASE("token bucket: a request larger than the burst waits for the difference") {
  TokenBucket bucket(1000, 1000);
  CHECK(bucket.wait_for(0, 5000) == Approx(4));
}

TEST_CASE("token bucket: many calls at twice the rate are served at the rate") {
  const double rate = 5500;
  TokenBucket bucket(rate, rate);
  // 1,000 tokens every 1/11 s (11,000/s) for 60 s; record when each batch's tokens have accrued.
  double last_ready = 0;
  double served = 0;
  for (int k = 0; k < 660; ++k) {
    const double now = k / 11.0;
    const double ready = now + bucket.wait_for(now, 1000);
    CHECK(ready >= last_ready);  // first come, first served
    last_ready = ready;
    served += 1000;
  }
  // Everything beyond the burst was served at exactly the rate.
  CHECK((served - rate) / last_ready == Approx(rate).epsilon(1e-9));
}

TEST_CASE("token bucket: calls below the rate never wait") {
  TokenBucket bucket(5500, 5500);
  for (int k = 0; k < 1000; ++k) CHECK(bucket.wait_for(k * 0.4, 1000) == 0);  // 2,500/s
}

TEST_CASE("token bucket: time that runs backwards does not add tokens") {
  TokenBucket bucket(10, 10);
  bucket.wait_for(5, 10);
  CHECK(bucket.available(4) == Approx(0).margin(1e-12));
}

TEST_CASE("token bucket: refuses a non-positive rate and negative amounts") {
  CHECK_THROWS_AS(TokenBucket(0, 10), std::invalid_argument);
  CHECK_THROWS_AS(TokenBucket(10, -1), std::invalid_argument);
  TokenBucket bucket(10, 10);
  CHECK_THROWS_AS(bucket.wait_for(0, -1), std::invalid_argument);
}

TEST_CASE("token bucket: a lower rate and burst take effect at once, and can be restored") {
  TokenBucket b(100, 100);
  CHECK(b.wait_for(0, 50) == 0);  // 50 left
  b.set_rate(0, 1, 10);           // a storm: 1 token/s, burst 10; the 50 left are cut to 10
  CHECK(b.available(0) == Approx(10));
  CHECK(b.wait_time(0, 20) == Approx(10));  // 10 more tokens at 1/s
  b.set_rate(5, 100, 100);                  // restored at t=5: 15 tokens by then, refilling fast again
  CHECK(b.available(5) == Approx(10));      // capped by the storm's burst until the change
  CHECK(b.available(6) == Approx(100));
}
