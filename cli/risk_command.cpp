// `lakesim risk`: see cli/risk_cli.hpp.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/atomic_file.hpp"
#include "analysis/policy_evaluation.hpp"
#include "analysis/risk_estimate.hpp"
#include "analysis/risk_sampling.hpp"
#include "cli/batch_run.hpp"
#include "cli/batch_runner.hpp"
#include "cli/risk_cli.hpp"
#include "presentation/report/risk_report.hpp"
#include "scenario/risk_reader.hpp"
#include "scenario/units.hpp"

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBase = "base";
constexpr double kDaysPerYear = 365;

struct RiskDesign {
  std::string label;
  sim::Scenario scenario;
};

std::string dir_name(const std::string& label) {
  std::string out;
  for (char c : label) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out;
}

nlohmann::json distribution_json(const sim::Distribution& d) {
  static const char* kinds[] = {"fixed", "exponential", "uniform", "lognormal"};
  return {
      {"dist", kinds[static_cast<int>(d.kind)]}, {"mean", d.mean}, {"min", d.min}, {"max", d.max}, {"sigma", d.sigma}};
}

// What the runs depend on beyond the scenario file: a different plan means different samples.
nlohmann::json plan_json(const RiskOptions& o, const std::vector<RiskDesign>& designs, const sim::RiskSpec& risk,
                         std::uint64_t seed) {
  nlohmann::json labels = nlohmann::json::array(), outages = nlohmann::json::array();
  for (const RiskDesign& d : designs) labels.push_back(d.label);
  for (const sim::RiskOutage& r : risk.outages)
    outages.push_back({{"fault", r.fault},
                       {"per_year", r.per_year},
                       {"duration", distribution_json(r.duration)},
                       {"estimated", r.estimated}});
  return {{"format", "lakesim-risk-plan/1"},
          {"scenario", o.scenario.file},
          {"sets", o.scenario.load.sets},
          {"designs", labels},
          {"seed", seed},
          {"outages", outages},
          {"window", risk.window_given ? nlohmann::json{risk.window_from, risk.window_to} : nlohmann::json()},
          {"settle_seconds", risk.settle}};
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

double number(const nlohmann::json& object, const char* key) {
  return object.contains(key) && object[key].is_number() ? object[key].get<double>() : 0.0;
}

bool load_designs(const RiskOptions& o, std::vector<RiskDesign>& designs) {
  ScenarioOptions base_options = o.scenario;
  base_options.load.variant.clear();
  const auto base = load_or_report(base_options);
  if (!base) return false;
  std::vector<std::string> variants = o.variants;
  if (variants.empty()) {
    variants.push_back(kBase);
    variants.insert(variants.end(), base->variant_names.begin(), base->variant_names.end());
  }
  for (const std::string& v : variants) {
    ScenarioOptions options = base_options;
    options.load.variant = v == kBase ? "" : v;
    auto scenario = load_or_report(options);
    if (!scenario) return false;
    for (const RiskDesign& d : designs) {
      if (d.label == v) {
        std::cerr << "the design " << v << " is listed twice\n";
        return false;
      }
    }
    designs.push_back({v, std::move(*scenario)});
  }
  return true;
}

}  // namespace

int risk_command(const RiskOptions& o) {
  std::vector<RiskDesign> designs;
  if (!load_designs(o, designs)) return kExitBadInput;
  const sim::Scenario& first = designs.front().scenario;
  if (!first.impact) {
    std::cerr << o.scenario.file << ": no `impact` section: the risk of outages needs their cost "
              << "(docs/scenario-format.md, \"impact\")\n";
    return kExitBadInput;
  }
  const sim::RiskSpec risk = sim::risk_model(first);
  if (risk.outages.empty()) {
    std::cerr << o.scenario.file << ": no outage to sample: add a `risk` section, or a region_outage fault "
              << "for the default model (docs/scenario-format.md, \"risk\")\n";
    return kExitBadInput;
  }
  double per_year = 0;
  for (const sim::RiskOutage& r : risk.outages) per_year += r.per_year;

  const std::uint64_t seed = first.seed;
  std::vector<analysis::OutageSample> samples;
  std::vector<std::uint64_t> seeds;
  for (std::size_t i = 0; i < o.samples; ++i) {
    samples.push_back(analysis::sample_outage(risk, first, seed, i));
    seeds.push_back(replication_seed(seed, i));
  }
  const fs::path dir = o.out_dir.empty() ? fs::path("runs") / ("risk-" + first.name) : fs::path(o.out_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << dir.string() << ": cannot create the output directory: " << ec.message() << "\n";
    return kExitFailure;
  }
  const fs::path plan_path = dir / "risk-plan.json";
  const std::string plan_text = plan_json(o, designs, risk, seed).dump(2) + "\n";
  if (fs::exists(plan_path) && read_text(plan_path) != plan_text && !o.force) {
    std::cerr << plan_path.string() << ": a different risk study is already planned in this directory; use another "
              << "--out, or --force to replace it\n";
    return kExitBadInput;
  }
  sim::write_file_atomically(plan_path.string(), plan_text);

  // Per design: one run without outages, then one per sampled outage (the same samples and seeds
  // for every design).
  std::vector<PlannedRun> runs;
  for (const RiskDesign& d : designs) {
    PlannedRun baseline{d.label + "/baseline", analysis::without_outages(d.scenario),
                        dir / dir_name(d.label) / "baseline"};
    baseline.scenario.seed = seeds.front();
    runs.push_back(std::move(baseline));
  }
  for (std::size_t i = 0; i < samples.size(); ++i) {
    for (const RiskDesign& d : designs) {
      PlannedRun run{d.label + "/sample-" + std::to_string(i), analysis::with_outage(d.scenario, risk, samples[i]),
                     dir / dir_name(d.label) / ("sample-" + std::to_string(i))};
      run.scenario.seed = seeds[i];
      runs.push_back(std::move(run));
    }
  }
  std::cout << "risk of " << first.name << ": " << designs.size() << " designs x (" << samples.size()
            << " sampled outages + 1 without) = " << runs.size() << " runs, " << o.jobs << " at a time, in "
            << dir.string() << "\n"
            << std::flush;
  const BatchOutcome outcome = run_batch(runs, o.jobs, o.force, o.quiet);
  if (outcome.interrupted || outcome.failed > 0) return batch_exit_code(outcome, "");

  std::vector<analysis::DesignCosts> costs;
  std::vector<std::size_t> policy_missed;  // per design
  const bool has_policy = first.resilience_policy.has_value();
  nlohmann::json per_sample = nlohmann::json::array();
  std::string csv = "design,sample,fault,start_seconds,duration_seconds,seed,outage_cost_usd,data_loss_cost_usd\n";
  for (std::size_t d = 0; d < designs.size(); ++d) {
    const nlohmann::json& baseline = *outcome.results[d];
    const double seconds = number(baseline, "simulated_seconds");
    analysis::DesignCosts c{designs[d].label,
                            seconds > 0 ? number(baseline.value("cost", nlohmann::json::object()), "total_usd") *
                                              86400.0 / seconds * kDaysPerYear
                                        : 0.0,
                            {}};
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const nlohmann::json& r = *outcome.results[designs.size() * (i + 1) + d];
      const nlohmann::json impact = r.value("impact", nlohmann::json::object());
      const double outage = number(impact, "outage_cost_usd"), lost = number(impact, "data_loss_cost_usd");
      c.outage_costs.push_back(outage + lost);
      csv += designs[d].label + "," + std::to_string(i) + "," + risk.outages[samples[i].outage].fault + "," +
             nlohmann::json(samples[i].start).dump() + "," + nlohmann::json(samples[i].duration).dump() + "," +
             std::to_string(seeds[i]) + "," + nlohmann::json(outage).dump() + "," + nlohmann::json(lost).dump() + "\n";
    }
    costs.push_back(std::move(c));
    // Held against the scenario's resilience policy, where it has one: the sampled outages it missed.
    std::size_t missed = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const nlohmann::json& r = *outcome.results[designs.size() * (i + 1) + d];
      if (r.contains("policy") && !analysis::policy_met(r["policy"])) ++missed;
    }
    policy_missed.push_back(missed);
  }
  const analysis::RiskEstimate estimate = analysis::estimate_risk(costs, per_year, seed);
  nlohmann::json designs_json = nlohmann::json::array();
  for (const analysis::DesignRisk& d : estimate.designs) {
    designs_json.push_back({{"design", d.label},
                            {"infrastructure_usd_per_year", d.infrastructure_per_year},
                            {"outage_usd_per_year", d.outage_cost_per_year},
                            {"expected_usd_per_year", d.expected_per_year},
                            {"ci95_usd_per_year", {d.ci_low, d.ci_high}},
                            {"p95_year_usd", d.p95_year},
                            {"cheapest_years", d.cheapest_years},
                            {"lowest_expected", d.lowest_expected}});
  }
  if (has_policy) {
    for (std::size_t d = 0; d < designs.size(); ++d) {
      const double p = analysis::yearly_policy_miss_probability(per_year, policy_missed[d], samples.size());
      designs_json[d]["policy"] = {{"missed_samples", policy_missed[d]},
                                   {"missed_share", static_cast<double>(policy_missed[d]) / samples.size()},
                                   {"miss_probability_per_year", p}};
    }
  }
  nlohmann::json samples_json = nlohmann::json::array();
  for (std::size_t i = 0; i < samples.size(); ++i)
    samples_json.push_back({{"fault", risk.outages[samples[i].outage].fault},
                            {"start_seconds", samples[i].start},
                            {"duration_seconds", samples[i].duration},
                            {"seed", seeds[i]}});
  const bool estimated =
      std::any_of(risk.outages.begin(), risk.outages.end(), [](const auto& r) { return r.estimated; });
  const nlohmann::json json = {
      {"format", "lakesim-risk/1"},
      {"plan", nlohmann::json::parse(plan_text)},
      {"configured",
       "the risk model (outages a year, durations) and the impact rates; infrastructure, failed requests, "
       "unavailability and lost data are simulated"},
      {"risk_model_estimated", estimated},
      {"outages_per_year", per_year},
      {"simulated_years", estimate.years},
      {"samples", samples_json},
      {"designs", designs_json},
      {"cheapest", estimate.designs[estimate.cheapest].label}};
  sim::write_file_atomically((dir / "risk.json").string(), json.dump(2) + "\n");
  sim::write_file_atomically((dir / "risk.csv").string(), csv);
  const std::string notes = "Risk model: " +
                            std::string(estimated ? "the default region-outage estimates"
                                                  : "the "
                                                    "scenario's own") +
                            "; " + std::to_string(samples.size()) + " sampled outages per design on common seeds.";
  sim::write_file_atomically((dir / "risk.html").string(),
                             presentation::report::risk_html(estimate, "lakesim: outage risk of " + first.name, notes));
  std::cout << presentation::report::risk_table_text(estimate);
  if (has_policy) {
    std::cout << "resilience policy \"" << first.resilience_policy->name << "\" missed in\n";
    for (std::size_t d = 0; d < designs.size(); ++d) {
      char line[256];
      std::snprintf(line, sizeof line, "  %-24s %zu of %zu sampled outages: %.1f%% chance a year\n",
                    designs[d].label.c_str(), policy_missed[d], samples.size(),
                    100 * analysis::yearly_policy_miss_probability(per_year, policy_missed[d], samples.size()));
      std::cout << line;
    }
  }
  if (estimated) std::cout << "the risk model holds default estimates (docs/scenario-format.md, \"risk\")\n";
  std::cout << "risk: " << (dir / "risk.json").string() << ", " << (dir / "risk.csv").string() << ", "
            << (dir / "risk.html").string() << "\n";
  return kExitOk;
}

}  // namespace lakesim::cli
