// The DR strategies' RPO as a distribution (scenarios/dr/us-east-1-loss.json, each strategy at its
// default parameters): a loss of us-east-1 at 50 instants spread over whole deep-clone cycles
// of the strategy, in 5 runs with different seeds; the RPO at an instant is the worst over the
// primary's Delta tables. The AWS whitepaper's magnitudes (domain numbers 1a) bound the pooled p50
// and p95: backup & restore in hours, pilot light in tens of minutes, warm standby in minutes,
// multi-site active/active near zero (under a minute at p50, two at p95, since its deep clone runs
// every minute and takes seconds). The bands of each quantile do not overlap, so passing the four
// tests puts the strategies in the whitepaper's order on both figures.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/rpo_distribution.hpp"
#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

constexpr double kMinute = 60;
constexpr double kHour = 3600;
constexpr int kSeeds = 5;
constexpr int kInstants = 50;

struct Band {
  double low;
  double high;
};

// The worst RPO over the primary's tables at each instant of one run, in a child process.
std::vector<double> table_rpo(const std::string& variant, std::uint64_t seed, double from, double to) {
  const std::string text = test::in_child([&] {
    sim::LoadOptions options;
    options.variant = variant;
    options.sets = {"faults=[]", "seed=" + std::to_string(seed), "duration=" + std::to_string(to) + "s",
                    R"(rpo_sampling={"region": "us-east-1", "from": ")" + std::to_string(from) + R"(s", "to": ")" +
                        std::to_string(to) + R"(s", "instants": )" + std::to_string(kInstants) + "}"};
    const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/us-east-1-loss.json", options);
    const nlohmann::json r = assembly::run_scenario(s).results;
    if (!r["data_loss"]["accounting_ok"].get<bool>()) throw std::runtime_error("accounting does not hold");
    std::vector<double> worst(kInstants, 0);
    int tables = 0;
    for (const auto& c : r["data_loss"]["rpo_distribution"]["components"]) {
      if (c["unit"] != "commits" || (c["name"] != "sales" && c["name"] != "clicks")) continue;
      if (c["practice"] != "deep_clone") throw std::runtime_error("a table not deep-cloned");
      const auto rpo = c["rpo_seconds"].get<std::vector<double>>();
      if (rpo.size() != static_cast<std::size_t>(kInstants))
        throw std::runtime_error("a table unwritten at an instant");
      for (int i = 0; i < kInstants; ++i) worst[i] = std::max(worst[i], rpo[i]);
      ++tables;
    }
    if (tables != 2) throw std::runtime_error("expected the sales and clicks tables");
    std::ostringstream out;
    out.precision(17);
    for (double w : worst) out << w << '\n';
    return out.str();
  });
  std::istringstream in(text);
  std::vector<double> out;
  for (double v; in >> v;) out.push_back(v);
  REQUIRE(out.size() == static_cast<std::size_t>(kInstants));
  return out;
}

// The pooled p50 and p95 of the strategy's table RPO over kInstants in [from, to) and kSeeds seeds.
void check_strategy(const std::string& variant, double from, double to, Band p50_band, Band p95_band) {
  std::vector<double> pooled;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const std::vector<double> rpo = table_rpo(variant, static_cast<std::uint64_t>(seed), from, to);
    pooled.insert(pooled.end(), rpo.begin(), rpo.end());
  }
  const double p50 = analysis::quantile(pooled, 0.5);
  const double p95 = analysis::quantile(pooled, 0.95);
  std::printf("%-14s table RPO over %d instants x %d seeds: p50 %6.0f s, p95 %6.0f s, max %6.0f s\n", variant.c_str(),
              kInstants, kSeeds, p50, p95, *std::max_element(pooled.begin(), pooled.end()));
  INFO(variant << ": p50 " << p50 << " s, p95 " << p95 << " s");
  CHECK(p50 >= p50_band.low);
  CHECK(p50 < p50_band.high);
  CHECK(p95 >= p95_band.low);
  CHECK(p95 < p95_band.high);
  CHECK(p50 <= p95);
}

}  // namespace

// Windows of whole deep-clone cycles after the first one (every: 4 h, 30 min, 5 min, 1 min): one
// for backup & restore, several for the others.
TEST_CASE("DR strategies' RPO: backup & restore loses hours of data") {
  check_strategy("backup_restore", 4.5 * kHour, 8.5 * kHour, {1 * kHour, 24 * kHour}, {1 * kHour, 24 * kHour});
}

TEST_CASE("DR strategies' RPO: pilot light loses tens of minutes") {
  check_strategy("pilot_light", 1 * kHour, 4 * kHour, {10 * kMinute, 1 * kHour}, {10 * kMinute, 1 * kHour});
}

TEST_CASE("DR strategies' RPO: warm standby loses minutes") {
  check_strategy("warm_standby", 1 * kHour, 3 * kHour, {1 * kMinute, 10 * kMinute}, {2 * kMinute, 10 * kMinute});
}

TEST_CASE("DR strategies' RPO: active/active loses under a minute at p50, two at p95") {
  check_strategy("active_active", 1 * kHour, 2 * kHour, {0, 1 * kMinute}, {0, 2 * kMinute});
}
