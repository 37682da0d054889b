#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis/atomic_file.hpp"
#include "cli/commands.hpp"
#include "models/architecture_graph.hpp"
#include "presentation/architecture_picture.hpp"
#include "presentation/report/results_file.hpp"
#include "presentation/slide_picture.hpp"
#include "scenario/units.hpp"

extern char** environ;

namespace lakesim::cli {
namespace fs = std::filesystem;

namespace {

// A file in the temporary directory that is removed when it goes out of scope.
class TemporaryFile {
 public:
  explicit TemporaryFile(const char* suffix) {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/lakesim-topology-XXXXXX" + suffix;
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemps(name.data(), static_cast<int>(std::strlen(suffix)));
    if (fd < 0) throw std::runtime_error("cannot create a temporary file: " + std::string(std::strerror(errno)));
    ::close(fd);
    path_ = name.data();
  }
  ~TemporaryFile() { std::remove(path_.c_str()); }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Renders DOT to SVG with Graphviz's `dot`, run as a child process. Returns false with a message
// on stderr when `dot` is missing or fails.
bool render_svg(const std::string& dot, std::string& svg) {
  TemporaryFile source(".dot");
  TemporaryFile target(".svg");
  {
    std::ofstream out(source.path());
    out << dot;
    if (!out) {
      std::cerr << source.path() << ": cannot write the graph for Graphviz\n";
      return false;
    }
  }
  std::vector<std::string> args = {"dot", "-Tsvg", source.path(), "-o", target.path()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  const int spawned = ::posix_spawnp(&child, "dot", nullptr, nullptr, argv.data(), environ);
  if (spawned != 0) {
    std::cerr << "lakesim topology: cannot run Graphviz `dot` (" << std::strerror(spawned)
              << "); install Graphviz (Debian: apt-get install graphviz) or use --format dot\n";
    return false;
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "lakesim topology: Graphviz `dot` failed (exit status "
              << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ")\n";
    return false;
  }
  std::ifstream in(target.path());
  std::ostringstream text;
  text << in.rdbuf();
  svg = text.str();
  if (svg.find("<svg") == std::string::npos) {
    std::cerr << "lakesim topology: Graphviz `dot` produced no SVG\n";
    return false;
  }
  return true;
}

}  // namespace

int topology_command(const ScenarioOptions& options, const std::string& format, const std::string& out_file,
                     const std::string& at, const std::string& run_dir, const std::string& style) {
  const bool slides = style == "slides";
  if (slides && format == "json") {
    std::cerr << "--style slides: only with --format svg or dot (a picture)\n";
    return kExitBadInput;
  }
  if (!run_dir.empty() && at.empty()) {
    std::cerr << "--run: only with --at (the failover state at that time)\n";
    return kExitBadInput;
  }
  if (!at.empty() && format != "svg" && !slides) {
    std::cerr << "--at: only with --format svg (the picture marks what is down at that time)\n";
    return kExitBadInput;
  }
  double instant = -1;
  if (!at.empty()) {
    const auto parsed = sim::parse_duration(at);
    if (const auto* e = std::get_if<sim::UnitError>(&parsed)) {
      std::cerr << "--at: " << e->message << " (expected " << e->expected << ")\n";
      return kExitBadInput;
    }
    instant = std::get<double>(parsed);
  }
  const auto scenario = load_or_report(options);
  if (!scenario) return kExitBadInput;
  if (instant > scenario->duration) {
    std::cerr << "--at: " << at << " is after the end of the run (" << options.file << " runs for "
              << sim::format_whole_duration(scenario->duration) << ")\n";
    return kExitBadInput;
  }
  const models::Graph graph = models::build_architecture_graph(*scenario);
  std::string text;
  if (format == "json") {
    text = models::to_json(graph).dump(2) + "\n";
  } else if (format == "svg" || slides) {
    std::optional<models::FaultView> faults;
    if (instant >= 0) faults = models::faults_at(graph, *scenario, instant);
    std::optional<presentation::FailoverState> failover;
    if (!run_dir.empty()) {
      nlohmann::json results;
      try {
        results = presentation::report::read_results_file((fs::path(run_dir) / "results.json").string());
      } catch (const std::exception& e) {
        std::cerr << "--run: " << e.what() << "\n";
        return kExitBadInput;
      }
      const double simulated = results.value("simulated_seconds", 0.0);
      if (instant > simulated) {
        std::cerr << "--at: " << at << " is after the end of the run in " << run_dir << " ("
                  << sim::format_whole_duration(simulated) << ")\n";
        return kExitBadInput;
      }
      failover = presentation::failover_state_at(results, instant);
      if (!failover->has_dr)
        std::cerr << "note: the run in " << run_dir << " has no DR strategy: no failover state to draw\n";
    }
    const models::FaultView* fault_view = faults ? &*faults : nullptr;
    const presentation::FailoverState* state = failover ? &*failover : nullptr;
    const std::string dot =
        slides ? presentation::to_slide_dot(graph, "Architecture: " + scenario->name, fault_view, state)
               : presentation::to_overview_dot(graph, fault_view, state);
    if (format == "dot")
      text = dot;
    else if (!render_svg(dot, text))
      return kExitFailure;
    else if (slides)
      text = presentation::fit_slide_svg(text);
  } else {
    text = presentation::to_dot(graph);
  }
  if (out_file.empty() || out_file == "-") {
    std::cout << text;
  } else {
    sim::write_file_atomically(out_file, text);
  }
  return kExitOk;
}

}  // namespace lakesim::cli
