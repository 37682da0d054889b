// One test per validation rule: each bad file in tests/data/bad must be refused with a
// diagnostic located at the right JSON path (and line, where the file gives one).
#include <catch2/catch.hpp>

#include "scenario/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"

using lakesim::sim::Diagnostic;
using lakesim::sim::load_scenario;
using lakesim::sim::LoadOptions;
using lakesim::sim::ScenarioError;

namespace {

std::string bad(const std::string& name) { return std::string(LAKESIM_TEST_DATA_DIR) + "/bad/" + name; }

std::vector<Diagnostic> diagnostics_of(const std::string& file, const LoadOptions& options = {}) {
  try {
    load_scenario(file, options);
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  FAIL("no error for " << file);
  return {};
}

// The first diagnostic must be at `pointer`, mention `text`, and carry the file name.
Diagnostic expect_error(const std::string& name, const std::string& pointer, const std::string& text) {
  const auto all = diagnostics_of(bad(name));
  REQUIRE(!all.empty());
  const Diagnostic& d = all.front();
  INFO(d.to_string());
  CHECK(d.where.file == bad(name));
  CHECK(d.pointer == pointer);
  CHECK_THAT(d.message, Catch::Contains(text));
  CHECK(d.to_string().rfind(bad(name) + ":", 0) == 0);
  return d;
}

}  // namespace

TEST_CASE("malformed JSON is reported at its line and column") {
  const Diagnostic d = expect_error("malformed-json.json", "", "malformed JSON");
  CHECK(d.where.line == 5);  // the missing comma after "seed": 7 is noticed at the next key
  CHECK(d.where.column == 3);
}

TEST_CASE("an empty file is malformed JSON at line 1") {
  const Diagnostic d = expect_error("empty-file.json", "", "malformed JSON");
  CHECK(d.where.line == 1);
}

TEST_CASE("an unknown key is an error with a did-you-mean suggestion") {
  const Diagnostic d = expect_error("unknown-key.json", "/regoins", "unknown key \"regoins\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"regions\"?"));
  CHECK(d.where.line > 0);
}

TEST_CASE("a value of the wrong type names the expected type") {
  const Diagnostic d = expect_error("wrong-type.json", "/control_plane/0/hosts_per_az", "where a number belongs");
  CHECK_THAT(d.expected, Catch::Contains("whole number"));
}

TEST_CASE("an unknown unit is an error") {
  const Diagnostic d = expect_error("bad-unit.json", "/duration", "unknown unit \"fortnights\"");
  CHECK_THAT(d.expected, Catch::Contains("4h17m"));
}

TEST_CASE("a quantity without a unit is an error") {
  expect_error("missing-unit.json", "/duration", "where a duration with a unit belongs");
}

TEST_CASE("a negative size is an error") {
  expect_error("negative-size.json", "/instance_types/tiny/memory", "negative size");
}

TEST_CASE("a zero capacity is an error") {
  expect_error("zero-capacity.json", "/network/intra_az/bandwidth", "zero bandwidth");
}

TEST_CASE("zero instances is an error") {
  expect_error("zero-instances.json", "/compute/0/instances", "is not positive");
}

TEST_CASE("a reference to an undefined region is an error") {
  const Diagnostic d = expect_error("undefined-region.json", "/compute/0/region", "undefined region \"us-east-2\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"us-east-1\"?"));
}

TEST_CASE("a reference to an undefined instance type is an error") {
  const Diagnostic d =
      expect_error("undefined-instance-type.json", "/compute/0/instance_type", "undefined instance type \"i3.xlarg\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"i3.xlarge\"?"));
}

TEST_CASE("duplicate region names are an error") {
  expect_error("duplicate-region.json", "/regions/1/name", "duplicate region \"us-east-1\"");
}

TEST_CASE("duplicate compute names are an error") {
  expect_error("duplicate-compute-name.json", "/compute/1/name", "duplicate compute name \"spark\"");
}

TEST_CASE("an availability zone used by two regions is an error") {
  expect_error("duplicate-az.json", "/regions/1/azs/0", "already used");
}

TEST_CASE("a duplicate JSON key is an error, not a silent overwrite") {
  const Diagnostic d = expect_error("duplicate-key.json", "/seed", "duplicate key \"seed\"");
  CHECK(d.where.line == 5);
}

TEST_CASE("an absurd scale is refused with the limit and the flag to raise it") {
  const Diagnostic d = expect_error("absurd-scale.json", "", "more than the limit of 100000");
  CHECK_THAT(d.expected, Catch::Contains("--max-hosts"));
  LoadOptions raised;
  raised.limits.max_hosts = 300000;
  CHECK_NOTHROW(load_scenario(bad("absurd-scale.json"), raised));
}

TEST_CASE("a missing required section is an error") {
  expect_error("missing-required.json", "", "missing required key \"regions\"");
}

TEST_CASE("an unsupported format version is an error") {
  expect_error("wrong-format.json", "/format", "unsupported format \"lakesim/2\"");
}

TEST_CASE("an AZ outside the placement's region is an error") {
  expect_error("az-not-in-region.json", "/compute/0/azs/0", "is not in region us-east-1");
}

TEST_CASE("an unknown network model is an error") {
  expect_error("unknown-network-model.json", "/network/model", "unknown network model \"ns3\"");
}

TEST_CASE("two regions without a link or a published figure are an error") {
  expect_error("missing-inter-region-link.json", "/network", "no link between regions us-east-1 and sa-east-1");
}

TEST_CASE("a negative seed is an error") { expect_error("negative-seed.json", "/seed", "is not a seed"); }

TEST_CASE("a variant that is not an object is an error") {
  expect_error("unknown-variant-key.json", "/variants/w", "where a variant belongs");
}

TEST_CASE("nesting too deep is refused before anything recurses") {
  expect_error("deep-nesting.json", "", "nesting deeper than 64");
}

TEST_CASE("a document that is not an object is an error") {
  expect_error("not-an-object.json", "", "where an object belongs");
}

TEST_CASE("a missing scenario file is an error naming it") {
  const auto all = diagnostics_of(bad("no-such-file.json"));
  REQUIRE(all.size() == 1);
  CHECK_THAT(all[0].message, Catch::Contains("cannot open"));
}

TEST_CASE("every problem in a file is reported, not only the first") {
  LoadOptions options;
  options.sets = {"duration=-5s", "seed=\"x\"", "compute.0.instances=0"};
  const auto all = diagnostics_of(std::string(LAKESIM_SCENARIO_DIR) + "/single-region.json", options);
  CHECK(all.size() == 3);
}

TEST_CASE("errors in overridden values point at the override") {
  LoadOptions options;
  options.sets = {"compute.0.region=us-east-9"};
  const auto all = diagnostics_of(std::string(LAKESIM_SCENARIO_DIR) + "/single-region.json", options);
  REQUIRE(all.size() == 1);
  CHECK(all[0].where.file == "--set compute.0.region=us-east-9");
  CHECK(all[0].pointer == "/compute/0/region");
}

TEST_CASE("the shipped scenarios and all their variants are valid") {
  for (const char* name : {"single-region.json", "two-region.json"}) {
    const std::string file = std::string(LAKESIM_SCENARIO_DIR) + "/" + name;
    const auto s = load_scenario(file);
    CHECK(!s.regions.empty());
    for (const std::string& v : s.variant_names) {
      LoadOptions options;
      options.variant = v;
      INFO(file << " variant " << v);
      CHECK_NOTHROW(load_scenario(file, options));
    }
  }
}

TEST_CASE("an unknown fault kind is an error with a suggestion") {
  const Diagnostic d =
      expect_error("unknown-fault-kind.json", "/faults/0/kind", "undefined fault kind \"region_outtage\"");
  CHECK_THAT(d.message, Catch::Contains("did you mean \"region_outage\"?"));
}

TEST_CASE("a fault aimed at an undefined availability zone is an error") {
  expect_error("fault-undefined-az.json", "/faults/0/az", "undefined availability zone \"us-east-1z\"");
}

TEST_CASE("an S3 read outage cannot outlast the S3 outage") {
  expect_error("fault-reads-outlast-outage.json", "/faults/0/reads_duration", "cannot stay down longer");
}

TEST_CASE("a broken variant is reported at its line in the file") {
  LoadOptions options;
  options.variant = "broken";
  const auto all = diagnostics_of(bad("broken-variant.json"), options);
  REQUIRE(all.size() == 1);
  CHECK(all[0].pointer == "/duration");
  CHECK(all[0].where.line == 8);
  CHECK_THAT(all[0].message, Catch::Contains("negative duration"));
  options.variant = "fine";
  CHECK_NOTHROW(load_scenario(bad("broken-variant.json"), options));
}
