// lakesim calibrate: fits every replayed SQL warehouse's effective figures (core time scale,
// per-query overhead; analysis/warehouse_fit) to the recorded durations of the FINISHED statements
// in the first half of its query-history trace, writes the scenario with them, and prints how far
// the simulated durations are from the recorded ones before and after, over the whole trace and
// over the held-out second half. Every run is a full simulation in a child process (SimGrid allows
// one engine per process); the figures after come from running the written scenario.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "analysis/atomic_file.hpp"
#include "analysis/replay_error.hpp"
#include "analysis/warehouse_fit.hpp"
#include "assembly/scenario_run.hpp"
#include "cli/commands.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

// Fit and run are repeated until no figure moves by more than this share (or this many times).
constexpr double kSettled = 0.02;
constexpr int kMostRounds = 4;

using Statements = std::vector<std::vector<analysis::ReplayedStatement>>;  // by workload index

// The scenario's replayed statements, from a run in a child process; nothing if the run failed.
std::optional<Statements> replay(const sim::Scenario& scenario) {
  int fds[2];
  if (::pipe(fds) != 0) return std::nullopt;
  std::cout << std::flush;
  std::cerr << std::flush;
  const pid_t child = ::fork();
  if (child < 0) return std::nullopt;
  if (child == 0) {
    ::close(fds[0]);
    int code = kExitFailure;
    try {
      std::string text;
      analysis::RunHooks hooks;
      hooks.on_record = [&text](const models::RunRecord& record) {
        char line[512];
        for (std::uint32_t w = 0; w < record.workloads().size(); ++w)
          for (const analysis::ReplayedStatement& s : analysis::replayed_statements(record, w)) {
            std::snprintf(line, sizeof line, "%u %zu %d %.17g %.17g %s\n", w, s.row, s.held_out ? 1 : 0, s.simulated,
                          s.recorded, s.placement.c_str());
            text += line;
          }
      };
      assembly::run_scenario(scenario, {}, 0, hooks);
      for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
      }
      code = kExitOk;
    } catch (const std::exception& e) {
      std::cerr << "lakesim: " << e.what() << "\n";
    }
    ::close(fds[1]);
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[65536];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != kExitOk) return std::nullopt;
  Statements out(scenario.workloads.size());
  std::istringstream in(text);
  std::uint32_t w = 0;
  analysis::ReplayedStatement s;
  int held_out = 0;
  while (in >> w >> s.row >> held_out >> s.simulated >> s.recorded >> s.placement) {
    s.held_out = held_out != 0;
    if (w < out.size()) out[w].push_back(s);
  }
  return out;
}

struct Figures {
  double scale = 1, overhead = 0;
};
using Placements = std::map<std::string, Figures>;

const sim::ComputeSpec& compute_named(const sim::Scenario& s, const std::string& name) {
  for (const sim::ComputeSpec& c : s.compute)
    if (c.name == name) return c;
  throw std::runtime_error("no compute placement named " + name);
}
sim::ComputeSpec& compute_named(sim::Scenario& s, const std::string& name) {
  return const_cast<sim::ComputeSpec&>(compute_named(static_cast<const sim::Scenario&>(s), name));
}

void apply_figures(sim::Scenario& s, const Placements& placements) {
  for (const auto& [name, f] : placements) {
    sim::ComputeSpec& c = compute_named(s, name);
    c.core_time_scale = f.scale;
    c.query_overhead = f.overhead;
  }
}

bool settled(const Placements& before, const Placements& after) {
  for (const auto& [name, f] : after) {
    const Figures& b = before.at(name);
    if (std::abs(f.scale / b.scale - 1) > kSettled) return false;
    if (std::abs(f.overhead - b.overhead) > kSettled * std::max(0.05, b.overhead)) return false;
  }
  return true;
}

// Fits every placement on the first half of the statements it replayed (all workloads).
Placements fit(const sim::Scenario& s, const Statements& statements, const Placements& current,
               std::map<std::string, std::size_t>* fitted_on) {
  std::map<std::string, std::vector<analysis::FitStatement>> by_placement;
  for (std::size_t w = 0; w < statements.size(); ++w)
    for (const analysis::ReplayedStatement& r : statements[w]) {
      if (r.held_out || !current.count(r.placement)) continue;
      const sim::ComputeSpec& c = compute_named(s, r.placement);
      const double cores = c.cluster_size * static_cast<double>(s.instance_types.at(c.instance_type).cores);
      const double work = s.workloads[w].trace->queries[r.row].core_seconds;
      by_placement[r.placement].push_back({r.recorded, r.simulated, work * current.at(r.placement).scale / cores});
    }
  Placements out = current;
  for (auto& [name, list] : by_placement) {
    const Figures& f = current.at(name);
    const analysis::WarehouseFit fitted = analysis::fit_warehouse(list, f.scale, f.overhead);
    out[name] = {fitted.core_time_scale, fitted.query_overhead};
    if (fitted_on) (*fitted_on)[name] = fitted.statements;
  }
  return out;
}

// Three significant digits for the scale, milliseconds for the overhead: the figures as written.
Figures rounded(const Figures& f) {
  const double digits = std::pow(10.0, 2 - std::floor(std::log10(f.scale)));
  return {std::round(f.scale * digits) / digits, std::round(f.overhead * 1000) / 1000};
}

std::string overhead_text(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3fs", seconds);
  return buf;
}

// The scenario file with the fitted figures on its warehouses and its trace paths still pointing
// at the traces from the new file's folder.
void write_calibrated(const std::string& in_file, const std::string& out_file, const Placements& placements) {
  std::ifstream in(in_file);
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text.str(), nullptr, true, true);
  for (auto& c : doc["compute"]) {
    if (!c.contains("name") || !placements.count(c["name"].get<std::string>())) continue;
    const Figures& f = placements.at(c["name"].get<std::string>());
    c["core_time_scale"] = f.scale;
    c["query_overhead"] = overhead_text(f.overhead);
  }
  const fs::path from = fs::absolute(in_file).parent_path().lexically_normal();
  const fs::path to = fs::absolute(out_file).parent_path().lexically_normal();
  if (from != to && doc.contains("workloads"))
    for (auto& w : doc["workloads"])
      if (w.contains("trace") && w["trace"].contains("file")) {
        const fs::path trace = (from / w["trace"]["file"].get<std::string>()).lexically_normal();
        w["trace"]["file"] = trace.lexically_relative(to).generic_string();
      }
  if (doc.contains("name")) doc["name"] = doc["name"].get<std::string>() + "-calibrated";
  sim::write_file_atomically(out_file, doc.dump(2) + "\n");
}

void print_row(const char* when, const char* what, const nlohmann::json& e) {
  std::printf("  %-7s %-14s %8.2f %8.2f %10.1f%% %11zu\n", when, what, e["p50"].get<double>(), e["p95"].get<double>(),
              100 * e["within_25_percent"].get<double>(), e["compared"].get<std::size_t>());
}

}  // namespace

int calibrate_command(const CalibrateOptions& options) {
  const auto loaded = load_or_report(options.scenario);
  if (!loaded) return kExitBadInput;
  sim::Scenario scenario = *loaded;
  fs::path out = options.out;
  if (out.empty()) {
    const fs::path in(options.scenario.file);
    out = in.parent_path() / (in.stem().string() + "-calibrated.json");
  }
  std::error_code ec;
  if (fs::equivalent(out, options.scenario.file, ec)) {
    std::cerr << out.string() << ": is the scenario itself; write the calibrated scenario to another file\n";
    return kExitBadInput;
  }
  // The warehouses that replay query-history traces, with the figures the scenario gives them.
  Placements current;
  for (const sim::WorkloadSpec& w : scenario.workloads) {
    if (!w.trace || w.trace->queries.empty()) continue;
    for (const sim::TraceQuery& q : w.trace->queries) {
      const std::string& name = q.compute.empty() ? w.compute : q.compute;
      const sim::ComputeSpec& c = compute_named(scenario, name);
      if (c.kind == sim::ComputeKind::SqlWarehouse) current[name] = {c.core_time_scale, c.query_overhead};
    }
  }
  if (current.empty()) {
    std::cerr << options.scenario.file << ": no workload replays a query_history trace on a SQL warehouse\n";
    return kExitBadInput;
  }

  const auto before = replay(scenario);
  if (!before) {
    std::cerr << "lakesim: the run of " << options.scenario.file << " failed\n";
    return kExitFailure;
  }
  Placements figures = current;
  std::map<std::string, std::size_t> fitted_on;
  std::optional<Statements> latest = before;
  for (int round = 1; round <= kMostRounds; ++round) {
    const Placements next = fit(scenario, *latest, figures, &fitted_on);
    const bool done = settled(figures, next);
    figures = next;
    if (!options.quiet) std::cerr << "calibrate: fit round " << round << (done ? " (settled)" : "") << "\n";
    if (done || round == kMostRounds) break;
    apply_figures(scenario, figures);
    latest = replay(scenario);
    if (!latest) {
      std::cerr << "lakesim: a calibration run failed\n";
      return kExitFailure;
    }
  }
  for (auto& [name, f] : figures) f = rounded(f);
  write_calibrated(options.scenario.file, out.string(), figures);

  ScenarioOptions written = options.scenario;
  written.file = out.string();
  const auto calibrated = load_or_report(written);
  if (!calibrated) return kExitFailure;
  const auto after = replay(*calibrated);
  if (!after) {
    std::cerr << "lakesim: the run of " << out.string() << " failed\n";
    return kExitFailure;
  }

  for (std::size_t w = 0; w < scenario.workloads.size(); ++w) {
    const sim::WorkloadSpec& spec = scenario.workloads[w];
    if (!spec.trace || spec.trace->queries.empty()) continue;
    std::printf("workload %s (%s, %zu rows)\n", spec.name.c_str(), spec.trace->file.c_str(),
                spec.trace->queries.size());
    std::set<std::string> used;
    for (const analysis::ReplayedStatement& s : (*before)[w]) used.insert(s.placement);
    for (const std::string& name : used) {
      if (!current.count(name)) continue;
      const Figures& a = current.at(name);
      const Figures& b = figures.at(name);
      std::printf(
          "  warehouse %s: core_time_scale %.3g -> %.3g, query_overhead %.3f s -> %.3f s (fitted on %zu statements)\n",
          name.c_str(), a.scale, b.scale, a.overhead, b.overhead, fitted_on[name]);
    }
    const nlohmann::json e0 = analysis::replay_error_json((*before)[w]);
    const nlohmann::json e1 = analysis::replay_error_json((*after)[w]);
    std::printf("  simulated / recorded        p50      p95  within 25%%  statements\n");
    print_row("before", "whole trace", e0["whole"]);
    print_row("", "held-out half", e0["held_out_half"]);
    print_row("after", "whole trace", e1["whole"]);
    print_row("", "first half", e1["first_half"]);
    print_row("", "held-out half", e1["held_out_half"]);
    for (const auto& [name, e] : e1["by_warehouse"].items()) print_row("", name.c_str(), e);
  }
  std::printf("calibrated scenario: %s\n", out.string().c_str());
  return kExitOk;
}

}  // namespace lakesim::cli
