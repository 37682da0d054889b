// Delta commits lost with a region. A commit survives in the replica once its _delta_log JSON
// and its data files have been copied (models/dr/table_recovery); with S3 replication of both
// buckets at one fixed lag L, the commits lost at t are exactly those of the last L seconds, and
// when the log is not replicated at all (only the data files are) every commit since the start is
// lost, however much of the data arrived.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "models/deployment.hpp"
#include "models/dr/table_recovery.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim;
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kLag = 120;   // L
constexpr double kEvery = 20;  // a commit every 20 s
constexpr double kUntil = 3500;
constexpr double kBytes = 1e6;
constexpr std::uint64_t kInWindow = 6;  // commits in any L seconds away from its edges: L / 20 s

// The two-region platform with one table in us-east-1, no workloads, and S3 replication of
// `datasets` to us-west-2 at a fixed lag.
sim::Scenario scenario(const std::string& datasets) {
  sim::LoadOptions options;
  options.sets = {"duration=1h", "workloads=[]",
                  R"(tables=[{"name": "orders", "region": "us-east-1", "dataset": "delta_table_data",
                              "size": "10GB", "files": 100}])",
                  R"(replication={"from": "us-east-1", "to": "us-west-2", "datasets": )" + datasets +
                      R"(, "lag": {"dist": "fixed", "mean": "2m"}})"};
  return sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json", options);
}

// Appends to the table every kEvery seconds from a Spark instance.
void start_committer(models::Deployment& deployment, sim::Simulation& simulation) {
  models::DeltaTable& table = deployment.table("orders");
  sg4::Host* client = simulation.platform().compute("spark").front()->host;
  sg4::Actor::create("committer", client, [&table, client] {
    for (int k = 0; k * kEvery < kUntil; ++k) {
      sg4::this_actor::sleep_until(k * kEvery);
      table.write(client, kBytes, models::DeltaWriteMode::Append, "committer");
    }
  });
}

const models::S3Replication* replication_of(const models::Deployment& deployment, const std::string& dataset) {
  for (const auto& r : deployment.replications())
    if (r->dataset() == dataset) return r.get();
  return nullptr;
}

std::uint64_t commits_between(const models::DeltaTable& table, double from, double to) {  // in (from, to]
  std::uint64_t n = 0;
  for (const models::CommitRecord& c : table.commit_records()) n += c.time > from && c.time <= to ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE(
    "delta commit loss: with the log replicated at lag L, the commits lost at t are those of the last L seconds") {
  const sim::Scenario s = scenario(R"(["delta_table_data", "delta_transaction_logs"])");
  sim::Simulation simulation(s);
  models::Deployment deployment(s, simulation.platform());
  deployment.start();
  start_committer(deployment, simulation);
  simulation.run();

  const models::DeltaTable& table = deployment.table("orders");
  const models::S3Replication* log = replication_of(deployment, "delta_transaction_logs");
  const models::S3Replication* data = replication_of(deployment, "delta_table_data");
  REQUIRE(log != nullptr);
  REQUIRE(data != nullptr);
  const models::TableCopies copies = models::TableCopies::replicated(table, &log->ledger(), &data->ledger());
  auto lost_commits = [&copies](double t) { return copies.at(t).versions.lost; };
  const auto& records = table.commit_records();
  REQUIRE(records.size() == 175);
  CHECK(table.version() == records.size());
  // Each record points at its own put in the log's write sequence (checkpoints sit in between).
  for (std::size_t i = 0; i < records.size(); ++i) {
    REQUIRE(records[i].log_write < log->writes());
    CHECK(log->log()[records[i].log_write].time == records[i].time);
    CHECK(records[i].version == i + 1);
    if (i > 0) CHECK(records[i].log_write > records[i - 1].log_write);
  }

  // Halfway between two commits' arrivals: no commit is within the copy time of the window's edge.
  for (double t : {610.0, 1210.0, 1810.0, 2410.0, 3010.0, 3490.0}) {
    const std::uint64_t lost = lost_commits(t);
    INFO("t = " << t);
    CHECK(lost == commits_between(table, t - kLag, t));
    CHECK(lost == kInWindow);
  }
  // At the boundary: the replica of a commit made at c arrives at c + L plus the copy's own
  // transfer time (tens of milliseconds across the WAN). An instant inside that transfer finds
  // the commit lost although it is older than L, so the count exceeds (t - L, t] by that one.
  const models::CommitRecord& c = records[60];
  const double arrived = log->log()[c.log_write].arrived;
  REQUIRE(arrived > c.time + kLag);
  const double t = (c.time + kLag + arrived) / 2;
  CHECK(lost_commits(t) == commits_between(table, t - kLag, t) + 1);
  std::printf("commit %llu at %.4f s: log copy arrived %.4f s after it (L = %.0f s)\n",
              static_cast<unsigned long long>(c.version), c.time, arrived - c.time, kLag);
}

TEST_CASE("delta commit loss: with only the data files replicated, every commit since the start is lost") {
  const sim::Scenario s = scenario(R"(["delta_table_data"])");
  sim::Simulation simulation(s);
  models::Deployment deployment(s, simulation.platform());
  deployment.start();
  start_committer(deployment, simulation);
  simulation.run();

  const models::DeltaTable& table = deployment.table("orders");
  REQUIRE(replication_of(deployment, "delta_transaction_logs") == nullptr);
  const models::S3Replication* data = replication_of(deployment, "delta_table_data");
  REQUIRE(data != nullptr);
  REQUIRE(table.commit_records().size() == 175);
  const models::TableCopies copies = models::TableCopies::replicated(table, nullptr, &data->ledger());
  auto lost_commits = [&copies](double t) { return copies.at(t).versions.lost; };
  for (double t : {610.0, 1810.0, 3490.0}) {
    INFO("t = " << t);
    // Counted, not dropped: every commit made before t, although the data files older than L made it.
    CHECK(lost_commits(t) == commits_between(table, 0, t));
    CHECK(data->loss_at(t).lost == kInWindow);
    // The files older than L arrived without their log entry: torn versions.
    CHECK(copies.at(t).data_without_log == commits_between(table, 0, t - kLag));
  }
  CHECK(lost_commits(3600) == 175);
}
