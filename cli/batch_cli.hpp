#pragma once
// The command-line options of the batch commands (compare, sweep, merge, report) and of run's
// replication, trace and report flags, kept out of main.cpp.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace lakesim::cli {

void add_run_batch_flags(CLI::App* run, RunOptions& options);

// --variant NAME, repeatable: the variants are applied in the order given ("a+b" in `variant`).
void add_variant_option(CLI::App* command, std::string& variant);

struct BatchCommands {
  CompareOptions compare;
  SweepOptions sweep;
  std::vector<std::string> merge_dirs;
  std::vector<std::string> report_dirs;
  std::string report_out = "comparison.html";
  std::string report_style = "default";
  CLI::App* compare_cmd = nullptr;
  CLI::App* sweep_cmd = nullptr;
  CLI::App* merge_cmd = nullptr;
  CLI::App* report_cmd = nullptr;
  std::uint64_t seed = 0;
  std::uint64_t sweep_seed = 0;
};

void add_batch_commands(CLI::App& app, BatchCommands& commands);
// Runs the batch command that was chosen; false when none was.
bool dispatch_batch_command(BatchCommands& commands, int& exit_code);

}  // namespace lakesim::cli
