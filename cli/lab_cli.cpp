#include "cli/lab_cli.hpp"

namespace lakesim::cli {

void add_lab_commands(CLI::App& app, LabCommands& c) {
  c.lab = app.add_subcommand("lab", "The training labs: list them, show one, or run one and check its answer");
  c.lab->require_subcommand(1);
  c.lab->add_option("--labs", c.options.labs,
                    "Folder of the labs (default scenarios/training here, else the source tree's)");
  c.list = c.lab->add_subcommand("list", "List the labs");
  c.show = c.lab->add_subcommand("show", "Print a lab (question, commands, what to look at, answer, notes)");
  c.show->add_option("N", c.options.which, "The lab: its number (3) or its name")->required();
  c.show->add_flag("--student", c.options.student, "Leave out the answer, its claims and the instructor notes");
  c.check = c.lab->add_subcommand("check", "Run a lab's commands and check each claim of its answer");
  c.check->add_option("N", c.options.which, "The lab: its number (3) or its name")->required();
  c.check->add_option("--out", c.options.out, "Folder for the lab's files (default runs/lab-NN)");
}

bool dispatch_lab_command(const LabCommands& c, int& exit_code) {
  if (!c.lab || !*c.lab) return false;
  if (*c.list) exit_code = lab_list_command(c.options);
  if (*c.show) exit_code = lab_show_command(c.options);
  if (*c.check) exit_code = lab_check_command(c.options);
  return true;
}

}  // namespace lakesim::cli
