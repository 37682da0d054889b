#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/catalog.hpp"

using lakesim::models::Archetype;
using lakesim::models::Component;
using lakesim::models::Plane;
using lakesim::models::catalog;
using lakesim::models::find_component;
using lakesim::models::parse_plane_key;
using lakesim::models::plane_key;
using lakesim::models::to_string;

namespace {

struct SeedRow {
  std::string name, purpose, where_it_runs, plane, dr_practice;
};

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// Splits "| a | b | c |" into {"a", "b", "c"}.
std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::string body = trim(line);
  if (!body.empty() && body.front() == '|') body.erase(0, 1);
  if (!body.empty() && body.back() == '|') body.pop_back();
  std::size_t start = 0;
  while (true) {
    const auto bar = body.find('|', start);
    cells.push_back(trim(body.substr(start, bar - start)));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return cells;
}

// Rows of every table introduced by a "| Component |" header. A table ends at
// the first line that is not a table line, so the ASCII flow diagram further
// down the seed (which also uses '|') is never mistaken for data.
std::vector<SeedRow> read_seed_rows(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<SeedRow> rows;
  bool in_table = false;
  std::string line;
  while (std::getline(in, line)) {
    const std::string t = trim(line);
    if (t.rfind("| Component |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (t.empty() || t.front() != '|') {
      in_table = false;
      continue;
    }
    if (t.rfind("|---", 0) == 0) continue;
    const auto cells = split_row(t);
    REQUIRE(cells.size() == 5);
    rows.push_back({cells[0], cells[1], cells[2], cells[3], cells[4]});
  }
  return rows;
}

bool is_snake_case(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("catalog matches the seed matrix word for word", "[catalog]") {
  const auto rows = read_seed_rows(std::string(LAKESIM_TEST_DATA_DIR) + "/seed-matrix.txt");

  REQUIRE(rows.size() == 38);
  int control = 0, data = 0;
  for (const auto& r : rows) {
    if (r.plane == "Control Plane") ++control;
    if (r.plane == "Data Plane") ++data;
  }
  CHECK(control == 22);
  CHECK(data == 16);

  const auto& cat = catalog();
  REQUIRE(cat.size() == 38);

  // Same order as the seed, and every field identical.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const SeedRow& r = rows[i];
    const Component& c = cat[i];
    INFO("seed row " << i << ": " << r.name);
    CHECK(std::string(c.name) == r.name);
    CHECK(std::string(c.purpose) == r.purpose);
    CHECK(std::string(c.where_it_runs) == r.where_it_runs);
    CHECK(std::string(to_string(c.plane)) == r.plane);
    CHECK(std::string(c.dr_practice) == r.dr_practice);
  }
}

TEST_CASE("component ids are unique snake_case and resolvable", "[catalog]") {
  std::set<std::string_view> seen;
  for (const Component& c : catalog()) {
    INFO("id '" << std::string(c.id) << "'");
    CHECK(is_snake_case(c.id));
    CHECK(seen.insert(c.id).second);
    const Component* found = find_component(c.id);
    REQUIRE(found != nullptr);
    CHECK(found == &c);
  }
  CHECK(seen.size() == catalog().size());

  CHECK(find_component("no_such_component") == nullptr);
  CHECK(find_component("") == nullptr);
  CHECK(find_component("Workspace UI") == nullptr);  // names are not ids
}

TEST_CASE("archetype assignment follows the design", "[catalog]") {
  std::map<std::string_view, int> counts;
  for (const Component& c : catalog()) ++counts[to_string(c.archetype)];

  CHECK(counts["service"] == 9);
  CHECK(counts["metadata_store"] == 12);
  CHECK(counts["log_sink"] == 2);
  CHECK(counts["compute_pool"] == 2);
  CHECK(counts["dataset"] == 12);
  CHECK(counts["scratch"] == 1);

  // Compute, datasets and scratch live only in the customer's account. Log
  // sinks exist on both sides: audit logs in the control plane, job execution
  // logs in the data plane.
  for (const Component& c : catalog()) {
    INFO(std::string(c.name) << " is " << std::string(to_string(c.archetype)));
    const bool data_kind = c.archetype == Archetype::ComputePool || c.archetype == Archetype::Dataset ||
                           c.archetype == Archetype::Scratch;
    if (c.plane == Plane::Data) {
      CHECK((data_kind || c.archetype == Archetype::LogSink));
    } else {
      CHECK_FALSE(data_kind);
    }
  }

  const Component* audit = find_component("audit_logs");
  const Component* job_logs = find_component("job_execution_logs");
  REQUIRE(audit != nullptr);
  REQUIRE(job_logs != nullptr);
  CHECK(audit->archetype == Archetype::LogSink);
  CHECK(audit->plane == Plane::Control);
  CHECK(job_logs->archetype == Archetype::LogSink);
  CHECK(job_logs->plane == Plane::Data);
}

TEST_CASE("plane keys round-trip", "[catalog]") {
  for (Plane p : {Plane::Control, Plane::Data}) {
    const auto parsed = parse_plane_key(plane_key(p));
    REQUIRE(parsed.has_value());
    CHECK(*parsed == p);
  }
  CHECK(plane_key(Plane::Control) == "control");
  CHECK(plane_key(Plane::Data) == "data");
  CHECK_FALSE(parse_plane_key("Control Plane").has_value());
  CHECK_FALSE(parse_plane_key("").has_value());
}
