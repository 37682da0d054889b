#pragma once
// `lakesim lab list | show N | check N [--out DIR]`: the training labs for a trainer.
#include <string>

namespace lakesim::cli {

struct LabOptions {
  std::string labs;      // the labs' folder (lab_book.hpp's labs_folder)
  std::string which;     // "3", "03" or the lab's name
  std::string out;       // where check runs the lab's commands; default the lab's runs/lab-NN
  bool student = false;  // show: leave out the answer, its claims and the instructor notes
};

int lab_list_command(const LabOptions& options);
int lab_show_command(const LabOptions& options);
// Runs the lab's commands with their outputs in `out` and checks every claim: exit 0 when all hold.
int lab_check_command(const LabOptions& options);

}  // namespace lakesim::cli
