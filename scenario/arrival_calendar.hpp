#pragma once
// The weekly pattern of an arrival (`day_factors`): seven factors, one per day of the week, that
// multiply a poisson or diurnal arrival's rate. Simulated day 0 (the first 24 hours of a run) is a
// Monday, so factors 5 and 6 are the weekend.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/workload_spec.hpp"

namespace lakesim::sim {

inline constexpr std::size_t kDaysPerWeek = 7;
inline constexpr double kSecondsPerDay = 86400.0;

// The factor of the day simulated time `t` falls on; 1 without a weekly pattern.
double day_factor(const ArrivalSpec& arrival, double t);
// The largest of the factors; 1 without a weekly pattern.
double peak_day_factor(const ArrivalSpec& arrival);
// The factor averaged over [0, duration): the expected arrivals of a poisson arrival over a run
// of `duration` are rate x duration x this (a diurnal one's too, over whole days).
double mean_day_factor(const ArrivalSpec& arrival, double duration);

// Reads the optional "day_factors" of the arrival object `arrival` found at `pointer`: exactly
// seven numbers, none negative, not all zero. Empty when absent or invalid (reported to `in`).
std::vector<double> read_day_factors(const nlohmann::json& arrival, const std::string& pointer, FieldReader& in);

}  // namespace lakesim::sim
