#pragma once
// Writes a file so that readers see either the old complete content or the new complete
// content, never a prefix: write a temporary file beside it, flush it to disk, rename it.
#include <string>

namespace lakesim::sim {

// Throws std::runtime_error naming the path when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace lakesim::sim
