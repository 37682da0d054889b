#include <catch2/catch.hpp>

#include "scenario/units.hpp"

using namespace lakesim::sim;

namespace {
double value(const Parsed<double>& p) {
  if (const auto* e = std::get_if<UnitError>(&p)) FAIL("unexpected error: " << e->message);
  return std::get<double>(p);
}
std::string error(const Parsed<double>& p) {
  REQUIRE(std::holds_alternative<UnitError>(p));
  return std::get<UnitError>(p).message;
}
}  // namespace

TEST_CASE("durations in every unit and compound forms") {
  CHECK(value(parse_duration("250us")) == Approx(250e-6));
  CHECK(value(parse_duration("35ms")) == Approx(0.035));
  CHECK(value(parse_duration("2s")) == 2.0);
  CHECK(value(parse_duration("1.5h")) == 5400.0);
  CHECK(value(parse_duration("4h17m")) == 4 * 3600.0 + 17 * 60.0);
  CHECK(value(parse_duration("1d2h30m15s")) == 86400.0 + 7200 + 1800 + 15);
  CHECK(value(parse_duration("10min")) == 600.0);
  CHECK(value(parse_duration("0s")) == 0.0);
}

TEST_CASE("bad durations say what is wrong") {
  CHECK_THAT(error(parse_duration("")), Catch::Contains("empty"));
  CHECK_THAT(error(parse_duration("12")), Catch::Contains("missing unit"));
  CHECK_THAT(error(parse_duration("-5ms")), Catch::Contains("negative"));
  CHECK_THAT(error(parse_duration("3parsecs")), Catch::Contains("unknown unit \"parsecs\""));
  CHECK_THAT(error(parse_duration("17m4h")), Catch::Contains("largest to smallest"));
  CHECK_THAT(error(parse_duration("h")), Catch::Contains("not a duration"));
  CHECK_THAT(error(parse_duration("1e999s")), Catch::Contains("not a duration"));
}

TEST_CASE("sizes in SI and binary units") {
  CHECK(value(parse_size("512B")) == 512.0);
  CHECK(value(parse_size("64MB")) == 64e6);
  CHECK(value(parse_size("200GiB")) == 200.0 * 1073741824.0);
  CHECK(value(parse_size("1.5TB")) == 1.5e12);
  CHECK_THAT(error(parse_size("-4GiB")), Catch::Contains("negative size"));
  CHECK_THAT(error(parse_size("4 gigs")), Catch::Contains("unknown unit"));
}

TEST_CASE("bandwidths in bits and bytes per second") {
  CHECK(value(parse_bandwidth("25Gbps")) == Approx(25e9 / 8));
  CHECK(value(parse_bandwidth("85MB/s")) == 85e6);
  CHECK(value(parse_bandwidth("1GiBps")) == 1073741824.0);
  CHECK(value(parse_bandwidth("100Mbps")) == Approx(12.5e6));
  CHECK_THAT(error(parse_bandwidth("25")), Catch::Contains("missing unit"));
  CHECK_THAT(error(parse_bandwidth("25Gbit")), Catch::Contains("unknown unit"));
}

TEST_CASE("rates per second, minute, hour and day") {
  CHECK(value(parse_rate("5500/s")) == 5500.0);
  CHECK(value(parse_rate("120/h")) == Approx(120.0 / 3600));
  CHECK(value(parse_rate("3/min")) == Approx(0.05));
  CHECK(value(parse_rate("48/d")) == Approx(48.0 / 86400));
  CHECK_THAT(error(parse_rate("5500")), Catch::Contains("missing unit"));
}

TEST_CASE("core speeds in flops") {
  CHECK(value(parse_speed("1Gf")) == 1e9);
  CHECK(value(parse_speed("2.5Gf")) == 2.5e9);
  CHECK_THAT(error(parse_speed("2.5GHz")), Catch::Contains("unknown unit"));
}

TEST_CASE("durations render back in a form the parser reads") {
  for (double s : {0.00025, 0.035, 2.0, 5400.0, 15420.0, 95415.0}) {
    INFO(format_duration(s));
    CHECK(value(parse_duration(format_duration(s))) == Approx(s));
  }
  CHECK(format_duration(15420) == "4h17m");
}
