#pragma once
// One claim of a lab's ```check block, checked against the files its commands wrote.
//
// A claim is one line: `LEFT OP RIGHT`, or `FILE contains "TEXT"` / `FILE lacks "TEXT"`.
//   An operand is a number, "a string", true / false, or `FILE PATH`, optionally scaled:
//   `100 * FILE PATH`. PATH is either an RFC 6901 JSON Pointer (/data_loss/region_outages/0/rpo)
//   or a jq path, which `jq` reads as it is: .data_loss.region_outages[0].rpo, ."odd-key",
//   and an array element picked by its fields: .workloads[]|select(.name=="etl")|.completed
//   (one select per field; exactly one element must match).
//   OP is one of == != < <= > >=.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lakesim::cli {

struct ClaimOutcome {
  bool holds = false;
  std::string found;  // what the files hold, e.g. "5412.3 > 900"
};

// Reads and caches the JSON files a lab's claims name, relative to the folder its commands ran in.
class ClaimChecker {
 public:
  // `map_path` turns a file named in a claim into the file on disk.
  explicit ClaimChecker(std::function<std::filesystem::path(const std::string&)> map_path);

  // Throws std::runtime_error naming the problem when the claim cannot be read or its files lack
  // what it names; returns whether it holds otherwise.
  ClaimOutcome check(const std::string& claim);

 private:
  const nlohmann::json& json_of(const std::string& file);
  nlohmann::json operand(const std::vector<std::string>& words, std::size_t& i);

  std::function<std::filesystem::path(const std::string&)> map_path_;
  std::map<std::string, nlohmann::json> files_;
};

// The value at PATH (a JSON Pointer or a jq path as above); throws naming the step that failed.
const nlohmann::json& value_at_path(const nlohmann::json& root, const std::string& path);

}  // namespace lakesim::cli
