#include "cli/lab_book.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lakesim::cli {
namespace fs = std::filesystem;

namespace {

// The lines of every fenced block of that kind (```sh, ```check), with their line numbers;
// empty lines and # comments skipped.
std::vector<LabLine> fenced_lines(const std::string& markdown, const std::string& kind) {
  std::vector<LabLine> lines;
  std::istringstream in(markdown);
  bool inside = false;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.rfind("```", 0) == 0) {
      inside = !inside && line == "```" + kind;
      continue;
    }
    if (inside && !line.empty() && line[0] != '#') lines.push_back({number, line});
  }
  return lines;
}

}  // namespace

std::string Lab::runs_prefix() const { return "runs/lab-" + name.substr(0, name.find('-')); }

fs::path labs_folder(const std::string& option) {
  if (!option.empty()) return option;
  std::error_code ec;
  if (fs::is_directory("scenarios/training", ec)) return fs::path("scenarios") / "training";
  return fs::path(LAKESIM_SOURCE_DIR) / "scenarios" / "training";
}

std::vector<Lab> read_labs(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw std::runtime_error(folder.string() + ": no such folder of labs");
  std::vector<Lab> labs;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".md") continue;
    Lab lab;
    lab.name = entry.path().stem().string();
    lab.markdown_file = entry.path();
    std::ifstream in(entry.path());
    if (!in) throw std::runtime_error(entry.path().string() + ": cannot read");
    std::ostringstream text;
    text << in.rdbuf();
    lab.markdown = text.str();
    const std::string first = lab.markdown.substr(0, lab.markdown.find('\n'));
    lab.title = first.rfind("# ", 0) == 0 ? first.substr(2) : lab.name;
    lab.commands = fenced_lines(lab.markdown, "sh");
    lab.claims = fenced_lines(lab.markdown, "check");
    labs.push_back(std::move(lab));
  }
  std::sort(labs.begin(), labs.end(), [](const Lab& a, const Lab& b) { return a.name < b.name; });
  return labs;
}

std::optional<Lab> find_lab(const std::vector<Lab>& labs, const std::string& which) {
  for (const Lab& lab : labs) {
    const std::string number = lab.name.substr(0, lab.name.find('-'));
    const bool same_number = !which.empty() && which.find_first_not_of("0123456789") == std::string::npos &&
                             number.find_first_not_of("0123456789") == std::string::npos &&
                             std::stoul(which) == std::stoul(number);
    if (lab.name == which || same_number) return lab;
  }
  return std::nullopt;
}

std::string student_handout(const Lab& lab) {
  std::ostringstream out;
  std::istringstream in(lab.markdown);
  bool for_trainer = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) for_trainer = line == "## Answer" || line == "## Instructor notes";
    if (!for_trainer) out << line << "\n";
  }
  return out.str();
}

}  // namespace lakesim::cli
