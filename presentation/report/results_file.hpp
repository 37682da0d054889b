#pragma once
// Reading a results.json back: for reports, summaries, and to decide whether a sweep point or a
// replication already has its results (resume).
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

// Throws std::runtime_error naming the file when it is missing, not JSON, or not lakesim results.
nlohmann::json read_results_file(const std::string& path);

// The results at `path` when they are a complete run of `seed` (a run stopped by --max-wall is
// not complete); nullopt otherwise, never throwing.
std::optional<nlohmann::json> finished_results(const std::string& path, std::uint64_t seed);

}  // namespace lakesim::presentation::report
