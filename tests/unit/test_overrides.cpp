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

TEST_CASE("list items are addressed by their name") {
  CHECK(split_override_path("compute[spark-dr].warm_instances") ==
        std::vector<std::string>{"compute", "[spark-dr]", "warm_instances"});
  CHECK(split_override_path("a[x.y][z].b") == std::vector<std::string>{"a", "[x.y]", "[z]", "b"});
  JsonDocument d = parse_json_document(
      "{\"compute\": [{\"name\": \"spark\", \"instances\": 4}, {\"name\": \"spark-dr\", \"instances\": 2}],\n"
      " \"variants\": {\"more\": {\"compute[spark-dr].instances\": 8}}}",
      "f.json");
  apply_set(d, "compute[spark].instances=6");
  CHECK(d.root["compute"][0]["instances"] == 6);
  CHECK(d.root["compute"][1]["instances"] == 2);
  CHECK(d.source.locate("/compute/0/instances").file == "--set compute[spark].instances=6");
  apply_variant(d, "more");
  CHECK(d.root["compute"][1]["instances"] == 8);
  CHECK(d.source.locate("/compute/1/instances").line == 2);
  // Inserting an item before does not change what a name addresses.
  d.root["compute"].insert(d.root["compute"].begin(), nlohmann::json{{"name", "new"}});
  apply_set(d, "compute[spark-dr].instances=9");
  CHECK(d.root["compute"][2]["instances"] == 9);

  CHECK_THROWS_WITH(
      apply_set(d, "compute[sprak].instances=1"),
      Catch::Contains("no item of this list is named \"sprak\"") && Catch::Contains("did you mean \"spark\"?"));
  CHECK_THROWS_WITH(apply_set(d, "compute[spark.instances=1"), Catch::Contains("unterminated"));
  CHECK_THROWS_WITH(apply_set(d, "compute.0[spark]=1"), Catch::Contains("selects a list item by name"));
  d.root["compute"].push_back(nlohmann::json{{"name", "spark"}});
  CHECK_THROWS_WITH(apply_set(d, "compute[spark].instances=1"), Catch::Contains("2 items of this list are named"));
}

TEST_CASE("variants compose with +, applied in order") {
  JsonDocument d = parse_json_document(
      "{\"duration\": \"1h\", \"seed\": 1,\n"
      " \"variants\": {\"a\": {\"duration\": \"2h\", \"seed\": 2}, \"b\": {\"duration\": \"3h\"}, \"x+y\": {\"seed\": "
      "5}}}",
      "f.json");
  JsonDocument ab = d;
  apply_variant(ab, "a+b");
  CHECK(ab.root["duration"] == "3h");
  CHECK(ab.root["seed"] == 2);
  JsonDocument ba = d;
  apply_variant(ba, "b+a");
  CHECK(ba.root["duration"] == "2h");
  JsonDocument named = d;
  apply_variant(named, "x+y");  // a variant of that very name wins
  CHECK(named.root["seed"] == 5);
  CHECK_THROWS_WITH(apply_variant(d, "a+c"), Catch::Contains("no variant named \"c\""));
  CHECK_THROWS_WITH(apply_variant(d, "a++b"), Catch::Contains("empty variant name"));
}
