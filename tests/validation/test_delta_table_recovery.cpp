// Delta tables recovered as Delta recovers them. A version is recoverable in the secondary only
// when its log entry and its data files both arrived there, and the recovered table is the
// longest prefix of recoverable versions. With the log bucket replicated at a fixed lag L1, the
// data bucket at a fixed lag L2 > L1 and a commit every w seconds, the versions lost at an outage
// instant t are exactly those committed in (t - L2, t) (about L2 / w), the torn ones (log entry
// without its files) exactly those in (t - L2, t - L1] (about (L2 - L1) / w), and the RPO is the age
// of the first of them, in (L2 - w, L2]. With L1 > L2 the roles swap: the versions of the last L1
// are lost and those in (t - L1, t - L2] have their files without their log entry. Two settings
// of (L1, L2, w) in each direction, so the counts must follow the inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "models/deployment.hpp"
#include "models/dr/table_recovery.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kBytes = 1e6;
constexpr double kUntil = 3500;

struct Setting {
  double log_lag;   // L1
  double data_lag;  // L2
  double every;     // w
};

// The two-region platform with one table in us-east-1, no workloads, and S3 replication of its
// data and log buckets to us-west-2 at fixed lags of their own.
sim::Scenario scenario(const Setting& s) {
  sim::LoadOptions options;
  options.sets = {"duration=1h", "workloads=[]",
                  R"(tables=[{"name": "orders", "region": "us-east-1", "dataset": "delta_table_data",
                              "size": "10GB", "files": 100}])",
                  R"(replication={"from": "us-east-1", "to": "us-west-2",
                                  "datasets": ["delta_table_data", "delta_transaction_logs"],
                                  "lag_by_dataset": {"delta_transaction_logs": {"dist": "fixed", "mean": ")" +
                      std::to_string(static_cast<int>(s.log_lag)) + R"(s"},
                                                     "delta_table_data": ")" +
                      std::to_string(static_cast<int>(s.data_lag)) + R"(s"}})"};
  return sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json", options);
}

const models::S3Replication* replication_of(const models::Deployment& deployment, const std::string& dataset) {
  for (const auto& r : deployment.replications())
    if (r->dataset() == dataset) return r.get();
  return nullptr;
}

// Commits whose log entry was stored in (from, to).
std::uint64_t commits_between(const models::DeltaTable& table, double from, double to) {
  std::uint64_t n = 0;
  for (const models::CommitRecord& c : table.commit_records()) n += c.time > from && c.time < to ? 1 : 0;
  return n;
}

// Instants k w (k >= 0, before kUntil) in (from, to): the commits' nominal times.
std::uint64_t on_grid(double from, double to, double every) {
  std::uint64_t n = 0;
  for (int k = 0; k * every < kUntil; ++k) n += k * every > from && k * every < to ? 1 : 0;
  return n;
}

void check_setting(const Setting& s) {
  const sim::Scenario sc = scenario(s);
  sim::Simulation simulation(sc);
  models::Deployment deployment(sc, simulation.platform());
  deployment.start();
  models::DeltaTable& table = deployment.table("orders");
  sg4::Host* client = simulation.platform().compute("spark").front()->host;
  const double every = s.every;
  sg4::Actor::create("committer", client, [&table, client, every] {
    for (int k = 0; k * every < kUntil; ++k) {
      sg4::this_actor::sleep_until(k * every);
      table.write(client, kBytes, models::DeltaWriteMode::Append, "committer");
    }
  });
  simulation.run();

  const models::S3Replication* log = replication_of(deployment, "delta_transaction_logs");
  const models::S3Replication* data = replication_of(deployment, "delta_table_data");
  REQUIRE(log != nullptr);
  REQUIRE(data != nullptr);
  const auto& records = table.commit_records();
  REQUIRE(records.size() == static_cast<std::size_t>(std::ceil(kUntil / every)));
  // Each record points at its own data write, made before its log entry.
  for (const models::CommitRecord& c : records) {
    REQUIRE(c.data_write < data->writes());
    CHECK(data->log()[c.data_write].time == c.data_time);
    CHECK(c.data_time <= c.time);
  }
  const models::TableCopies copies = models::TableCopies::replicated(table, &log->ledger(), &data->ledger());
  const double longer = std::max(s.log_lag, s.data_lag);
  const double shorter = std::min(s.log_lag, s.data_lag);

  // Outage instants halfway between two commits: no commit, and no edge of either window, is
  // within the commit's own few hundred milliseconds of a boundary.
  for (int m : {30, 51, 70}) {
    const double t = (m + 0.5) * every;
    INFO("L1 = " << s.log_lag << " s, L2 = " << s.data_lag << " s, w = " << every << " s, t = " << t);
    const models::TableRecovery r = copies.at(t);
    const std::uint64_t lost = commits_between(table, t - longer, t);
    const std::uint64_t torn = commits_between(table, t - longer, t - shorter);
    CHECK(r.versions.written == commits_between(table, 0, t));
    CHECK(r.versions.lost == lost);
    CHECK(r.versions.survived == r.versions.written - lost);
    CHECK(r.versions.balanced());
    // Commit instants are k w plus well under a second, so the counts are those of the nominal
    // grid, about L / w each.
    CHECK(lost == on_grid(t - longer, t, every));
    CHECK(torn == on_grid(t - longer, t - shorter, every));
    CHECK(static_cast<double>(lost) == Approx(longer / every).margin(1));
    CHECK(static_cast<double>(torn) == Approx((longer - shorter) / every).margin(1));
    if (s.log_lag < s.data_lag) {
      CHECK(r.log_without_data == torn);
      CHECK(r.data_without_log == 0);
    } else {
      CHECK(r.data_without_log == torn);
      CHECK(r.log_without_data == 0);
    }
    CHECK(r.versions.lost_bytes == Approx(static_cast<double>(lost) * kBytes));
    // The recovered table ends just before the first lost version; the RPO is that version's age.
    const models::CommitRecord& first_lost = records[r.versions.survived];
    CHECK(r.last_recoverable_version == first_lost.version - 1);
    CHECK(r.versions.rpo == Approx(t - first_lost.time));
    CHECK(r.versions.rpo > longer - every);
    CHECK(r.versions.rpo <= longer);
    // Checkpoints every 10 versions: the latest one at or below the recovered version is usable.
    CHECK(r.last_usable_checkpoint == r.last_recoverable_version / 10 * 10);
    CHECK(r.usable_checkpoints == r.last_recoverable_version / 10);
    CHECK(r.checkpoints == r.versions.written / 10);
    std::printf(
        "L1 %4.0f s, L2 %4.0f s, w %3.0f s, t %6.0f s: %llu lost, %llu log without data, %llu data without "
        "log, last version %llu, RPO %.1f s\n",
        s.log_lag, s.data_lag, every, t, static_cast<unsigned long long>(r.versions.lost),
        static_cast<unsigned long long>(r.log_without_data), static_cast<unsigned long long>(r.data_without_log),
        static_cast<unsigned long long>(r.last_recoverable_version), r.versions.rpo);
  }
}

}  // namespace

TEST_CASE("delta table recovery: log lag 60 s and data lag 300 s with a commit every 20 s") {
  check_setting({60, 300, 20});
}

TEST_CASE("delta table recovery: log lag 30 s and data lag 150 s with a commit every 45 s") {
  check_setting({30, 150, 45});
}

TEST_CASE("delta table recovery: log lag 300 s and data lag 60 s with a commit every 20 s (files without log)") {
  check_setting({300, 60, 20});
}

TEST_CASE("delta table recovery: log lag 200 s and data lag 20 s with a commit every 35 s (files without log)") {
  check_setting({200, 20, 35});
}

TEST_CASE("delta table recovery: a per-dataset lag for a dataset that is not replicated is refused") {
  const std::string file = std::string(LAKESIM_TEST_DATA_DIR) + "/bad/replication-lag-unreplicated.json";
  try {
    sim::load_scenario(file);
  } catch (const sim::ScenarioError& e) {
    REQUIRE(!e.diagnostics().empty());
    const sim::Diagnostic& d = e.diagnostics().front();
    CHECK(d.to_string().rfind(file + ":", 0) == 0);
    CHECK(d.where.line > 0);
    CHECK(d.pointer == "/replication/lag_by_dataset/managed_tables");
    return;
  }
  FAIL("no error for " << file);
}
