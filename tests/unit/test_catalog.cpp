#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scenario/catalog.hpp"

using lakesim::models::account_components;
using lakesim::models::Archetype;
using lakesim::models::ByKey;
using lakesim::models::catalog;
using lakesim::models::Component;
using lakesim::models::component;
using lakesim::models::ComponentId;
using lakesim::models::Dependency;
using lakesim::models::find_component;
using lakesim::models::key;
using lakesim::models::keys_of;
using lakesim::models::Outside;
using lakesim::models::parse_plane_key;
using lakesim::models::Plane;
using lakesim::models::plane_key;
using lakesim::models::Practice;
using lakesim::models::Scope;
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
    const bool data_kind =
        c.archetype == Archetype::ComputePool || c.archetype == Archetype::Dataset || c.archetype == Archetype::Scratch;
    if (c.plane == Plane::Data) {
      CHECK((data_kind || c.archetype == Archetype::LogSink));
    } else {
      CHECK_FALSE(data_kind);
    }
  }

  const Component& audit = component(ComponentId::AuditLogs);
  const Component& job_logs = component(ComponentId::JobExecutionLogs);
  CHECK(audit.archetype == Archetype::LogSink);
  CHECK(audit.plane == Plane::Control);
  CHECK(job_logs.archetype == Archetype::LogSink);
  CHECK(job_logs.plane == Plane::Data);
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

namespace {
// Every row, seed and account, in ComponentId order.
std::vector<const Component*> all_rows() {
  std::vector<const Component*> rows;
  for (const Component& c : catalog()) rows.push_back(&c);
  for (const Component& c : account_components()) rows.push_back(&c);
  return rows;
}
}  // namespace

TEST_CASE("every typed id names the row that carries it, and its text is the row's id", "[catalog]") {
  const auto rows = all_rows();
  REQUIRE(rows.size() == catalog().size() + account_components().size());
  std::set<std::string_view> texts;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Component& c = *rows[i];
    INFO("row " << i << ": " << std::string(c.id));
    CHECK(static_cast<std::size_t>(c.which) == i);
    CHECK(&component(c.which) == &c);
    CHECK(key(c.which) == c.id);
    CHECK(is_snake_case(c.id));
    CHECK(texts.insert(c.id).second);
  }
  // Looking up a scenario's text finds only the seed's rows.
  for (const Component& c : account_components()) CHECK(find_component(c.id) == nullptr);
}

TEST_CASE("maps keyed by typed id list components as their text ids sort", "[catalog]") {
  std::vector<ComponentId> ids;
  for (const Component* c : all_rows()) ids.push_back(c->which);
  std::sort(ids.begin(), ids.end(), ByKey{});
  for (std::size_t i = 1; i < ids.size(); ++i) CHECK(key(ids[i - 1]) < key(ids[i]));
}

TEST_CASE("dependencies point to known components, once each, never to themselves", "[catalog]") {
  std::set<Outside> reached;
  for (const Component& c : catalog()) {
    INFO(std::string(c.id));
    std::set<std::string> callees;
    for (const Dependency& d : c.calls) {
      CHECK_FALSE(d.what.empty());
      if (const auto* outside = std::get_if<Outside>(&d.callee)) {
        reached.insert(*outside);
        CHECK(callees.insert("outside:" + std::string(lakesim::models::key(*outside))).second);
        continue;
      }
      const ComponentId callee = std::get<ComponentId>(d.callee);
      CHECK(callee != c.which);
      // The seed's rows call only seed rows: the graph draws the seed's architecture.
      CHECK(find_component(key(callee)) != nullptr);
      CHECK(callees.insert(std::string(key(callee))).second);
    }
    for (const auto& entry : c.entered_from) {
      reached.insert(entry.caller);
      CHECK_FALSE(entry.what.empty());
    }
  }
  CHECK(reached.size() == 5);  // every system outside is on some request path
  // A job run reaches its data through the compute that runs it.
  const auto& spark = component(ComponentId::ServerlessSparkCompute).calls;
  CHECK(std::any_of(spark.begin(), spark.end(), [](const Dependency& d) {
    return d.callee == std::variant<ComponentId, Outside>(ComponentId::DeltaTableData);
  }));
}

TEST_CASE("service figures belong to the services and metadata stores, and to them all", "[catalog]") {
  for (const Component* c : all_rows()) {
    INFO(std::string(c->id));
    const bool serves = c->archetype == Archetype::Service || c->archetype == Archetype::MetadataStore;
    REQUIRE(c->service.has_value() == serves);
    if (!serves) continue;
    CHECK(c->service->service_time > 0);
    CHECK(c->service->concurrency > 0);
  }
}

TEST_CASE("scenario choices list the catalogue's rows of an archetype in catalogue order", "[catalog]") {
  const std::vector<std::string> datasets = keys_of({Archetype::Dataset});
  CHECK(datasets.size() ==
        static_cast<std::size_t>(std::count_if(catalog().begin(), catalog().end(),
                                               [](const Component& c) { return c.archetype == Archetype::Dataset; })));
  std::size_t last = 0;
  for (const std::string& id : datasets) {
    const Component* c = find_component(id);
    REQUIRE(c != nullptr);
    CHECK(c->archetype == Archetype::Dataset);
    CHECK(static_cast<std::size_t>(c->which) >= last);
    last = static_cast<std::size_t>(c->which);
  }
}

TEST_CASE("workspace scope and protection follow the plane and the archetype", "[catalog]") {
  for (const Component* c : all_rows()) {
    INFO(std::string(c->id));
    // Only control-plane rows are shared by an account or owned by a workspace.
    if (c->plane == Plane::Data) CHECK(c->scope == Scope::Region);
    switch (c->archetype) {
      case Archetype::Service:
      case Archetype::ComputePool: CHECK(c->protection == Practice::None); break;  // hold no data
      case Archetype::MetadataStore: CHECK(c->protection != Practice::None); break;
      case Archetype::LogSink: CHECK(c->protection == Practice::Siem); break;
      case Archetype::Scratch: CHECK(c->protection == Practice::Recompute); break;
      case Archetype::Dataset:
        CHECK((c->protection == Practice::S3Replication || c->protection == Practice::Rebuild));
        break;
    }
  }
  CHECK(component(ComponentId::UsersAndGroups).scope == Scope::Account);
  CHECK(component(ComponentId::UnityCatalog).scope == Scope::Region);
  CHECK(component(ComponentId::UsersAndGroups).protection == Practice::IdentityProvider);
}
