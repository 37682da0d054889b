#pragma once
// The command-line options of `lakesim lab`, kept out of main.cpp.
#include <CLI/CLI.hpp>

#include "cli/lab_command.hpp"

namespace lakesim::cli {

struct LabCommands {
  LabOptions options;
  CLI::App* lab = nullptr;
  CLI::App* list = nullptr;
  CLI::App* show = nullptr;
  CLI::App* check = nullptr;
};

void add_lab_commands(CLI::App& app, LabCommands& commands);
// Runs the lab subcommand that was chosen; false when none was.
bool dispatch_lab_command(const LabCommands& commands, int& exit_code);

}  // namespace lakesim::cli
