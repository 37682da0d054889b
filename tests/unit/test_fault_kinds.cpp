// Every fault kind is one descriptor (scenario/fault_kind.hpp): the reader knows it by name, the docs
// table is generated from it, and each kind is drawn at `topology --at` and narrated in its own
// words. One section per kind, from a small shipped scenario with that one fault.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/narration.hpp"
#include "models/architecture_graph.hpp"
#include "presentation/architecture_picture.hpp"
#include "scenario/fault_kind.hpp"
#include "scenario/scenario_loader.hpp"

using lakesim::models::Health;
using lakesim::sim::FaultKindInfo;

namespace {

struct Victim {
  std::string id;  // a graph node, or "backbone:<a>~<b>"
  Health health;
};

struct KindCase {
  std::string kind;
  std::string scenario;  // under scenarios/
  std::string target;    // the fault's target keys and parameters, as JSON members
  std::vector<Victim> victims;
  std::vector<std::string> untouched;  // nodes the fault must leave up
  std::string start_words;             // what the narration must say when it starts...
  std::string end_words;               // ...and when it ends
};

// Each fault runs from 1h to 2h.
const std::vector<KindCase>& kind_cases() {
  static const std::vector<KindCase> cases = {
      {"region_outage",
       "single-region.json",
       R"("region": "us-east-1")",
       {{"region:us-east-1", Health::Down},
        {"s3:us-east-1", Health::Down},
        {"component:workspace_ui@us-east-1", Health::Down}},
       {"external:idp"},
       "us-east-1 is down: every host and link there",
       "us-east-1 is back after 1h: hosts, links, S3 and components up again"},
      {"az_outage",
       "single-region.json",
       R"("az": "us-east-1a")",
       {{"az:us-east-1a", Health::Down}, {"hosts:control-plane@us-east-1", Health::Degraded}},
       {"az:us-east-1b"},
       "us-east-1a is down: its hosts and links stop",
       "us-east-1a is back after 1h"},
      {"control_plane_outage",
       "single-region.json",
       R"("region": "us-east-1")",
       {{"component:unity_catalog@us-east-1", Health::Down}, {"hosts:control-plane@us-east-1", Health::Down}},
       {"s3:us-east-1"},
       "the control plane of us-east-1 is down",
       "the control plane of us-east-1 is back after 1h"},
      {"s3_outage",
       "single-region.json",
       R"("region": "us-east-1")",
       {{"s3:us-east-1", Health::Down}, {"component:delta_table_data@us-east-1", Health::Down}},
       {"component:workspace_ui@us-east-1"},
       "S3 in us-east-1 refuses reads and writes (reads back at 02:00:00, writes at 02:00:00)",
       "S3 in us-east-1 takes writes again after 1h"},
      {"idp_outage",
       "single-region.json",
       "",
       {{"external:idp", Health::Down}},
       {"component:authentication_sso@us-east-1"},
       "the identity provider is down: interactive sign-in (UI, SQL) fails",
       "the identity provider is back after 1h"},
      {"link_cut",
       "two-region.json",
       R"("regions": ["us-east-1", "us-west-2"])",
       {{"backbone:us-east-1~us-west-2", Health::Down}},
       {"region:us-east-1"},
       "the backbone us-east-1 ~ us-west-2 is cut",
       "the backbone us-east-1 ~ us-west-2 is restored after 1h"},
      {"capacity_shortage",
       "single-region.json",
       R"("compute": "spark")",
       {{"hosts:compute:spark", Health::Degraded}},
       {"hosts:compute:sql"},
       "capacity shortage on spark: no new instance can start",
       "capacity shortage on spark is over after 1h"},
      {"s3_throttling",
       "single-region.json",
       R"("region": "us-east-1", "factor": 0.2)",
       {{"s3:us-east-1", Health::Degraded}},
       {"component:delta_table_data@us-east-1"},
       "S3 in us-east-1 throttles: request rates drop to 20%",
       "S3 in us-east-1 stops throttling after 1h"},
      {"link_degradation",
       "two-region.json",
       R"("regions": ["us-east-1", "us-west-2"], "factor": 0.5)",
       {{"backbone:us-east-1~us-west-2", Health::Degraded}},
       {"region:us-west-2"},
       "the backbone us-east-1 ~ us-west-2 keeps 50% of its bandwidth",
       "the backbone us-east-1 ~ us-west-2 has its full bandwidth again after 1h"},
      {"host_crashes",
       "single-region.json",
       R"("compute": "spark", "mtbf": "20m", "mttr": "5m")",
       {{"hosts:compute:spark", Health::Degraded}},
       {"hosts:compute:sql"},
       "instances of spark crash (mean time between failures 20m, repairs 5m)",
       "instances of spark stop crashing after 1h"},
      {"kms_outage",
       "variants/cmk-kms-outage.json",
       R"("region": "us-east-1")",
       {{"component:customer_managed_key@us-east-1", Health::Down},
        {"component:notebook_source_code@us-east-1", Health::Down},
        {"component:managed_tables@us-east-1", Health::Down}},
       {"component:delta_table_data@us-east-1", "component:workspace_ui@us-east-1"},
       "the customer-managed key's KMS in us-east-1 stops answering: operations that need the key fail",
       "the KMS in us-east-1 answers again after 1h"},
      {"key_revoked",
       "variants/cmk-kms-outage.json",
       R"("region": "us-east-1")",
       {{"component:customer_managed_key@us-east-1", Health::Down},
        {"component:workspace_files@us-east-1", Health::Down},
        {"component:dbfs_root@us-east-1", Health::Down}},
       {"component:delta_table_data@us-east-1"},
       "the customer revokes the customer-managed key of us-east-1",
       "the customer-managed key of us-east-1 is restored after 1h"},
      {"relay_outage",
       "variants/scc-relay-outage.json",
       R"("region": "us-east-1")",
       {{"component:scc_relay@us-east-1", Health::Down}, {"hosts:compute:classic", Health::Degraded}},
       {"hosts:compute:spark", "component:cluster_management@us-east-1"},
       "the secure cluster connectivity relay of us-east-1 is down: new classic clusters cannot register",
       "the secure cluster connectivity relay of us-east-1 is back after 1h"},
      {"workspace_outage",
       "variants/multi-workspace.json",
       R"("workspace": "engineering")",
       {{"component:workspace_ui@us-east-1", Health::Degraded},
        {"component:job_scheduler@us-east-1", Health::Degraded}},
       {"component:unity_catalog@us-east-1", "component:users_and_groups@us-east-1",
        "component:workspace_ui@us-west-2"},
       "workspace engineering is down: its own services",
       "workspace engineering is back after 1h"},
      {"service_outage",
       "single-region.json",
       R"("region": "us-east-1", "component": "unity_catalog")",
       {{"component:unity_catalog@us-east-1", Health::Down}},
       {"component:metastore@us-east-1"},
       "unity_catalog in us-east-1 is down",
       "unity_catalog in us-east-1 is back after 1h"},
      {"privatelink_outage",
       "variants/private-link.json",
       R"("region": "us-east-1")",
       {{"component:privatelink_endpoint@us-east-1", Health::Down}, {"hosts:compute:classic", Health::Degraded}},
       {"component:scc_relay@us-east-1", "hosts:compute:spark"},
       "the back-end PrivateLink endpoint of us-east-1 is down: classic compute cannot reach the control plane",
       "the back-end PrivateLink endpoint of us-east-1 carries traffic again after 1h"},
  };
  return cases;
}

lakesim::sim::Scenario with_fault(const KindCase& c) {
  lakesim::sim::LoadOptions options;
  const std::string members = c.target.empty() ? "" : ", " + c.target;
  options.sets.push_back(R"(faults=[{"name": "under-test", "kind": ")" + c.kind +
                         R"(", "start": "1h", "duration": "1h")" + members + "}]");
  return lakesim::sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/" + c.scenario, options);
}

Health health_in(const lakesim::models::FaultView& view, const std::string& id) {
  const bool backbone = id.rfind("backbone:", 0) == 0;
  const auto& states = backbone ? view.backbones : view.nodes;
  const auto it = states.find(backbone ? id.substr(9) : id);
  return it == states.end() ? Health::Up : it->second;
}

// The line drawing node `id` in an overview picture.
std::string node_line(const std::string& dot, const std::string& id) {
  const std::string opening = "\"" + id + "\" [label=";
  const auto at = dot.find(opening);
  if (at == std::string::npos) return "";
  return dot.substr(at, dot.find('\n', at) - at);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("fault kinds: one descriptor per kind, named as in a scenario and listed in the enum's order") {
  const auto& kinds = lakesim::sim::fault_kinds();
  std::set<std::string> names;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const FaultKindInfo& k = kinds[i];
    CHECK(static_cast<std::size_t>(k.kind) == i);
    CHECK(names.insert(k.name).second);
    CHECK(lakesim::sim::to_string(k.kind) == std::string(k.name));
    REQUIRE(lakesim::sim::find_fault_kind(k.name) != nullptr);
    CHECK(lakesim::sim::find_fault_kind(k.name)->kind == k.kind);
    CHECK(std::string(k.description).size() > 20);
  }
  CHECK(kinds.size() == 16);
  CHECK(lakesim::sim::find_fault_kind("region_outtage") == nullptr);
  CHECK(lakesim::sim::kinds_taking(lakesim::sim::FaultParameter::Factor) == "s3_throttling or link_degradation");
}

TEST_CASE("fault kinds: the faults table in docs/scenario-format.md is generated from the descriptors") {
  const std::string path = std::string(LAKESIM_DOCS_DIR) + "/scenario-format.md";
  std::string doc = read_text(path);
  const std::string begin_marker = "<!-- fault-kinds:begin";
  const std::string end_marker = "<!-- fault-kinds:end -->";
  const auto begin = doc.find(begin_marker);
  REQUIRE(begin != std::string::npos);
  const auto table = doc.find("-->\n", begin) + 4;
  const auto end = doc.find(end_marker, table);
  REQUIRE(end != std::string::npos);
  const std::string generated = lakesim::sim::fault_kinds_markdown();
  if (doc.substr(table, end - table) == generated) return;
  if (std::getenv("LAKESIM_UPDATE_DOCS")) {
    doc.replace(table, end - table, generated);
    std::ofstream(path) << doc;
    WARN("rewrote the faults table of " << path);
    return;
  }
  FAIL("the faults table of " << path
                              << " differs from scenario/fault_kind.cpp; regenerate it with\n"
                                 "  LAKESIM_UPDATE_DOCS=1 build/tests/unit_tests \"fault kinds: the faults table*\"\n"
                                 "It should read:\n"
                              << generated);
}

TEST_CASE("fault kinds: every kind is drawn at topology --at and narrated in its own words") {
  for (const KindCase& c : kind_cases()) {
    DYNAMIC_SECTION(c.kind) {
      const lakesim::sim::Scenario s = with_fault(c);
      REQUIRE(s.faults.size() == 1);
      CHECK(lakesim::sim::to_string(s.faults[0].kind) == c.kind);

      // topology --at: nothing before the fault, its victims while it lasts.
      const lakesim::models::Graph g = lakesim::models::build_architecture_graph(s);
      const lakesim::models::FaultView before = lakesim::models::faults_at(g, s, 1800);
      const lakesim::models::FaultView during = lakesim::models::faults_at(g, s, 5400);
      CHECK(before.nodes.empty());
      CHECK(before.backbones.empty());
      CHECK(during.active.size() == 1);
      const std::string picture_before = lakesim::presentation::to_overview_dot(g, &before);
      const std::string picture_during = lakesim::presentation::to_overview_dot(g, &during);
      for (const Victim& v : c.victims) {
        INFO(v.id);
        CHECK(health_in(during, v.id) == v.health);
        if (v.id.rfind("backbone:", 0) == 0) continue;
        if (v.id.rfind("region:", 0) == 0) {  // a region is drawn as its frame
          const std::string frame = "AWS region " + v.id.substr(7) + "  (DOWN)";
          CHECK(picture_during.find(frame) != std::string::npos);
          CHECK(picture_before.find(frame) == std::string::npos);
          continue;
        }
        const std::string mark = v.health == Health::Down ? "DOWN" : "degraded";
        CHECK(node_line(picture_during, v.id).find(mark) != std::string::npos);
        CHECK(node_line(picture_before, v.id).find(mark) == std::string::npos);
      }
      for (const std::string& id : c.untouched) {
        INFO(id);
        CHECK(lakesim::models::find_node(g, id).has_value());
        CHECK(health_in(during, id) == Health::Up);
      }

      // --narrate: the kind's own words at its start and at its end.
      lakesim::analysis::Narrator narrator(s);
      // An instant's lines are told once a later event (or the end) closes it.
      CHECK(narrator.add({3600, "under-test", "us-east-1", "fault_started", c.kind}).empty());
      const auto started = narrator.add({7200, "under-test", "us-east-1", "fault_ended", c.kind});
      REQUIRE(!started.empty());
      INFO(started.front());
      CHECK(started.front().find(c.start_words) != std::string::npos);
      CHECK(started.front().find("[fault under-test, until 02:00:00]") != std::string::npos);
      CHECK(started.front().find('{') == std::string::npos);
      const auto ended = narrator.finish(7300, nlohmann::json::object());
      REQUIRE(!ended.empty());
      INFO(ended.front());
      CHECK(ended.front().find(c.end_words) != std::string::npos);
      CHECK(ended.front().find('{') == std::string::npos);
    }
  }
}

TEST_CASE("fault kinds: the drawing and narration test has a case for every kind") {
  std::vector<std::string> cases, kinds;
  for (const KindCase& c : kind_cases()) cases.push_back(c.kind);
  for (const FaultKindInfo& k : lakesim::sim::fault_kinds()) kinds.emplace_back(k.name);
  CHECK(cases == kinds);
}
