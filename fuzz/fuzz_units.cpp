// Quantities with units: every parser returns a finite, non-negative value or a UnitError, for
// any bytes, and never throws. A parsed duration survives format_duration and parsing again.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz/fuzz_check.hpp"
#include "scenario/units.hpp"

namespace {

using lakesim::fuzz::expect;
using lakesim::sim::Parsed;
using lakesim::sim::UnitError;

void check(const char* kind, std::string_view text, const Parsed<double>& parsed) {
  const std::string input(text);
  if (const auto* e = std::get_if<UnitError>(&parsed)) {
    expect(!e->message.empty() && !e->expected.empty(), std::string(kind) + ": empty error for \"" + input + "\"");
    return;
  }
  const double v = std::get<double>(parsed);
  expect(std::isfinite(v) && v >= 0, std::string(kind) + ": \"" + input + "\" parsed to " + std::to_string(v));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A view of the fuzzer's own buffer: no terminating NUL, so a read past the end is caught.
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check("size", text, lakesim::sim::parse_size(text));
    check("bandwidth", text, lakesim::sim::parse_bandwidth(text));
    check("rate", text, lakesim::sim::parse_rate(text));
    check("speed", text, lakesim::sim::parse_speed(text));
    const auto duration = lakesim::sim::parse_duration(text);
    check("duration", text, duration);
    if (const double* seconds = std::get_if<double>(&duration)) {
      const std::string written = lakesim::sim::format_duration(*seconds);
      const auto again = lakesim::sim::parse_duration(written);
      const double* back = std::get_if<double>(&again);
      expect(back != nullptr, "format_duration(" + std::string(text) + ") = \"" + written + "\" does not parse");
      // format_duration keeps six significant digits (%g); tiny values may be subnormal.
      expect(std::fabs(*back - *seconds) <= 1e-5 * std::fmax(*back, *seconds) + 1e-300,
             "\"" + std::string(text) + "\" -> \"" + written + "\" changes the value");
    }
  } catch (...) {
    lakesim::fuzz::finding("a unit parser threw");
  }
  return 0;
}
