// The training labs (scenarios/training/*.md) as a trainee does them: every command of the lab's
// ```sh blocks runs as written, from a folder where `build/lakesim` and `scenarios/` are what the
// commands expect, then every claim of its ```check block is checked against what they wrote.
//
// A claim is one line: `LEFT OP RIGHT`, or `FILE contains "TEXT"` / `FILE lacks "TEXT"`.
//   an operand is a number, "a string", true / false, or `FILE POINTER` (a JSON pointer into
//   the file, whose segments may select an array element by fields: /workloads[name=etl]/failed),
//   optionally scaled: `100 * FILE POINTER`;
//   OP is one of == != < <= > >=.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of every fenced block of that kind (```sh, ```check), in order.
std::vector<std::string> fenced_lines(const std::string& markdown, const std::string& kind) {
  std::vector<std::string> lines;
  std::istringstream in(markdown);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {
      inside = !inside && line == "```" + kind;
      continue;
    }
    if (inside && !line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

// Whitespace-separated words; "quoted text" is one word (quotes kept).
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t end = line[i] == '"' ? line.find('"', i + 1) + 1 : line.find_first_of(" \t", i);
    if (end == 0 || end == std::string::npos) end = line.size();
    out.push_back(line.substr(i, end - i));
    i = end;
  }
  return out;
}

bool is_number(const std::string& word, double& value) {
  char* end = nullptr;
  value = std::strtod(word.c_str(), &end);
  return !word.empty() && end == word.c_str() + word.size();
}

// Whether an array element has every field of "name=etl,region=us-east-1".
bool matches(const nlohmann::json& element, const std::string& fields) {
  std::istringstream in(fields);
  for (std::string field; std::getline(in, field, ',');) {
    const auto eq = field.find('=');
    if (eq == std::string::npos) return false;
    const auto it = element.find(field.substr(0, eq));
    if (it == element.end()) return false;
    const std::string want = field.substr(eq + 1);
    const std::string have = it->is_string() ? it->get<std::string>() : it->dump();
    if (have != want) return false;
  }
  return true;
}

// A JSON pointer whose segments may end in [field=value,...] to pick an array element.
const nlohmann::json& follow(const nlohmann::json& root, const std::string& pointer) {
  const nlohmann::json* at = &root;
  std::istringstream in(pointer.substr(1));
  for (std::string segment; std::getline(in, segment, '/');) {
    std::string selector;
    if (const auto open = segment.find('['); open != std::string::npos && segment.back() == ']') {
      selector = segment.substr(open + 1, segment.size() - open - 2);
      segment = segment.substr(0, open);
    }
    if (!segment.empty()) at = &at->at(nlohmann::json::json_pointer("/" + segment));
    if (!selector.empty()) {
      const nlohmann::json* found = nullptr;
      for (const nlohmann::json& element : *at) {
        if (matches(element, selector)) {
          found = &element;
          break;
        }
      }
      if (!found) throw std::runtime_error("no element [" + selector + "] in " + pointer);
      at = found;
    }
  }
  return *at;
}

class LabRun {
 public:
  explicit LabRun(const std::string& lab) : lab_(lab), work_(fs::path(LAKESIM_LABS_WORK_DIR) / lab) {
    fs::remove_all(work_);
    fs::create_directories(work_ / "build");
    // The commands say build/lakesim and scenarios/..., as from the project's folder.
    fs::create_symlink(LAKESIM_BINARY, work_ / "build" / "lakesim");
    fs::create_symlink(LAKESIM_SCENARIO_DIR, work_ / "scenarios");
    markdown_ = read_text(fs::path(LAKESIM_SCENARIO_DIR) / "training" / (lab + ".md"));
  }

  const std::string& markdown() const { return markdown_; }

  void run_commands() {
    const std::vector<std::string> commands = fenced_lines(markdown_, "sh");
    REQUIRE_FALSE(commands.empty());
    // One script, stopping at the first command that fails, run from the lab's folder.
    std::string script = "set -e\ncd '" + work_.string() + "'\n";
    for (const std::string& command : commands) script += command + "\n";
    const fs::path file = work_ / "lab.sh";
    const fs::path log = work_ / "lab.log";
    std::ofstream(file) << script;
    const int status = std::system(("bash '" + file.string() + "' > '" + log.string() + "' 2>&1").c_str());
    INFO("commands:\n" << script << "output:\n" << read_text(log));
    REQUIRE(status == 0);
  }

  void check_claims() {
    const std::vector<std::string> claims = fenced_lines(markdown_, "check");
    REQUIRE(claims.size() >= 2);
    for (const std::string& claim : claims) {
      INFO(lab_ << ": " << claim);
      CHECK(holds(claim));
    }
  }

 private:
  const nlohmann::json& json_of(const std::string& file) {
    auto it = files_.find(file);
    if (it == files_.end()) it = files_.emplace(file, nlohmann::json::parse(read_text(work_ / file))).first;
    return it->second;
  }

  // Reads one operand from words[i...], advancing i.
  nlohmann::json operand(const std::vector<std::string>& w, std::size_t& i) {
    double scale = 1;
    double number = 0;
    if (i + 2 < w.size() && is_number(w[i], number) && w[i + 1] == "*") {
      scale = number;
      i += 2;
    }
    if (i >= w.size()) throw std::runtime_error("missing operand");
    const std::string& word = w[i];
    nlohmann::json value;
    if (is_number(word, number)) {
      value = number;
      ++i;
    } else if (word.front() == '"') {
      value = word.substr(1, word.size() - 2);
      ++i;
    } else if (word == "true" || word == "false") {
      value = word == "true";
      ++i;
    } else {
      if (i + 1 >= w.size()) throw std::runtime_error("a file needs a pointer: " + word);
      value = follow(json_of(word), w[i + 1]);
      i += 2;
    }
    if (scale != 1) value = scale * value.get<double>();
    return value;
  }

  bool holds(const std::string& claim) {
    const std::vector<std::string> w = words(claim);
    if (w.size() == 3 && (w[1] == "contains" || w[1] == "lacks")) {
      const std::string text = read_text(work_ / w[0]);
      const bool found = text.find(w[2].substr(1, w[2].size() - 2)) != std::string::npos;
      return w[1] == "contains" ? found : !found;
    }
    std::size_t i = 0;
    const nlohmann::json left = operand(w, i);
    if (i >= w.size()) throw std::runtime_error("missing operator");
    const std::string op = w[i++];
    const nlohmann::json right = operand(w, i);
    if (i != w.size()) throw std::runtime_error("unexpected words after the claim");
    UNSCOPED_INFO("left " << left.dump() << ", right " << right.dump());
    if (op == "==") return left == right;
    if (op == "!=") return left != right;
    const double a = left.get<double>();
    const double b = right.get<double>();
    if (op == "<") return a < b;
    if (op == "<=") return a <= b;
    if (op == ">") return a > b;
    if (op == ">=") return a >= b;
    throw std::runtime_error("unknown operator " + op);
  }

  std::string lab_;
  fs::path work_;
  std::string markdown_;
  std::map<std::string, nlohmann::json> files_;
};

void run_lab(const std::string& lab) {
  LabRun run(lab);
  for (const char* section : {"## Question", "## Run", "## What to look at", "## Answer"}) {
    INFO(lab << ".md needs a section " << section);
    CHECK(run.markdown().find(section) != std::string::npos);
  }
  run.run_commands();
  run.check_claims();
}

}  // namespace

TEST_CASE("lab 1: the control plane directs, the data plane does the work") { run_lab("01-control-and-data-plane"); }
TEST_CASE("lab 2: a control-plane outage stops new work, not running work") { run_lab("02-control-plane-outage"); }
TEST_CASE("lab 3: S3 replication lag sets the RPO, RTC shortens it") { run_lab("03-replication-lag-and-rpo"); }
TEST_CASE("lab 4: the four DR strategies trade recovery time for price") {
  run_lab("04-dr-strategies-and-their-price");
}
TEST_CASE("lab 5: a stream resumes in another region only with replicated checkpoints") {
  run_lab("05-streaming-checkpoints");
}
TEST_CASE("lab 6: the identity provider is a single point of failure for sign-in") {
  run_lab("06-identity-provider-outage");
}
