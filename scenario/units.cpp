#include "scenario/units.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace lakesim::sim {
namespace {

struct Unit {
  std::string_view symbol;
  double factor;
};

// Splits "12.5GiB" into 12.5 and "GiB". Rejects signs: every quantity in a scenario is a
// magnitude, so "-5ms" is reported as negative rather than parsed.
struct NumberAndSuffix {
  double value = 0;
  std::string_view suffix;
  bool ok = false;
  bool negative = false;
};

NumberAndSuffix split_number(std::string_view text) {
  NumberAndSuffix out;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    out.negative = text[i] == '-';
    ++i;
  }
  const std::size_t start = i;
  bool digits = false;
  bool dot = false;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
    ++i;
  }
  // Exponent form "1e9" is accepted only when followed by a digit, so "1e" stays a suffix.
  if (digits && i + 1 < text.size() && (text[i] == 'e' || text[i] == 'E') &&
      (std::isdigit(static_cast<unsigned char>(text[i + 1])) ||
       ((text[i + 1] == '-' || text[i + 1] == '+') && i + 2 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[i + 2]))))) {
    i += 2;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  }
  if (!digits) return out;
  const std::string number(text.substr(start, i - start));
  char* end = nullptr;
  out.value = std::strtod(number.c_str(), &end);
  out.ok = end != nullptr && *end == '\0' && std::isfinite(out.value);
  out.suffix = text.substr(i);
  while (!out.suffix.empty() && out.suffix.front() == ' ') out.suffix.remove_prefix(1);
  return out;
}

// A finite number times its unit can still overflow ("1e308GB").
Parsed<double> scaled(double value, std::string_view text, std::string_view kind, const std::string& expected) {
  if (!std::isfinite(value))
    return UnitError{std::string(kind) + " \"" + std::string(text) + "\" is too large", expected};
  return value;
}

template <std::size_t N>
Parsed<double> parse_with(std::string_view text, const std::array<Unit, N>& units, std::string_view kind,
                          std::string_view examples) {
  const std::string expected = std::string(kind) + " with a unit, e.g. " + std::string(examples);
  if (text.empty()) return UnitError{"empty " + std::string(kind), expected};
  const NumberAndSuffix n = split_number(text);
  if (!n.ok) return UnitError{"\"" + std::string(text) + "\" is not a number with a unit", expected};
  if (n.negative) return UnitError{"negative " + std::string(kind) + " \"" + std::string(text) + "\"", expected};
  for (const Unit& u : units) {
    if (n.suffix == u.symbol) return scaled(n.value * u.factor, text, kind, expected);
  }
  if (n.suffix.empty()) return UnitError{"missing unit in \"" + std::string(text) + "\"", expected};
  return UnitError{"unknown unit \"" + std::string(n.suffix) + "\" in \"" + std::string(text) + "\"", expected};
}

constexpr std::array<Unit, 11> kDurationUnits{{{"ns", 1e-9},
                                               {"us", 1e-6},
                                               {"µs", 1e-6},
                                               {"ms", 1e-3},
                                               {"s", 1.0},
                                               {"m", 60.0},
                                               {"min", 60.0},
                                               {"h", 3600.0},
                                               {"d", 86400.0},
                                               {"sec", 1.0},
                                               {"w", 604800.0}}};

constexpr std::array<Unit, 13> kSizeUnits{{{"B", 1.0},
                                           {"kB", 1e3},
                                           {"KB", 1e3},
                                           {"MB", 1e6},
                                           {"GB", 1e9},
                                           {"TB", 1e12},
                                           {"PB", 1e15},
                                           {"KiB", 1024.0},
                                           {"MiB", 1048576.0},
                                           {"GiB", 1073741824.0},
                                           {"TiB", 1099511627776.0},
                                           {"PiB", 1125899906842624.0},
                                           {"kiB", 1024.0}}};

constexpr std::array<Unit, 5> kRateUnits{
    {{"/s", 1.0}, {"/min", 1.0 / 60}, {"/m", 1.0 / 60}, {"/h", 1.0 / 3600}, {"/d", 1.0 / 86400}}};

constexpr std::array<Unit, 5> kSpeedUnits{{{"f", 1.0}, {"kf", 1e3}, {"Mf", 1e6}, {"Gf", 1e9}, {"Tf", 1e12}}};

}  // namespace

Parsed<double> parse_duration(std::string_view text) {
  // Compound durations such as "4h17m" or "1d2h30m15s": a sum of number+unit terms,
  // largest unit first, each unit at most once.
  const std::string expected = "duration with a unit, e.g. \"250us\", \"35ms\", \"1.5h\", \"4h17m\"";
  if (text.empty()) return UnitError{"empty duration", expected};
  double total = 0;
  double last_factor = 1e300;
  std::string_view rest = text;
  bool first = true;
  while (!rest.empty()) {
    NumberAndSuffix n = split_number(rest);
    if (!n.ok) return UnitError{"\"" + std::string(text) + "\" is not a duration", expected};
    if (n.negative) {
      if (first) return UnitError{"negative duration \"" + std::string(text) + "\"", expected};
      return UnitError{"\"" + std::string(text) + "\" is not a duration", expected};
    }
    // The unit is the run of letters after the number.
    std::size_t len = 0;
    while (len < n.suffix.size() && !std::isdigit(static_cast<unsigned char>(n.suffix[len])) && n.suffix[len] != '.' &&
           n.suffix[len] != '-' && n.suffix[len] != '+')
      ++len;
    const std::string_view symbol = n.suffix.substr(0, len);
    if (symbol.empty()) return UnitError{"missing unit in \"" + std::string(text) + "\"", expected};
    double factor = -1;
    for (const Unit& u : kDurationUnits) {
      if (symbol == u.symbol) factor = u.factor;
    }
    if (factor < 0) {
      return UnitError{"unknown unit \"" + std::string(symbol) + "\" in \"" + std::string(text) + "\"", expected};
    }
    if (factor >= last_factor) {
      return UnitError{"units in \"" + std::string(text) + "\" must go from largest to smallest", expected};
    }
    last_factor = factor;
    total += n.value * factor;
    rest = n.suffix.substr(len);
    first = false;
  }
  if (!std::isfinite(total)) return UnitError{"duration \"" + std::string(text) + "\" is too large", expected};
  return total;
}

Parsed<double> parse_size(std::string_view text) {
  return parse_with(text, kSizeUnits, "size", "\"512B\", \"64MB\", \"200GiB\"");
}

Parsed<double> parse_bandwidth(std::string_view text) {
  // Bits per second ("bps") are network convention; bytes per second ("B/s", "Bps") storage convention.
  const std::string expected =
      "bandwidth with a unit, e.g. \"25Gbps\" (bits per second) or \"85MB/s\", \"1GiBps\" (bytes per second)";
  if (text.empty()) return UnitError{"empty bandwidth", expected};
  const NumberAndSuffix n = split_number(text);
  if (!n.ok) return UnitError{"\"" + std::string(text) + "\" is not a number with a unit", expected};
  if (n.negative) return UnitError{"negative bandwidth \"" + std::string(text) + "\"", expected};
  std::string_view s = n.suffix;
  constexpr std::array<Unit, 5> bit_prefixes{{{"", 1.0}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}}};
  auto ends_with = [](std::string_view str, std::string_view end) {
    return str.size() >= end.size() && str.substr(str.size() - end.size()) == end;
  };
  if (ends_with(s, "bps")) {
    const std::string_view prefix = s.substr(0, s.size() - 3);
    for (const Unit& p : bit_prefixes) {
      if (prefix == p.symbol) return scaled(n.value * p.factor / 8.0, text, "bandwidth", expected);
    }
  } else {
    std::string_view size_part;
    if (ends_with(s, "/s"))
      size_part = s.substr(0, s.size() - 2);
    else if (ends_with(s, "ps"))
      size_part = s.substr(0, s.size() - 2);
    if (!size_part.empty()) {
      for (const Unit& u : kSizeUnits) {
        if (size_part == u.symbol) return scaled(n.value * u.factor, text, "bandwidth", expected);
      }
    }
  }
  if (s.empty()) return UnitError{"missing unit in \"" + std::string(text) + "\"", expected};
  return UnitError{"unknown unit \"" + std::string(s) + "\" in \"" + std::string(text) + "\"", expected};
}

Parsed<double> parse_rate(std::string_view text) {
  return parse_with(text, kRateUnits, "rate", "\"5500/s\", \"120/h\", \"3/min\"");
}

Parsed<double> parse_speed(std::string_view text) {
  return parse_with(text, kSpeedUnits, "speed", "\"1Gf\" (flops per second per core)");
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds)) return "inf";
  if (seconds < 0) return "-" + format_duration(-seconds);
  char buf[64];
  if (seconds < 1e-3) {
    std::snprintf(buf, sizeof buf, "%gus", seconds * 1e6);
    return buf;
  }
  if (seconds < 1) {
    std::snprintf(buf, sizeof buf, "%gms", seconds * 1e3);
    return buf;
  }
  const double whole = std::floor(seconds);
  // Beyond 9e18 s the whole seconds do not fit the long long below; such a duration stays "%g".
  if (whole != seconds || seconds < 60 || seconds >= 9e18) {
    std::snprintf(buf, sizeof buf, "%gs", seconds);
    return buf;
  }
  auto s = static_cast<long long>(whole);
  std::string out;
  const std::pair<long long, const char*> parts[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  for (const auto& [unit, symbol] : parts) {
    if (s >= unit) {
      out += std::to_string(s / unit) + symbol;
      s %= unit;
    }
  }
  return out;
}

std::string format_whole_duration(double seconds) {
  auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  std::string out;
  for (const auto& [unit, symbol] : {std::pair<long long, const char*>{3600, "h"}, {60, "m"}}) {
    if (s >= unit) out += std::to_string(s / unit) + symbol;
    s %= unit;
  }
  if (s > 0 || out.empty()) out += std::to_string(s) + "s";
  return out;
}

std::string format_clock(double seconds) {
  const auto s = static_cast<long long>(std::floor(std::max(0.0, seconds)));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", s / 3600, s % 3600 / 60, s % 60);
  return buffer;
}

}  // namespace lakesim::sim
