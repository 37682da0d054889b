// The glossary of failure causes: every cause has words, and docs/teaching.md carries the table
// as models/failure.cpp writes it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "models/failure.hpp"

using lakesim::models::FailureCause;
using lakesim::models::kAllFailureCauses;

TEST_CASE("failure causes: every cause has a name and a meaning of its own") {
  std::set<std::string> names, meanings;
  for (const FailureCause cause : kAllFailureCauses) {
    const std::string name = lakesim::models::to_string(cause);
    const std::string meaning = lakesim::models::meaning(cause);
    INFO(name);
    CHECK(name != "unknown");
    CHECK(meaning.size() > 20);
    names.insert(name);
    meanings.insert(meaning);
  }
  CHECK(names.size() == std::size(kAllFailureCauses));
  CHECK(meanings.size() == std::size(kAllFailureCauses));
}

TEST_CASE("failure causes: the glossary in docs/teaching.md is the generated one") {
  const std::string path = std::string(LAKESIM_DOCS_DIR) + "/teaching.md";
  std::ifstream in(path);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string doc = buffer.str();
  const std::string begin_marker = "<!-- failure-glossary:begin";
  const std::string end_marker = "<!-- failure-glossary:end -->";
  auto begin = doc.find(begin_marker);
  REQUIRE(begin != std::string::npos);
  begin = doc.find("-->", begin);
  REQUIRE(begin != std::string::npos);
  begin += 4;  // past "-->\n"
  const auto end = doc.find(end_marker, begin);
  REQUIRE(end != std::string::npos);
  const std::string generated = lakesim::models::failure_glossary_markdown();
  if (doc.substr(begin, end - begin) == generated) return;
  if (std::getenv("LAKESIM_UPDATE_DOCS")) {
    doc.replace(begin, end - begin, generated);
    std::ofstream(path) << doc;
    WARN("rewrote the glossary of " << path);
    return;
  }
  FAIL("the glossary of " << path
                          << " differs from models/failure.cpp; regenerate it with\n"
                             "  LAKESIM_UPDATE_DOCS=1 build/tests/unit_tests \"failure causes: the glossary*\"\n");
}
