// Resilience policies: the `resilience_policy` section is read with located errors, and a run's
// results are held against it: met or missed, the margin, the failover step under way when the
// target ran out, the slowest service, the worst component's RPO, the availability, and targets
// no fault exercised; compare ranks designs by compliance, then cost.
#include <catch2/catch.hpp>

#include "analysis/policy_evaluation.hpp"
#include "presentation/report/policy_ranking.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/scenario_problems.hpp"

using lakesim::sim::Disruption;
using lakesim::sim::load_scenario_text;
using lakesim::sim::Scenario;
using lakesim::test::mentions;
using lakesim::test::problems;
using nlohmann::json;

namespace {

json base() {
  return json::parse(R"({
    "format": "lakesim/1", "name": "policy", "duration": "6h",
    "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]}],
    "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}],
    "compute": [{"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 4}],
    "tables": [{"name": "sales", "region": "us-east-1", "dataset": "delta_table_data", "size": "1GB", "files": 10}],
    "workloads": [
      {"name": "etl", "class": "job", "region": "us-east-1", "compute": "spark", "table": "sales",
       "arrival": {"kind": "cron", "every": "1h"}, "stages": [{"core_seconds": "10m", "write": "1GB"}]}
    ]
  })");
}

Scenario with_policy(const json& policy) {
  json doc = base();
  doc["resilience_policy"] = policy;
  return load_scenario_text(doc.dump(2), "policy.json");
}

// The results of a run that lost us-east-1 at 1h and failed over: detection 80 s, a 900 s
// decision, 20 s of compute start, 60 s of redirection; the users' probes of one service saw it
// back after 1100 s; two components lost writes; 990 of 1000 requests succeeded and it cost 50.
json results() {
  return json::parse(R"({
    "outages": [
      {"name": "east-lost", "kind": "region_outage", "target": "us-east-1", "start": 3600, "end": 14400},
      {"name": "slow-link", "kind": "link_degradation", "target": "us-east-1~us-west-2", "start": 0, "end": 60}
    ],
    "dr": {"strategy": "pilot_light", "failovers": [{
      "outage": "east-lost", "outage_start": 3600, "detected": 3680, "detection_source": "simulated",
      "completed": true, "rto_seconds": 1060, "observed_rto_seconds": 1020,
      "steps": [
        {"step": "decision", "start": 3680, "end": 4580, "seconds": 900, "source": "configured"},
        {"step": "compute_start", "start": 4580, "end": 4600, "seconds": 20, "source": "simulated"},
        {"step": "redirection", "start": 4600, "end": 4660, "seconds": 60, "source": "configured"}
      ]}]},
    "recovery": {"services": [
      {"name": "Workspace UI", "region": "us-east-1",
       "outages": [{"outage": "east-lost", "affected": true, "rto_seconds": 1100}]}
    ]},
    "throughput_recovery": [{"outage": "east-lost", "workloads": [
      {"workload": "etl", "dipped": true, "time_to_full_throughput_seconds": 1500}
    ]}],
    "data_loss": {"region_outages": [{"name": "east-lost", "components": [
      {"component": "delta_table_data", "name": "sales", "practice": "deep_clone", "rpo_seconds": 500, "lost_writes": 1},
      {"component": "managed_tables", "name": "Managed Tables@us-east-1", "practice": "s3_replication",
       "rpo_seconds": 200, "lost_writes": 3},
      {"component": "notebook_outputs", "name": "Notebook Outputs@us-east-1", "practice": "regenerate",
       "rpo_seconds": 9000, "lost_writes": 70}
    ]}]},
    "workloads": [{"name": "etl", "completed": 990, "failed": 10}],
    "cost": {"total_usd": 50.0}
  })");
}

const json& find(const json& policy, const std::string& scope, const std::string& measure) {
  for (const json& a : policy["assessments"])
    if (a["scope"] == scope && a["measure"] == measure) return a;
  FAIL("no " << scope << " " << measure);
  throw;
}

}  // namespace

TEST_CASE("resilience policy: targets per disruption type, for the account and per workload") {
  const Scenario s = with_policy(R"({"name": "gold", "availability": 0.999, "region": {"rto": "15m", "rpo": "5m"},
                                     "az": {"rto": "20m"}, "workloads": {"etl": {"region": {"rto": "1h"}}}})"_json);
  REQUIRE(s.resilience_policy.has_value());
  const auto& p = *s.resilience_policy;
  CHECK(p.name == "gold");
  CHECK(p.account.availability == Approx(0.999));
  REQUIRE(p.account.of(Disruption::Region));
  CHECK(*p.account.of(Disruption::Region)->rto == 900);
  CHECK(*p.account.of(Disruption::Region)->rpo == 300);
  CHECK(!p.account.of(Disruption::Az)->rpo);
  CHECK(!p.account.of(Disruption::Service));
  REQUIRE(p.workloads.size() == 1);
  CHECK(*p.workloads[0].targets.of(Disruption::Region)->rto == 3600);
}

TEST_CASE("resilience policy: bad targets are reported where they are written") {
  auto bad = [](const json& policy) {
    json doc = base();
    doc["resilience_policy"] = policy;
    return problems(doc, "policy.json");
  };
  CHECK(mentions(bad(R"({"data_corruption": {"rto": "1h"}})"_json), "/resilience_policy/data_corruption",
                 "does not model data corruption"));
  CHECK(mentions(bad(R"({"region": {}})"_json), "/resilience_policy/region", "without \"rto\" or \"rpo\""));
  CHECK(mentions(bad(R"({"region": {"rto": "15 minutes"}})"_json), "/resilience_policy/region/rto", ""));
  CHECK(mentions(bad(R"({"availability": 99.9})"_json), "/resilience_policy/availability", ""));
  CHECK(mentions(bad(R"({"workloads": {"etll": {"region": {"rto": "1h"}}}})"_json), "/resilience_policy/workloads/etll",
                 "etll"));
  CHECK(mentions(bad(R"({"name": "empty"})"_json), "/resilience_policy", "without a target"));
}

TEST_CASE("resilience policy: a missed RTO names the failover step that ran past the target") {
  const Scenario s = with_policy(R"({"region": {"rto": "15m", "rpo": "10m"}, "az": {"rto": "15m"},
                                     "availability": 0.995})"_json);
  const json policy = lakesim::analysis::evaluate_policy(s, results());
  INFO(policy.dump(2));
  CHECK_FALSE(lakesim::analysis::policy_met(policy));
  const json& rto = find(policy, "account", "rto");
  CHECK(rto["measured_seconds"] == 1060);
  CHECK(rto["margin_seconds"] == -160);
  CHECK(rto["basis"] == "dr failover steps");
  // 15 minutes after the outage's start the 900 s decision (from 80 s to 980 s) was under way.
  CHECK(rto["breaking_step"]["step"] == "decision");
  CHECK(rto["breaking_step"]["source"] == "configured");
  CHECK(rto["steps"].size() == 4);
  CHECK(rto["steps"][0]["step"] == "detection");
  // The RPO counts sales (500 s) and managed tables, not the regenerated notebook outputs.
  const json& rpo = find(policy, "account", "rpo");
  CHECK(rpo["met"] == true);
  CHECK(rpo["measured_seconds"] == 500);
  CHECK(rpo["margin_seconds"] == 100);
  CHECK(rpo["critical_component"]["component"] == "sales");
  CHECK(rpo["components"].size() == 3);
  // 99 % of requests served against 99.5 %.
  const json& availability = find(policy, "account", "availability");
  CHECK(availability["met"] == false);
  CHECK(availability["measured"].get<double>() == Approx(0.99));
  // No zone was lost: the az target is not exercised; the degraded link is no disruption.
  CHECK(policy["not_exercised"] == json::array({"az"}));
  CHECK(policy["targets_missed"] == 2);
  CHECK(policy["targets_met"] == 1);
  const std::string text = lakesim::analysis::policy_text(policy);
  CHECK(text.find("MISSED") != std::string::npos);
  CHECK(text.find("broken during the decision step") != std::string::npos);
}

TEST_CASE("resilience policy: a looser target is met with its margin and workloads are held to their own") {
  const Scenario s = with_policy(R"({"region": {"rto": "30m"},
                                     "workloads": {"etl": {"region": {"rto": "20m", "rpo": "1m"}}}})"_json);
  const json policy = lakesim::analysis::evaluate_policy(s, results());
  const json& rto = find(policy, "account", "rto");
  CHECK(rto["met"] == true);
  CHECK(rto["margin_seconds"] == 1800 - 1060);
  CHECK(rto["longest_step"]["step"] == "decision");
  CHECK_FALSE(rto.contains("breaking_step"));
  // The workload's RTO is its return to full throughput; its RPO that of the table it writes.
  const json& etl_rto = find(policy, "workload etl", "rto");
  CHECK(etl_rto["measured_seconds"] == 1500);
  CHECK(etl_rto["met"] == false);
  const json& etl_rpo = find(policy, "workload etl", "rpo");
  CHECK(etl_rpo["measured_seconds"] == 500);
  CHECK(etl_rpo["met"] == false);
}

TEST_CASE("resilience policy: without a failover the slowest service is on the critical path") {
  json r = results();
  r["dr"] = nullptr;
  const Scenario s = with_policy(R"({"region": {"rto": "15m"}})"_json);
  const json policy = lakesim::analysis::evaluate_policy(s, r);
  const json& rto = find(policy, "account", "rto");
  CHECK(rto["basis"] == "service probes");
  CHECK(rto["measured_seconds"] == 1100);
  CHECK(rto["critical_component"]["component"] == "Workspace UI@us-east-1");
  // A service that never answered again: not recovered within the run, missed.
  r["recovery"]["services"][0]["outages"][0]["rto_seconds"] = nullptr;
  const json never = lakesim::analysis::evaluate_policy(s, r);
  CHECK(find(never, "account", "rto")["measured_seconds"].is_null());
  CHECK(find(never, "account", "rto")["met"] == false);
  // A scenario without a policy has nothing to meet.
  const Scenario none = load_scenario_text(base().dump(), "policy.json");
  CHECK(lakesim::analysis::evaluate_policy(none, r).is_null());
  CHECK(lakesim::analysis::policy_met(nullptr));
}

TEST_CASE("resilience policy: compare ranks designs by compliance, then cost") {
  const Scenario s = with_policy(R"({"region": {"rto": "20m"}})"_json);
  json meets = results();  // RTO 1060 s: met
  meets["policy"] = lakesim::analysis::evaluate_policy(s, meets);
  meets["cost"]["total_usd"] = 60.0;
  json misses = results();
  misses["dr"]["failovers"][0]["rto_seconds"] = 3000;
  misses["dr"]["failovers"][0]["steps"][0]["end"] = 6000;
  misses["policy"] = lakesim::analysis::evaluate_policy(s, misses);
  misses["cost"]["total_usd"] = 40.0;
  json cheaper_meets = meets;
  cheaper_meets["cost"]["total_usd"] = 55.0;
  const json ranking = lakesim::presentation::report::policy_ranking(
      {{"cheap-miss", {&misses}}, {"dear-meet", {&meets}}, {"cheaper-meet", {&cheaper_meets}}});
  REQUIRE(ranking.size() == 3);
  CHECK(ranking[0]["design"] == "cheaper-meet");
  CHECK(ranking[1]["design"] == "dear-meet");
  CHECK(ranking[2]["design"] == "cheap-miss");
  CHECK(ranking[2]["runs_meeting_policy"] == 0);
  REQUIRE(ranking[2]["missed_targets"].size() == 1);
  CHECK(ranking[2]["missed_targets"][0].get<std::string>().find("decision") != std::string::npos);
  CHECK(lakesim::presentation::report::policy_ranking_text(ranking).find("1. cheaper-meet") != std::string::npos);
  // Designs without a policy are not ranked.
  const json plain = results();
  CHECK(lakesim::presentation::report::policy_ranking({{"a", {&plain}}}).is_null());
}
