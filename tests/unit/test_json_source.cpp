#include <catch2/catch.hpp>

#include "scenario/json_source.hpp"

using namespace lakesim::sim;

TEST_CASE("every key and value is located at its line and column") {
  const std::string text = "{\n  \"a\": 1,\n  \"list\": [\n    {\"b\": \"x\"},\n    true\n  ]\n}\n";
  const JsonDocument doc = parse_json_document(text, "f.json");
  CHECK(doc.source.locate("/a").line == 2);
  CHECK(doc.source.locate("/a").column == 8);
  CHECK(doc.source.locate("/a", true).column == 3);
  CHECK(doc.source.locate("/list/0/b").line == 4);
  CHECK(doc.source.locate("/list/0/b").column == 11);
  CHECK(doc.source.locate("/list/1").line == 5);
  // An unknown path falls back to its nearest located ancestor.
  CHECK(doc.source.locate("/list/0/zzz").line == 4);
  CHECK(doc.source.locate("/list/0/zzz").file == "f.json");
}

TEST_CASE("columns count characters, not bytes") {
  const JsonDocument doc = parse_json_document("{\"d\": \"é\", \"e\": 2}", "f.json");
  CHECK(doc.source.locate("/e").column == 17);
}

TEST_CASE("keys with '/' and '~' are escaped in pointers") {
  CHECK(pointer_append("/x", "a/b~c") == "/x/a~1b~0c");
  const JsonDocument doc = parse_json_document("{\"a/b\":\n 3}", "f.json");
  CHECK(doc.source.locate("/a~1b").line == 2);
}

TEST_CASE("malformed JSON throws with the position of the fault") {
  try {
    parse_json_document("{\n  \"a\": [1, 2,, 3]\n}", "f.json");
    FAIL("accepted malformed JSON");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].where.line == 2);
    CHECK(e.diagnostics()[0].where.column == 14);  // the second comma
  }
}

TEST_CASE("overridden values are located at their override") {
  JsonDocument doc = parse_json_document("{\"a\": {\"b\": 1}}", "f.json");
  doc.source.override_origin("/a", {"--set a={}", 0, 0});
  CHECK(doc.source.locate("/a/b").file == "--set a={}");
  CHECK(doc.source.locate("/c").file == "f.json");
}
