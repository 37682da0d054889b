#include <catch2/catch.hpp>

#include "scenario/overrides.hpp"

using namespace lakesim::sim;

namespace {
JsonDocument doc() {
  return parse_json_document(
      "{\"duration\": \"1h\", \"workloads\": [{\"rate\": \"10/h\"}],\n"
      " \"instance_types\": {\"i3.xlarge\": {\"cores\": 4}},\n"
      " \"variants\": {\"long\": {\"duration\": \"24h\", \"workloads.0.rate\": \"300/h\"}, \"bad\": "
      "{\"workloads.5.rate\": 1}}}",
      "f.json");
}
}  // namespace

TEST_CASE("dotted paths, list indexes and JSON pointers") {
  CHECK(split_override_path("dr.strategy") == std::vector<std::string>{"dr", "strategy"});
  CHECK(split_override_path("/instance_types/i3.xlarge/cores") ==
        std::vector<std::string>{"instance_types", "i3.xlarge", "cores"});
  CHECK(split_override_path("/a~1b/c~0d") == std::vector<std::string>{"a/b", "c~d"});
}

TEST_CASE("a set override parses JSON values and falls back to strings") {
  JsonDocument d = doc();
  apply_set(d, "duration=24h");
  apply_set(d, "workloads.0.rate=300/h");
  apply_set(d, "/instance_types/i3.xlarge/cores=8");
  apply_set(d, "dr.strategy=pilot_light");
  CHECK(d.root["duration"] == "24h");
  CHECK(d.root["workloads"][0]["rate"] == "300/h");
  CHECK(d.root["instance_types"]["i3.xlarge"]["cores"] == 8);
  CHECK(d.root["dr"]["strategy"] == "pilot_light");
  CHECK(d.source.locate("/duration").file == "--set duration=24h");
}

TEST_CASE("a set override refuses paths it cannot follow") {
  JsonDocument d = doc();
  CHECK_THROWS_WITH(apply_set(d, "workloads.3.rate=1"), Catch::Contains("not an index"));
  CHECK_THROWS_WITH(apply_set(d, "duration.x=1"), Catch::Contains("cannot set \"x\" inside a string"));
  CHECK_THROWS_WITH(apply_set(d, "novalue"), Catch::Contains("path=value"));
  CHECK_THROWS_WITH(apply_set(d, "a..b=1"), Catch::Contains("empty component"));
}

TEST_CASE("a variant applies its overrides, located in the file") {
  JsonDocument d = doc();
  apply_variant(d, "long");
  CHECK(d.root["duration"] == "24h");
  CHECK(d.root["workloads"][0]["rate"] == "300/h");
  CHECK(d.source.locate("/duration").line == 3);
}

TEST_CASE("an unknown variant suggests the closest name") {
  JsonDocument d = doc();
  CHECK_THROWS_WITH(apply_variant(d, "lnog"), Catch::Contains("did you mean \"long\"?"));
  CHECK_THROWS_WITH(apply_variant(d, "bad"), Catch::Contains("not an index"));
}
