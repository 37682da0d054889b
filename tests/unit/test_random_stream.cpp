#include <catch2/catch.hpp>

#include <cmath>

#include "sim/random_stream.hpp"

using lakesim::sim::RandomStream;

TEST_CASE("a stream depends only on the seed and its name") {
  RandomStream a(42, "workload/etl"), b(42, "workload/etl"), c(42, "workload/bi"), d(43, "workload/etl");
  const auto first = a.next_u64();
  CHECK(first == b.next_u64());
  CHECK(first != c.next_u64());
  CHECK(first != d.next_u64());
}

TEST_CASE("the sequence is fixed across builds and platforms") {
  // Golden values: a change here changes every result the simulator produces, so it must be
  // deliberate (and the stored run fingerprints re-recorded with it).
  RandomStream s(1, "golden");
  CHECK(s.next_u64() == 15680886806208828396ULL);
  CHECK(s.next_u64() == 2073810729673413116ULL);
  CHECK(RandomStream(1, "golden").uniform() == 0.85006257708954469);
}

TEST_CASE("distributions have the right moments") {
  RandomStream s(7, "moments");
  const int n = 200000;
  double sum_u = 0, sum_e = 0, sum_n = 0, sum_n2 = 0, sum_p = 0, sum_l = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum_u += u;
    sum_e += s.exponential(3.0);
    const double x = s.normal(10.0, 2.0);
    sum_n += x;
    sum_n2 += x * x;
    sum_p += static_cast<double>(s.poisson(4.5));
    sum_l += s.lognormal_with_mean(5.0, 0.5);
  }
  CHECK(sum_u / n == Approx(0.5).epsilon(0.01));
  CHECK(sum_e / n == Approx(3.0).epsilon(0.02));
  CHECK(sum_n / n == Approx(10.0).epsilon(0.01));
  CHECK(std::sqrt(sum_n2 / n - (sum_n / n) * (sum_n / n)) == Approx(2.0).epsilon(0.02));
  CHECK(sum_p / n == Approx(4.5).epsilon(0.02));
  CHECK(sum_l / n == Approx(5.0).epsilon(0.02));
}

TEST_CASE("below is unbiased and in range") {
  RandomStream s(9, "below");
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 30000; ++i) ++counts[s.below(3)];
  for (int c : counts) CHECK(c == Approx(10000).epsilon(0.05));
  CHECK(s.below(0) == 0);
}
