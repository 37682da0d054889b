// `lakesim compare FILE [FILE2 ...] [--variants a,b]`: each design (a file's base or one of its
// variants) run on the same seeds, side by side with the differences to the first design and
// their significance (paired t-test), into DIR/comparison.json and DIR/comparison.html.
#include <filesystem>
#include <iostream>

#include "analysis/atomic_file.hpp"
#include "cli/batch_run.hpp"
#include "cli/batch_runner.hpp"
#include "cli/commands.hpp"
#include "presentation/report/comparison.hpp"
#include "presentation/report/headline_metrics.hpp"
#include "presentation/report/policy_ranking.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBase = "base";

struct DesignSpec {
  std::string label;
  std::string dir_name;
  sim::Scenario scenario;
};

std::string safe_dir_name(const std::string& label) {
  std::string out;
  for (char c : label) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    out += plain ? c : '_';
  }
  return out.empty() || out.front() == '.' ? "d" + out : out;
}

// Loads every design; false (diagnostics printed) when one is bad.
bool load_designs(const CompareOptions& options, std::vector<DesignSpec>& designs) {
  for (const std::string& file : options.files) {
    ScenarioOptions base_options{file, options.load};
    base_options.load.variant.clear();
    const auto base = load_or_report(base_options);
    if (!base) return false;
    std::vector<std::string> variants = options.variants;
    if (variants.empty()) {
      variants.push_back(kBase);
      variants.insert(variants.end(), base->variant_names.begin(), base->variant_names.end());
    }
    for (const std::string& v : variants) {
      ScenarioOptions o = base_options;
      o.load.variant = v == kBase ? "" : v;
      auto scenario = load_or_report(o);
      if (!scenario) return false;
      const std::string label = options.files.size() == 1 ? v : base->name + (v == kBase ? "" : ":" + v);
      for (const DesignSpec& d : designs) {
        if (d.label == label) {
          std::cerr << "the design " << label << " is listed twice\n";
          return false;
        }
      }
      designs.push_back({label, safe_dir_name(label), std::move(*scenario)});
    }
  }
  return true;
}

}  // namespace

int compare_command(const CompareOptions& options) {
  std::vector<DesignSpec> designs;
  if (!load_designs(options, designs)) return kExitBadInput;
  if (designs.size() < 2) {
    std::cerr << "compare needs at least two designs (a file with variants, --variants a,b, or several files)\n";
    return kExitBadInput;
  }
  // Common random numbers: replication i of every design runs with the same seed.
  const std::uint64_t root_seed = designs.front().scenario.seed;
  std::vector<std::uint64_t> seeds;
  for (std::size_t i = 0; i < options.replications; ++i) seeds.push_back(replication_seed(root_seed, i));
  const fs::path dir = options.out_dir.empty() ? fs::path("runs") / ("compare-" + designs.front().scenario.name)
                                               : fs::path(options.out_dir);
  std::vector<PlannedRun> runs;
  for (const DesignSpec& d : designs) {
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      PlannedRun run{d.label + "/rep-" + std::to_string(i), d.scenario,
                     dir / d.dir_name / ("rep-" + std::to_string(i))};
      run.scenario.seed = seeds[i];
      runs.push_back(std::move(run));
    }
  }
  std::cout << "comparing " << designs.size() << " designs x " << seeds.size() << " replications (common seeds from "
            << root_seed << "), " << options.jobs << " at a time, in " << dir.string() << "\n"
            << std::flush;
  const BatchOutcome outcome = run_batch(runs, options.jobs, options.force, options.quiet);
  if (outcome.interrupted || outcome.failed > 0) return batch_exit_code(outcome, "");

  presentation::report::Comparison comparison;
  comparison.seeds = seeds;
  std::vector<std::pair<std::string, nlohmann::json>> first_runs;
  for (std::size_t d = 0; d < designs.size(); ++d) {
    presentation::report::Design design{designs[d].label, presentation::report::MetricSamples(seeds.size())};
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      design.samples.set(i, presentation::report::headline_metrics(*outcome.results[d * seeds.size() + i]));
    }
    first_runs.emplace_back(designs[d].label, *outcome.results[d * seeds.size()]);
    comparison.designs.push_back(std::move(design));
  }
  std::string title = "lakesim: comparison of " + designs.front().scenario.name;
  if (options.files.size() > 1) title = "lakesim: comparison of " + std::to_string(options.files.size()) + " scenarios";
  nlohmann::json json = presentation::report::comparison_json(comparison);
  json["files"] = options.files;
  json["sets"] = options.load.sets;
  // With a resilience policy: the designs ranked by compliance, then cost.
  std::vector<std::pair<std::string, std::vector<const nlohmann::json*>>> policy_runs;
  for (std::size_t d = 0; d < designs.size(); ++d) {
    policy_runs.emplace_back(designs[d].label, std::vector<const nlohmann::json*>());
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      const auto& results = outcome.results[d * seeds.size() + i];
      policy_runs.back().second.push_back(results ? &*results : nullptr);
    }
  }
  const nlohmann::json ranking = presentation::report::policy_ranking(policy_runs);
  if (!ranking.is_null()) json["policy_ranking"] = ranking;
  std::string html = presentation::report::comparison_html(comparison, title, first_runs);
  if (const auto body_end = html.rfind("</body>"); !ranking.is_null() && body_end != std::string::npos)
    html.insert(body_end, presentation::report::policy_ranking_html(ranking));
  sim::write_file_atomically((dir / "comparison.json").string(), json.dump(2) + "\n");
  sim::write_file_atomically((dir / "comparison.html").string(), html);
  std::cout << presentation::report::comparison_text(comparison) << presentation::report::policy_ranking_text(ranking)
            << "comparison: " << (dir / "comparison.json").string() << ", " << (dir / "comparison.html").string()
            << "\n";
  return kExitOk;
}

}  // namespace lakesim::cli
