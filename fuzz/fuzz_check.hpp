#pragma once
// What every fuzz target does on a broken promise: say which, then abort so libFuzzer keeps the input.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace lakesim::fuzz {

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n", what.c_str());
  std::abort();
}

inline void expect(bool ok, const std::string& what) {
  if (!ok) finding(what);
}

}  // namespace lakesim::fuzz
