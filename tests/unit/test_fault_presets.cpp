// Named fault scenarios (scenario/fault_preset.hpp): each preset expands, when the scenario is
// read, into the ordinary faults its source describes, with overridable parameters and located
// errors; the shipped us-east-1 replays are written as presets and expand into exactly the faults
// they were written with; the docs table and `explain --faults` come from the same rows.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "scenario/fault_kind.hpp"
#include "scenario/fault_preset.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/scenario_problems.hpp"

using lakesim::sim::FaultSpec;
using lakesim::sim::load_scenario;
using lakesim::sim::load_scenario_text;
using lakesim::sim::Scenario;
using lakesim::test::mentions;
using lakesim::test::problems;
using Kind = FaultSpec::Kind;

namespace {

// Two three-zone regions; "pinned" runs in us-east-1a only, "spark" spreads over the region.
nlohmann::json base() {
  return nlohmann::json::parse(R"({
    "format": "lakesim/1", "name": "presets", "duration": "48h",
    "regions": [
      {"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b", "us-east-1c"]},
      {"name": "us-west-2", "azs": ["us-west-2a", "us-west-2b", "us-west-2c"]}
    ],
    "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}, {"region": "us-west-2", "hosts_per_az": 1}],
    "compute": [
      {"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 6},
      {"name": "pinned", "kind": "serverless_spark", "region": "us-east-1", "azs": ["us-east-1a"], "instances": 2},
      {"name": "sql", "kind": "sql_warehouse", "region": "us-east-1", "instances": 2}
    ]
  })");
}

Scenario with_faults(const nlohmann::json& faults) {
  nlohmann::json doc = base();
  doc["faults"] = faults;
  return load_scenario_text(doc.dump(2), "presets.json");
}

std::vector<lakesim::sim::Diagnostic> fault_problems(const nlohmann::json& faults) {
  nlohmann::json doc = base();
  doc["faults"] = faults;
  return problems(doc, "presets.json");
}

const FaultSpec& fault(const Scenario& s, const std::string& name) {
  for (const FaultSpec& f : s.faults)
    if (f.name == name) return f;
  FAIL("no fault " << name);
  throw;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("fault presets: az_power_interruption is 30 min without power, then 30 min without launches in the zone") {
  const Scenario s = with_faults(R"([{"preset": "az_power_interruption", "az": "us-east-1a", "start": "1h"}])"_json);
  REQUIRE(s.faults.size() == 2);
  const FaultSpec& outage = fault(s, "az-power-interruption");
  CHECK(outage.kind == Kind::AzOutage);
  CHECK(outage.target == "us-east-1a");
  CHECK(outage.start == 3600);
  CHECK(outage.end == 3600 + 1800);
  // Only the placement confined to the zone loses its launches, for the outage and the recovery.
  const FaultSpec& launches = fault(s, "az-power-interruption-launches");
  CHECK(launches.kind == Kind::CapacityShortage);
  CHECK(launches.target == "pinned");
  CHECK(launches.end == 3600 + 3600);

  // Parameters override the defaults; no recovery window, no recovery symptoms.
  const Scenario short_one = with_faults(
      R"([{"preset": "az_power_interruption", "az": "us-east-1a", "start": "1h", "duration": "10m", "recovery": "0s",
           "name": "power"}])"_json);
  REQUIRE(short_one.faults.size() == 1);
  CHECK(fault(short_one, "power").end == 3600 + 600);
}

TEST_CASE("fault presets: cross_region_connectivity cuts the backbone for 3 h, at most 12 h") {
  const Scenario s = with_faults(R"([{"preset": "cross_region_connectivity", "start": "2h"}])"_json);
  REQUIRE(s.faults.size() == 1);
  const FaultSpec& cut = s.faults.front();
  CHECK(cut.kind == Kind::LinkCut);
  CHECK(cut.target == "us-east-1");
  CHECK(cut.other_region == "us-west-2");
  CHECK(cut.end - cut.start == 3 * 3600);

  const auto too_long =
      fault_problems(R"([{"preset": "cross_region_connectivity", "start": "2h", "duration": "13h"}])"_json);
  REQUIRE(too_long.size() == 1);
  CHECK(too_long.front().pointer == "/faults/0/duration");
  CHECK(too_long.front().where.line > 0);
  CHECK(too_long.front().expected == "at most 12h");
}

TEST_CASE("fault presets: bad parameters are reported where they are written") {
  // An unknown preset, with a suggestion.
  auto ds = fault_problems(R"([{"preset": "az_power_interuption", "az": "us-east-1a", "start": "1h"}])"_json);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().pointer == "/faults/0/preset");
  CHECK(ds.front().message.find("az_power_interruption") != std::string::npos);
  // A key the preset does not take, a missing required one, a bad duration.
  CHECK(mentions(fault_problems(R"([{"preset": "az_power_interruption", "az": "us-east-1a", "start": "1h",
                                     "factor": 0.5}])"_json),
                 "/faults/0/factor", "factor"));
  CHECK(mentions(fault_problems(R"([{"preset": "az_power_interruption", "start": "1h"}])"_json), "/faults/0", "az"));
  CHECK(mentions(fault_problems(R"([{"preset": "az_power_interruption", "az": "us-east-1a", "start": "1h",
                                     "duration": 30}])"_json),
                 "/faults/0/duration", "duration"));
  // A zone the scenario does not have: the fault reader reports it at the preset's key.
  CHECK(mentions(fault_problems(R"([{"preset": "az_power_interruption", "az": "us-east-1z", "start": "1h"}])"_json),
                 "/faults/0/az", "us-east-1z"));
  // A placement that does not exist, by index.
  CHECK(mentions(fault_problems(R"([{"preset": "us_east_1_s3_2017", "compute": ["spark", "nope"]}])"_json),
                 "/faults/0/compute/1", "nope"));
  // A region pair is needed when the scenario has more than two regions.
  nlohmann::json three = base();
  three["regions"].push_back({{"name", "eu-west-1"}, {"azs", {"eu-west-1a"}}});
  three["faults"] = R"([{"preset": "cross_region_connectivity", "start": "1h"}])"_json;
  CHECK(mentions(problems(three, "presets.json"), "/faults/0", "regions"));
}

TEST_CASE("fault presets: the shipped us-east-1 replays expand into the faults they were written with") {
  const std::string dir = std::string(LAKESIM_SCENARIO_DIR) + "/outages/";
  struct Expected {
    std::string name;
    Kind kind;
    std::string target;
    double start, end, reads_end;
  };
  const double h = 3600, m = 60;
  const std::vector<std::pair<std::string, std::vector<Expected>>> cases = {
      {"s3-us-east-1-2017.json",
       {{"s3-index-and-placement", Kind::S3Outage, "us-east-1", 9 * h + 37 * m, 9 * h + 37 * m + 4 * h + 17 * m,
         9 * h + 37 * m + 3 * h + 41 * m},
        {"ec2-launches", Kind::CapacityShortage, "spark", 9 * h + 37 * m, 9 * h + 37 * m + 4 * h + 17 * m,
         9 * h + 37 * m + 4 * h + 17 * m}}},
      {"control-planes-us-east-1-2021.json",
       {{"control-plane", Kind::ControlPlaneOutage, "us-east-1", 7 * h + 30 * m, 7 * h + 30 * m + 6 * h + 52 * m,
         7 * h + 30 * m + 6 * h + 52 * m},
        {"ec2-launches", Kind::CapacityShortage, "spark", 7 * h + 30 * m, 7 * h + 30 * m + 6 * h + 52 * m,
         7 * h + 30 * m + 6 * h + 52 * m}}},
      {"dns-us-east-1-2025.json",
       {{"dns", Kind::ControlPlaneOutage, "us-east-1", 23 * h + 48 * m, 23 * h + 48 * m + 2 * h + 37 * m,
         23 * h + 48 * m + 2 * h + 37 * m},
        {"ec2-launches-tail", Kind::CapacityShortage, "spark", 23 * h + 48 * m, 23 * h + 48 * m + 10 * h + 48 * m,
         23 * h + 48 * m + 10 * h + 48 * m}}},
  };
  for (const auto& [file, expected] : cases) {
    INFO(file);
    const Scenario s = load_scenario(dir + file);
    REQUIRE(s.faults.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const FaultSpec& f = s.faults[i];
      CHECK(f.name == expected[i].name);
      CHECK(f.kind == expected[i].kind);
      CHECK(f.target == expected[i].target);
      CHECK(f.start == Approx(expected[i].start));
      CHECK(f.end == Approx(expected[i].end));
      CHECK(f.reads_end == Approx(expected[i].reads_end));
    }
  }
}

TEST_CASE("fault presets: every preset has a source and is listed with it") {
  const std::string listing = lakesim::sim::fault_listing_text();
  CHECK(lakesim::sim::fault_presets().size() == 5);
  for (const auto& p : lakesim::sim::fault_presets()) {
    INFO(p.name);
    CHECK(std::string(p.source).size() > 20);
    CHECK(listing.find(std::string("\n  ") + p.name + "\n") != std::string::npos);
    CHECK(listing.find(p.source) != std::string::npos);
  }
  for (const auto& k : lakesim::sim::fault_kinds())
    CHECK(listing.find(std::string("  ") + k.name) != std::string::npos);
}

TEST_CASE("fault presets: the presets table in docs/scenario-format.md is generated from the rows") {
  const std::string path = std::string(LAKESIM_DOCS_DIR) + "/scenario-format.md";
  std::string doc = read_text(path);
  const std::string begin_marker = "<!-- fault-presets:begin";
  const std::string end_marker = "<!-- fault-presets:end -->";
  const auto begin = doc.find(begin_marker);
  REQUIRE(begin != std::string::npos);
  const auto table = doc.find("-->\n", begin) + 4;
  const auto end = doc.find(end_marker, table);
  REQUIRE(end != std::string::npos);
  const std::string generated = lakesim::sim::fault_presets_markdown();
  if (doc.substr(table, end - table) == generated) return;
  if (std::getenv("LAKESIM_UPDATE_DOCS")) {
    doc.replace(table, end - table, generated);
    std::ofstream(path) << doc;
    WARN("rewrote the presets table of " << path);
    return;
  }
  FAIL("the presets table of "
       << path
       << " differs from scenario/fault_preset.cpp; regenerate it with\n"
          "  LAKESIM_UPDATE_DOCS=1 build/tests/unit_tests \"fault presets: the presets table*\"\n"
          "It should read:\n"
       << generated);
}
