#include "analysis/risk_sampling.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/workload/distribution_sampler.hpp"
#include "sim/random_stream.hpp"

namespace lakesim::analysis {

namespace {

const sim::FaultSpec& template_fault(const sim::Scenario& scenario, const std::string& name) {
  for (const sim::FaultSpec& f : scenario.faults)
    if (f.name == name) return f;
  throw std::invalid_argument("the risk model names the fault \"" + name + "\", which the scenario does not have");
}

}  // namespace

std::pair<double, double> start_window(const sim::RiskSpec& risk, const sim::Scenario& scenario, std::size_t outage) {
  if (risk.window_given) return {risk.window_from, risk.window_to};
  const double start = template_fault(scenario, risk.outages.at(outage).fault).start;
  return {start / 2, start * 1.5};
}

OutageSample sample_outage(const sim::RiskSpec& risk, const sim::Scenario& scenario, std::uint64_t seed,
                           std::size_t index) {
  if (risk.outages.empty()) throw std::invalid_argument("the risk model has no outage to sample");
  sim::RandomStream rng(seed, "risk/" + std::to_string(index));
  double total = 0;
  for (const sim::RiskOutage& o : risk.outages) total += o.per_year;
  OutageSample sample;
  double pick = rng.uniform() * total;
  for (std::size_t i = 0; i < risk.outages.size(); ++i) {
    sample.outage = i;
    if (pick < risk.outages[i].per_year) break;
    pick -= risk.outages[i].per_year;
  }
  const auto [from, to] = start_window(risk, scenario, sample.outage);
  sample.start = to > from ? rng.uniform(from, to) : from;
  sample.duration = models::sample(risk.outages[sample.outage].duration, rng);
  return sample;
}

sim::Scenario with_outage(const sim::Scenario& scenario, const sim::RiskSpec& risk, const OutageSample& sample) {
  sim::FaultSpec fault = template_fault(scenario, risk.outages.at(sample.outage).fault);
  const double length = fault.end - fault.start;
  // An S3 outage's reads come back at the same fraction of the outage as in the template.
  const double reads_fraction = length > 0 ? (fault.reads_end - fault.start) / length : 1.0;
  fault.start = sample.start;
  fault.end = sample.start + sample.duration;
  fault.reads_end = sample.start + std::clamp(reads_fraction, 0.0, 1.0) * sample.duration;
  sim::Scenario out = scenario;
  out.faults = {fault};
  out.duration = std::max(scenario.duration, fault.end + risk.settle);
  return out;
}

sim::Scenario without_outages(const sim::Scenario& scenario) {
  sim::Scenario out = scenario;
  out.faults.clear();
  return out;
}

}  // namespace lakesim::analysis
