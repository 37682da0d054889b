#pragma once
// Quantities with units, as they are written in scenario files ("250us", "4h17m", "25Gbps",
// "85MB/s", "200GiB", "5500/s"). Every parser returns SI base values (seconds, bytes,
// bytes per second, events per second, flops) or an error message that names the accepted forms.
#include <string>
#include <string_view>
#include <variant>

namespace lakesim::sim {

struct UnitError {
  std::string message;   // what is wrong
  std::string expected;  // what would have been accepted
};

template <class T>
using Parsed = std::variant<T, UnitError>;

Parsed<double> parse_duration(std::string_view text);   // seconds; "250us", "35ms", "1.5h", "4h17m"
Parsed<double> parse_size(std::string_view text);       // bytes; "200GiB", "5MB", "512B"
Parsed<double> parse_bandwidth(std::string_view text);  // bytes/s; "25Gbps", "85MB/s", "1GiBps"
Parsed<double> parse_rate(std::string_view text);       // events/s; "5500/s", "120/h", "3/min"
Parsed<double> parse_speed(std::string_view text);      // flops per core; "1Gf", "2.5Gf"

// Renders seconds back in the compact form the parser accepts ("1h30m", "250ms").
std::string format_duration(double seconds);
// Rounded to whole seconds and compact, for people reading a timeline: "4h17m", "12m30s", "45s".
std::string format_whole_duration(double seconds);
// Simulated seconds as a clock: "04:00:00" (hours go past 24 on runs longer than a day).
std::string format_clock(double seconds);

}  // namespace lakesim::sim
