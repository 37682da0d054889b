#include "scenario/suggest.hpp"

#include <algorithm>
#include <cctype>

namespace lakesim::sim {
namespace {
constexpr std::size_t kMaxSuggestCost = 1 << 15;  // real files need a few thousand
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Case-insensitive optimal-string-alignment distance: insertions, deletions, substitutions
  // and transpositions of neighbours ("lnog" -> "long") each cost one edit.
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(n, m);
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  // A length difference alone costs that many edits: such candidates are never compared.
  auto near = [&](const std::string& c) {
    return (c.size() > word.size() ? c.size() - word.size() : word.size() - c.size()) < best_distance;
  };
  // A comparison costs the product of the lengths: in a file with many long names, each
  // unknown reference would cost millions of steps (or gigabytes), so past a budget, no guess.
  std::size_t cost = 0;
  for (const std::string& c : candidates)
    if (near(c)) cost += word.size() * c.size();
  if (cost > kMaxSuggestCost) return std::nullopt;
  for (const std::string& c : candidates) {
    if (!near(c)) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace lakesim::sim
