// Delta Lake optimistic concurrency on S3: concurrent writers race for each version's
// put-if-absent; every transaction that succeeds commits exactly one version and none is lost or
// duplicated. Blind appends retry only the commit; merges rewrite their data files first. The
// checks are exact counts: the simulation is deterministic and nothing is sampled.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <optional>

#include "models/storage/delta_table.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim::models;
using namespace lakesim::sim;

namespace {

constexpr int kTransactions = 50;  // per writer
constexpr double kBytes = 64e6;    // per transaction: one data file
constexpr int kConnections = 8;

// A table in region "east" of the validation platform, with the S3 service it lives on.
struct TableFixture {
  Scenario scenario = load_scenario(std::string(LAKESIM_TEST_DATA_DIR) + "/validation/s3.json");
  Simulation sim{scenario};
  S3Service s3{"east", scenario.regions[0].s3, sim.platform().s3_endpoint("east")};
  Dataset data{component(ComponentId::DeltaTableData), "east", s3, "tables/sales/"};
  Dataset log{component(ComponentId::DeltaTransactionLogs), "east", s3, "tables/sales/_delta_log/"};
  DeltaTable table{"sales", data, log};

  sg4::Host* host(std::size_t i) { return sim.platform().compute("c")[i]->host; }
};

struct WriterTally {
  int succeeded = 0;
  int aborted = 0;
  int conflicts = 0;
  int other_failures = 0;  // anything but a conflict: none expected
};

// `count` transactions back to back by `writer` from `client`, all starting at t=0.
void start_writer(DeltaTable& table, sg4::Host* client, const std::string& writer, DeltaWriteMode mode, int count,
                  WriterTally& tally) {
  sg4::Actor::create(writer, client, [&table, client, writer, mode, count, &tally] {
    for (int i = 0; i < count; ++i) {
      try {
        tally.conflicts += table.write(client, kBytes, mode, writer, kConnections).conflicts;
        ++tally.succeeded;
      } catch (const RequestFailed& f) {
        ++(f.cause() == FailureCause::Conflict ? tally.aborted : tally.other_failures);
      }
    }
  });
}

// Versions 1..n in order, one entry each; returns how many each writer committed.
std::map<std::string, int> check_history(const DeltaTable& table) {
  std::map<std::string, int> per_writer;
  const auto& commits = table.commits();
  REQUIRE(commits.size() == table.version());
  for (std::size_t i = 0; i < commits.size(); ++i) {
    CHECK(commits[i].version == i + 1);
    if (i > 0) CHECK(commits[i].time >= commits[i - 1].time);
    ++per_writer[commits[i].writer];
  }
  return per_writer;
}

}  // namespace

TEST_CASE("Delta: two concurrent appenders conflict, yet every transaction commits exactly once") {
  TableFixture f;
  WriterTally a;
  WriterTally b;
  start_writer(f.table, f.host(0), "writer-a", DeltaWriteMode::Append, kTransactions, a);
  start_writer(f.table, f.host(1), "writer-b", DeltaWriteMode::Append, kTransactions, b);
  f.sim.run();

  INFO("conflicts " << f.table.conflicts() << ", version " << f.table.version());
  CHECK(f.table.conflicts() > 0);
  CHECK(f.table.conflicts() == static_cast<std::uint64_t>(a.conflicts + b.conflicts));
  CHECK(a.other_failures + b.other_failures == 0);
  CHECK(a.succeeded == kTransactions);
  CHECK(b.succeeded == kTransactions);
  CHECK(f.table.aborted() == 0);
  CHECK(f.table.version() == 2 * kTransactions);
  const auto per_writer = check_history(f.table);
  CHECK(per_writer.at("writer-a") == kTransactions);
  CHECK(per_writer.at("writer-b") == kTransactions);
  // Appends write their data once, however many races they lose.
  CHECK(f.data.objects() == 2 * kTransactions);
  CHECK(f.data.stored_bytes() == Approx(2 * kTransactions * kBytes));
  // A lost put-if-absent stores nothing: the log holds one JSON per version, the checkpoints
  // and the _last_checkpoint pointer.
  CHECK(f.table.checkpoints() == f.table.version() / 10);
  CHECK(f.log.objects() == f.table.version() + f.table.checkpoints() + 1);
}

TEST_CASE("Delta: two concurrent merges conflict and rewrite their data, and lose no commit") {
  TableFixture f;
  WriterTally a;
  WriterTally b;
  start_writer(f.table, f.host(0), "writer-a", DeltaWriteMode::Merge, kTransactions, a);
  start_writer(f.table, f.host(1), "writer-b", DeltaWriteMode::Merge, kTransactions, b);
  f.sim.run();

  INFO("conflicts " << f.table.conflicts() << ", version " << f.table.version() << ", aborted " << f.table.aborted()
                    << " (a " << a.aborted << ", b " << b.aborted << "), data objects " << f.data.objects());
  CHECK(f.table.conflicts() > 0);
  CHECK(a.other_failures + b.other_failures == 0);
  CHECK(a.succeeded + a.aborted == kTransactions);
  CHECK(b.succeeded + b.aborted == kTransactions);
  CHECK(f.table.aborted() == static_cast<std::uint64_t>(a.aborted + b.aborted));
  CHECK(f.table.version() == static_cast<std::uint64_t>(a.succeeded + b.succeeded));
  auto per_writer = check_history(f.table);
  CHECK(per_writer["writer-a"] == a.succeeded);
  CHECK(per_writer["writer-b"] == b.succeeded);
  // Every lost race cost a rewrite: more data files than the appends' one per transaction.
  CHECK(f.data.objects() > 2 * static_cast<std::uint64_t>(kTransactions));
  CHECK(f.data.objects() == 2 * static_cast<std::uint64_t>(kTransactions) + f.table.conflicts() - f.table.aborted());
  CHECK(f.table.checkpoints() == f.table.version() / 10);
}

TEST_CASE("Delta: a single writer never conflicts") {
  TableFixture f;
  WriterTally a;
  start_writer(f.table, f.host(0), "writer-a", DeltaWriteMode::Merge, kTransactions, a);
  f.sim.run();

  CHECK(f.table.conflicts() == 0);
  CHECK(a.succeeded == kTransactions);
  CHECK(f.table.version() == kTransactions);
  const auto per_writer = check_history(f.table);
  CHECK(per_writer.at("writer-a") == kTransactions);
  CHECK(f.data.objects() == static_cast<std::uint64_t>(kTransactions));
  CHECK(f.table.checkpoints() == f.table.version() / 10);
}

TEST_CASE("Delta: a reader replays at most a checkpoint interval of JSON commits") {
  TableFixture f;
  WriterTally a;
  std::optional<CommitResult> snapshot;
  std::uint64_t gets = 0;
  start_writer(f.table, f.host(0), "writer-a", DeltaWriteMode::Append, 25, a);
  sg4::Actor::create("reader", f.host(1), [&] {
    // Wait for the writer to finish, then read the table: checkpoint 20 + JSON 21..25.
    while (f.table.version() < 25) sg4::this_actor::sleep_for(1);
    const std::uint64_t gets_before = f.s3.requests(S3Op::Read);
    snapshot = f.table.read(f.host(1), 1e6);
    gets = f.s3.requests(S3Op::Read) - gets_before;
  });
  f.sim.run();

  REQUIRE(snapshot.has_value());
  CHECK(snapshot->version == 25);
  CHECK(f.table.checkpoints() == 2);
  // LIST + checkpoint 20 + JSON commits 21..25, then one data file.
  CHECK(gets == 1 + 1 + 5 + 1);
}
