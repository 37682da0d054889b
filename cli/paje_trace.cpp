#include "cli/paje_trace.hpp"

#include <filesystem>
#include <stdexcept>

#include <unistd.h>

namespace lakesim::cli {

namespace {
std::string temporary_name(const std::string& dir) {
  return (std::filesystem::path(dir) / ("trace.paje.tmp." + std::to_string(::getpid()))).string();
}
}  // namespace

std::vector<std::string> paje_trace_flags(const std::string& dir) {
  return {"--cfg=tracing:yes", "--cfg=tracing/filename:" + temporary_name(dir), "--cfg=tracing/platform:yes",
          "--cfg=tracing/uncategorized:yes"};
}

std::string finish_paje_trace(const std::string& dir) {
  const std::filesystem::path final_path = std::filesystem::path(dir) / "trace.paje";
  std::error_code ec;
  std::filesystem::rename(temporary_name(dir), final_path, ec);
  if (ec) throw std::runtime_error("cannot write " + final_path.string() + ": " + ec.message());
  return final_path.string();
}

}  // namespace lakesim::cli
