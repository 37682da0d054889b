// Restore and catch-up as work, on a small two-region deployment: the metadata stores hold what
// the scenario defines (so the exports copy it), a restore imports what the exports hold one
// object at a time, a stream resumed from older checkpoints drains its backlog as a queue does,
// and the vector index is rebuilt as a Spark job whose end is when what needs it recovers. Each
// run is a child process (one engine per process).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

const char* const kRegions = R"(
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]},
              {"name": "us-west-2", "azs": ["us-west-2a", "us-west-2b"]}],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}, {"region": "us-west-2", "hosts_per_az": 1}],
  "compute": [{"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 4},
              {"name": "spark-dr", "kind": "serverless_spark", "region": "us-west-2", "instances": 4}],)";

struct Run {
  nlohmann::json results;
  std::string timeline;
};

Run run(const std::string& text, const std::vector<std::string>& sets = {}) {
  const std::string out = test::in_child([&] {
    sim::LoadOptions options;
    options.sets = sets;
    const sim::Scenario s = sim::load_scenario_text(text, "restore-small.json", options);
    const analysis::RunOutput o = assembly::run_scenario(s);
    return nlohmann::json{{"results", o.results}, {"timeline", o.timeline}}.dump();
  });
  const nlohmann::json j = nlohmann::json::parse(out);
  return {j["results"], j["timeline"].get<std::string>()};
}

// Backup & restore of a workspace with `tables` tables and no workload, the metadata exported
// every 30 minutes, the region lost at 1h10m. Each object created or imported is one API call of
// `call_latency`, one at a time, with no rate limit to speak of.
std::string restore_scenario(int tables) {
  std::ostringstream s;
  s << R"({"format": "lakesim/1", "name": "restore-small", "seed": 7, "duration": "3h",)" << kRegions
    << R"( "workloads": [{"name": "etl", "class": "job", "region": "us-east-1", "compute": "spark",
                   "arrival": {"kind": "cron", "every": "1h", "offset": "5m"}, "instances": 1,
                   "stages": [{"core_seconds": "10s"}]}],
  "tables": [)";
  for (int i = 0; i < tables; ++i)
    s << (i ? ", " : "") << R"({"name": "t)" << i << R"(", "region": "us-east-1", "size": "1MB", "files": 1})";
  s << R"(],
  "faults": [{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "70m", "duration": "2h"}],
  "dr": {"strategy": "backup_restore", "primary": "us-east-1", "secondary": "us-west-2", "decision": "0s",
         "metadata_export": {"every": "30m", "startup": "0s"}, "git_sync": false, "deep_clone": false,
         "infrastructure": {"parallelism": 1, "api_rate": 1000, "call_latency": "2s", "workspace_provisioning": "0s"}}
})";
  return s.str();
}

const nlohmann::json& step(const nlohmann::json& failover, const std::string& name) {
  for (const auto& s : failover["steps"])
    if (s["step"] == name) return s;
  FAIL("no step " << name);
  return failover;
}

double sync_copied(const nlohmann::json& results, const std::string& name) {
  for (const auto& s : results["data_loss"]["syncs"])
    if (s["name"] == name) return s["copied_bytes"].get<double>();
  FAIL("no sync " << name);
  return 0;
}

// "1h2m3s" -> seconds.
double whole_duration(const std::string& text) {
  double total = 0, number = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      number = number * 10 + (c - '0');
    } else {
      total += number * (c == 'h' ? 3600 : c == 'm' ? 60 : 1);
      number = 0;
    }
  }
  return total;
}

// The timeline's first event of `kind`: its time and detail.
std::pair<double, std::string> event(const std::string& timeline, const std::string& kind) {
  std::istringstream in(timeline);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("," + kind + ",") == std::string::npos) continue;
    const std::size_t detail = line.find("," + kind + ",") + kind.size() + 2;
    std::string text = line.substr(detail);
    if (!text.empty() && text.front() == '"') text = text.substr(1, text.size() - 2);
    return {std::stod(line.substr(0, line.find(','))), text};
  }
  FAIL("no event " << kind);
  return {0, ""};
}

}  // namespace

TEST_CASE("Restore: the metadata exports copy what the stores were written") {
  // Each table has a definition in the metastore (8 kB) and a securable in Unity Catalog (1 kB),
  // written when the workspace starts; the export at 30 minutes copies them. (Before the stores
  // held this state, these exports copied 0 bytes.)
  for (int tables : {10, 20}) {
    const nlohmann::json r = run(restore_scenario(tables)).results;
    INFO(tables << " tables");
    CHECK(sync_copied(r, "metadata-export:Metastore@us-east-1") == Approx(tables * 8e3));
    CHECK(sync_copied(r, "metadata-export:Unity Catalog@us-east-1") == Approx(tables * 1e3));
  }
}

TEST_CASE("Restore: the metadata import lengthens with what the exports hold") {
  // Analytic: one import at a time, each object one API call of 2 s plus the simulated calls
  // and copy (the secondary's Workspace APIs, the store's write, well under 0.3 s): the import
  // takes objects x (2 + c) with the same c for every object. Doubling the tables doubles the
  // table definitions and securables, and lengthens the step by their count x (2 + c).
  double per_object[2] = {0, 0}, seconds[2] = {0, 0}, rto[2] = {0, 0};
  std::uint64_t objects[2] = {0, 0};
  for (int k = 0; k < 2; ++k) {
    const int tables = k == 0 ? 20 : 40;
    const nlohmann::json r = run(restore_scenario(tables)).results;
    const nlohmann::json& f = r["dr"]["failovers"].at(0);
    const nlohmann::json& m = f["metadata_import"];
    INFO(tables << " tables: " << m.dump());
    CHECK(m["objects_by_store"]["metastore"] == tables);
    CHECK(m["objects_by_store"]["unity_catalog"] == tables);
    CHECK(m["finished"] == true);
    const nlohmann::json& s = step(f, "metadata_import");
    CHECK(s["source"] == "simulated");
    seconds[k] = s["seconds"].get<double>();
    CHECK(seconds[k] == Approx(m["seconds"].get<double>()));
    objects[k] = m["objects"].get<std::uint64_t>();
    per_object[k] = seconds[k] / static_cast<double>(objects[k]);
    CHECK(per_object[k] >= 2.0);
    CHECK(per_object[k] <= 2.3);
    rto[k] = f["rto_seconds"].get<double>();
  }
  std::printf("metadata import: %llu objects in %.1f s, %llu objects in %.1f s\n",
              static_cast<unsigned long long>(objects[0]), seconds[0], static_cast<unsigned long long>(objects[1]),
              seconds[1]);
  CHECK(objects[1] - objects[0] == 40);  // 20 more definitions and 20 more securables
  CHECK(per_object[1] == Approx(per_object[0]).margin(0.02));
  CHECK(seconds[1] - seconds[0] == Approx(40 * per_object[0]).epsilon(0.02));
  // The RTO grows by the longer import and the IaC run's 20 more tables (one 2 s call each).
  CHECK(rto[1] - rto[0] == Approx(seconds[1] - seconds[0] + 20 * per_object[0]).epsilon(0.05));
}

TEST_CASE("Catch-up: a stream resumed from older checkpoints drains its backlog as a queue does") {
  // A stream of one-minute triggers whose batch takes d (measured without the outage, rho = d /
  // 60 < 1). Resumed in the secondary with a backlog B, each batch reads everything since the
  // previous one: the first takes B / 60 x d, each next one (tau / 60) x d of the one before,
  // until a batch ends within its minute. Caught up after the sum of those batches; the
  // continuous queue gives B rho / (1 - rho).
  auto scenario = [](const char* faults) {
    std::ostringstream s;
    s << R"({"format": "lakesim/1", "name": "restore-small", "seed": 7, "duration": "2h",)" << kRegions
      << R"( "workloads": [{"name": "clicks", "class": "streaming", "region": "us-east-1", "compute": "spark",
                     "trigger": "1m", "instances": 2, "stages": [{"core_seconds": "240s"}]}],
  "replication": {"enabled": true, "from": "us-east-1", "to": "us-west-2", "datasets": ["streaming_checkpoints"]},
  "faults": )"
      << faults << R"(,
  "dr": {"strategy": "warm_standby", "primary": "us-east-1", "secondary": "us-west-2", "decision": "0s"}
})";
    return s.str();
  };
  const nlohmann::json quiet = run(scenario("[]")).results;
  const double d = quiet["workloads"].at(0)["latency_seconds"]["p50"].get<double>();
  const double rho = d / 60;
  INFO("batch " << d << " s");
  REQUIRE(rho > 0.1);
  REQUIRE(rho < 0.9);

  // The outage shortly after a batch: the failover's detection, compute and redirection make the backlog.
  const Run out = run(scenario(
      R"([{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "40m", "duration": "1h"}])"));
  const auto [resumed_at, resumed] = event(out.timeline, "stream_resumed");
  const auto [caught_at, caught] = event(out.timeline, "stream_caught_up");
  // "made at 00:40:..., 3m5s old: catching up 3m5s of input"
  const std::size_t up = resumed.find("catching up ") + 12;
  const double backlog = whole_duration(resumed.substr(up, resumed.find(' ', up) - up));
  REQUIRE(backlog > 60);
  double expected = 0, tau = backlog / 60 * d;
  for (;;) {
    expected += tau;
    if (tau <= 60) break;
    tau = tau / 60 * d;
  }
  std::printf("stream catch-up: backlog %.0f s, batch %.2f s: caught up in %.1f s (series %.1f s, queue %.1f s)\n",
              backlog, d, caught_at - resumed_at, expected, backlog * rho / (1 - rho));
  // The backlog is read to the second; each batch's fixed checkpoint write is a fraction of a second.
  CHECK(caught_at - resumed_at == Approx(expected).margin(2 + 0.02 * expected));
  CHECK(caught.find(" of input caught up in ") != std::string::npos);
  // New input waits behind the backlog: the batches' mean latency grows.
  const nlohmann::json& stream = out.results["workloads"].at(0);
  CHECK(stream["latency_seconds"]["mean"].get<double>() >
        quiet["workloads"].at(0)["latency_seconds"]["mean"].get<double>());
}

TEST_CASE("Rebuild: the vector index is a Spark job whose end is when what needs it recovers") {
  // A training run at 5 minutes writes W of embeddings into the index; the region is lost at
  // 30 minutes. The rebuild reads W, computes W x 3e-6 core-seconds on two instances of the
  // secondary's placement and writes W: doubling W about doubles its work.
  auto scenario = [](const char* embeddings) {
    std::ostringstream s;
    s << R"({"format": "lakesim/1", "name": "restore-small", "seed": 7, "duration": "3h",)" << kRegions
      << R"( "workloads": [{"name": "train", "class": "training", "region": "us-east-1", "compute": "spark",
                     "arrival": {"kind": "cron", "every": "6h", "offset": "5m"}, "instances": 2,
                     "stages": [{"core_seconds": "60s", "write": ")"
      << embeddings << R"("}], "artifact": "1MB"}],
  "faults": [{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "30m", "duration": "2h"}],
  "dr": {"strategy": "warm_standby", "primary": "us-east-1", "secondary": "us-west-2", "decision": "0s"}
})";
    return s.str();
  };
  double work[2] = {0, 0};
  for (int k = 0; k < 2; ++k) {
    const double w = k == 0 ? 1e9 : 2e9;
    const nlohmann::json f = run(scenario(k == 0 ? "1GB" : "2GB")).results["dr"]["failovers"].at(0);
    const nlohmann::json& r = f["vector_index_rebuild"];
    INFO(r.dump());
    CHECK(r["bytes"].get<double>() == Approx(w));
    CHECK(r["core_seconds"].get<double>() == Approx(w * 3e-6));
    CHECK(r["instances"] == 2);
    CHECK(r["placement"] == "spark-dr");
    REQUIRE(!r["end"].is_null());
    // It starts once the compute can serve, and leases behind the takeover.
    CHECK(r["start"].get<double>() == Approx(step(f, "compute_start")["end"].get<double>()));
    work[k] = r["end"].get<double>() - r["leased"].get<double>();
    // What needs the index recovers when it is there and the users are redirected.
    const double recovered = std::max(r["end"].get<double>(), f["redirected"].get<double>());
    bool metadata = false;
    for (const auto& c : r["components"]) {
      CHECK(c["recovered"].get<double>() == Approx(recovered));
      CHECK(c["recovery_seconds"].get<double>() == Approx(recovered - f["outage_start"].get<double>()));
      metadata = metadata || c["component"] == "vector_search_metadata";
    }
    CHECK(metadata);
    CHECK(recovered - f["outage_start"].get<double>() > f["rto_seconds"].get<double>());
  }
  std::printf("vector index rebuild: %.1f s for 1 GB, %.1f s for 2 GB\n", work[0], work[1]);
  // The compute doubles exactly; the reads and writes through S3 add a little more than double.
  CHECK(work[1] >= 1.95 * work[0]);
  CHECK(work[1] <= 2.2 * work[0]);
}
