#pragma once
// The training labs (scenarios/training/NN-name.md beside NN-name.json): each a markdown file with
// the sections Question, Run (```sh commands), What to look at, Answer (a ```check block of
// claims, cli/lab_claim.hpp) and Instructor notes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lakesim::cli {

struct LabLine {
  int line = 0;  // in the markdown file, from 1
  std::string text;
};

struct Lab {
  std::string name;   // "03-replication-lag-and-rpo"
  std::string title;  // the first heading without "# "
  std::filesystem::path markdown_file;
  std::string markdown;
  std::vector<LabLine> commands;  // the ```sh blocks' lines
  std::vector<LabLine> claims;    // the ```check block's lines
  // Where the lab's commands write: "runs/lab-03", replaced by the folder `lab check --out` names.
  std::string runs_prefix() const;
};

// The labs' folder: `option` when given, else scenarios/training under the current folder when it
// exists, else the one in the source tree lakesim was built from.
std::filesystem::path labs_folder(const std::string& option);

// Every lab of the folder, by name; throws naming the file when one cannot be read.
std::vector<Lab> read_labs(const std::filesystem::path& folder);

// The lab a trainer means by "3", "03" or "03-replication-lag-and-rpo".
std::optional<Lab> find_lab(const std::vector<Lab>& labs, const std::string& which);

// The markdown without the parts for the trainer (Answer, its check block, Instructor notes).
std::string student_handout(const Lab& lab);

}  // namespace lakesim::cli
