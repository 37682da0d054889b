#include "presentation/report/results_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "analysis/run_results.hpp"

namespace lakesim::presentation::report {

nlohmann::json read_results_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read (no results here?)");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json results = nlohmann::json::parse(text.str(), nullptr, false);
  if (results.is_discarded()) throw std::runtime_error(path + ": not valid JSON");
  if (!results.is_object() || results.value("format", std::string()) != analysis::kResultsFormat) {
    throw std::runtime_error(path + ": not a lakesim results file (expected \"format\": \"" +
                             std::string(analysis::kResultsFormat) + "\")");
  }
  return results;
}

std::optional<nlohmann::json> finished_results(const std::string& path, std::uint64_t seed) {
  try {
    nlohmann::json results = read_results_file(path);
    if (!results.value("complete", false)) return std::nullopt;
    if (!results.contains("seed") || !results["seed"].is_number_unsigned() ||
        results["seed"].get<std::uint64_t>() != seed) {
      return std::nullopt;
    }
    if (!results.contains("fingerprint")) return std::nullopt;
    return results;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace lakesim::presentation::report
