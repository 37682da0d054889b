#pragma once
// One run of a batch (replications, comparisons, sweeps), inside a child process of the pool:
// the scenario into its own directory, timeline.csv then results.json (both written atomically,
// results last), nothing on the terminal.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/process_pool.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::cli {

int run_to_directory(const sim::Scenario& scenario, const std::filesystem::path& dir,
                     const std::vector<std::string>& engine_flags, ChildProgress& progress);

// The seed of replication `i`: drawn from the named stream "replications/<i>" of the scenario's
// seed, so that every design and every sweep point gets the same seeds (common random numbers).
std::uint64_t replication_seed(std::uint64_t scenario_seed, std::size_t replication);

}  // namespace lakesim::cli
