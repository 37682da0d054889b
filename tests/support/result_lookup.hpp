#pragma once
// Looking things up in a run's results.json from a test.
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace lakesim::test {

// The entry of `list` whose "name" is `name` (a workload, a workspace, ...); fails the test if none.
inline const nlohmann::json& named(const nlohmann::json& list, const std::string& name) {
  for (const auto& e : list)
    if (e["name"] == name) return e;
  FAIL("nothing named " << name);
  throw;
}

inline const nlohmann::json& workload(const nlohmann::json& results, const std::string& name) {
  return named(results["workloads"], name);
}

// Requests of a workload (or workspace) that failed with `cause`.
inline std::uint64_t failed(const nlohmann::json& w, const char* cause) {
  const auto& c = w["failed_by_cause"];
  return c.contains(cause) ? c[cause].get<std::uint64_t>() : 0;
}

}  // namespace lakesim::test
