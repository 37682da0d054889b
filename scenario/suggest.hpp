#pragma once
// "Did you mean" for misspelt keys and names: the closest candidate by edit distance.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lakesim::sim {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo
// (at most a third of the word's length, and at least one edit allowed). None when comparing
// would be costly: many or long candidates of about the word's length.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace lakesim::sim
