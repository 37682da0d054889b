#include "cli/lab_command.hpp"

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/lab_book.hpp"
#include "cli/lab_claim.hpp"

namespace lakesim::cli {
namespace fs = std::filesystem;

namespace {

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Reads the labs or says why not.
std::optional<std::vector<Lab>> labs_or_report(const LabOptions& options) {
  try {
    return read_labs(labs_folder(options.labs));
  } catch (const std::exception& e) {
    std::cerr << "lakesim lab: " << e.what() << "\n";
    return std::nullopt;
  }
}

std::optional<Lab> lab_or_report(const LabOptions& options) {
  const auto labs = labs_or_report(options);
  if (!labs) return std::nullopt;
  auto lab = find_lab(*labs, options.which);
  if (!lab) {
    std::cerr << "lakesim lab: no lab \"" << options.which << "\" in " << labs_folder(options.labs).string()
              << " (`lakesim lab list` lists them)\n";
  }
  return lab;
}

// Where the lab's own paths point when its commands run for `lab check`: build/lakesim is this
// program, scenarios/... the labs' scenarios, runs/lab-NN... the folder the trainer chose.
class PathMap {
 public:
  PathMap(const Lab& lab, const fs::path& labs, const fs::path& out)
      : prefix_(lab.runs_prefix()), scenarios_(fs::absolute(labs).parent_path()), out_(fs::absolute(out)) {
    std::error_code ec;
    self_ = fs::read_symlink("/proc/self/exe", ec);
    if (ec) self_ = "lakesim";
  }

  // A word of a command or a claim's file; other words stay as written.
  std::optional<fs::path> mapped(const std::string& word) const {
    if (word == "build/lakesim") return self_;
    if (word.rfind("scenarios/", 0) == 0) return scenarios_ / word.substr(10);
    if (word == prefix_) return out_;
    if (word.rfind(prefix_ + "/", 0) == 0) return out_ / word.substr(prefix_.size() + 1);
    return std::nullopt;
  }

  fs::path file(const std::string& word) const { return mapped(word).value_or(fs::path(word)); }

  std::string command(const std::string& line) const {
    std::istringstream in(line);
    std::string out;
    for (std::string word; in >> word;) {
      const auto path = mapped(word);
      out += (out.empty() ? "" : " ") + (path ? shell_quoted(path->string()) : word);
    }
    return out;
  }

 private:
  std::string prefix_;
  fs::path scenarios_;
  fs::path out_;
  fs::path self_;
};

void print_log_tail(const fs::path& log, std::size_t lines) {
  std::ifstream in(log);
  std::deque<std::string> tail;
  for (std::string line; std::getline(in, line);) {
    tail.push_back(line);
    if (tail.size() > lines) tail.pop_front();
  }
  for (const std::string& line : tail) std::cout << "        | " << line << "\n";
}

}  // namespace

int lab_list_command(const LabOptions& options) {
  const auto labs = labs_or_report(options);
  if (!labs) return kExitBadInput;
  std::cout << "Labs in " << labs_folder(options.labs).string() << " (`lakesim lab show N`, `lakesim lab check N`):\n";
  for (const Lab& lab : *labs) {
    std::cout << "  " << std::left << std::setw(36) << lab.name << " " << lab.title << " (" << lab.commands.size()
              << " commands, " << lab.claims.size() << " claims)\n";
  }
  return kExitOk;
}

int lab_show_command(const LabOptions& options) {
  const auto lab = lab_or_report(options);
  if (!lab) return kExitBadInput;
  std::cout << (options.student ? student_handout(*lab) : lab->markdown);
  return kExitOk;
}

int lab_check_command(const LabOptions& options) {
  const auto lab = lab_or_report(options);
  if (!lab) return kExitBadInput;
  const fs::path out = options.out.empty() ? fs::path(lab->runs_prefix()) : fs::path(options.out);
  const PathMap paths(*lab, labs_folder(options.labs), out);
  const std::string where = lab->markdown_file.string();

  int problems = 0;
  for (const char* section : {"## Question", "## Run", "## What to look at", "## Answer", "## Instructor notes"}) {
    if (lab->markdown.find(std::string("\n") + section + "\n") == std::string::npos) {
      std::cout << "FAIL  " << where << " lacks the section \"" << section << "\"\n";
      ++problems;
    }
  }
  if (lab->commands.empty() || lab->claims.empty()) {
    std::cerr << where << ": a lab needs a ```sh block of commands and a ```check block of claims\n";
    return kExitBadInput;
  }

  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << out.string() << ": cannot create the folder: " << ec.message() << "\n";
    return kExitBadInput;
  }
  const fs::path log = fs::absolute(out) / "lab-commands.log";
  std::ofstream(log, std::ios::trunc).flush();
  std::cout << lab->title << "\nRunning " << lab->commands.size() << " commands; their files go to "
            << fs::absolute(out).lexically_normal().string() << ", their output to " << log.string() << "\n";
  for (const LabLine& command : lab->commands) {
    std::cout << "  $ " << command.text << std::flush;
    const auto start = std::chrono::steady_clock::now();
    const std::string shell = "set -o pipefail; " + paths.command(command.text);
    const int status =
        std::system(("bash -c " + shell_quoted(shell) + " >> " + shell_quoted(log.string()) + " 2>&1").c_str());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const int code = status == -1 ? -1 : (WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    std::cout << "  (" << (code == 0 ? "ok" : "exit " + std::to_string(code)) << ", " << std::fixed
              << std::setprecision(1) << seconds << " s)\n"
              << std::defaultfloat;
    if (code != 0) {
      std::cout << "FAIL  the command at " << where << ":" << command.line << " failed; the end of its output:\n";
      print_log_tail(log, 20);
      return kExitFailure;
    }
  }

  std::cout << "Checking " << lab->claims.size() << " claims:\n";
  ClaimChecker checker([&paths](const std::string& file) { return paths.file(file); });
  int held = 0;
  for (const LabLine& claim : lab->claims) {
    try {
      const ClaimOutcome outcome = checker.check(claim.text);
      std::cout << (outcome.holds ? "  pass  " : "  FAIL  ") << claim.text << "\n        found " << outcome.found
                << "\n";
      if (outcome.holds) ++held;
    } catch (const std::exception& e) {
      std::cout << "  FAIL  " << claim.text << "\n        cannot check it (" << where << ":" << claim.line
                << "): " << e.what() << "\n";
    }
  }
  const auto claims = static_cast<int>(lab->claims.size());
  std::cout << held << " of " << claims << " claims hold" << (problems ? ", and the lab lacks sections" : "") << "\n";
  return held == claims && problems == 0 ? kExitOk : kExitFailure;
}

}  // namespace lakesim::cli
