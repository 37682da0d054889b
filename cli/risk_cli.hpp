#pragma once
// `lakesim risk FILE [--variants a,b] --samples N`: which design is cheapest once outages are
// counted. Outages are drawn from the scenario's risk model; every design runs under every
// sampled outage on common random numbers (and once without outages, for its infrastructure
// cost); the expected yearly cost (infrastructure + outage + data loss, priced by the scenario's
// `impact` section) with its confidence interval, the p95 year and how often each design is
// cheapest go to the terminal, DIR/risk.json, DIR/risk.csv and DIR/risk.html. Resumable: runs
// with complete results are kept, and more samples add to those already run.
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace lakesim::cli {

struct RiskOptions {
  ScenarioOptions scenario;
  std::vector<std::string> variants;  // empty: the base and every variant; "base" is the base
  std::size_t samples = 20;
  int jobs = 1;
  std::string out_dir;  // default runs/risk-<scenario name>
  bool force = false;
  bool quiet = false;
  std::uint64_t seed = 0;
  CLI::App* command = nullptr;
};

void add_risk_command(CLI::App& app, RiskOptions& options);
// Runs it when it was chosen; false when it was not.
bool dispatch_risk_command(RiskOptions& options, int& exit_code);

int risk_command(const RiskOptions& options);

}  // namespace lakesim::cli
