// RPO as a distribution read from one run (analysis/rpo_distribution): what a loss of a region at
// an instant t costs depends only on the history before t, so the RPO that one run without the
// fault reports for instant t must be what a run whose region outage begins at t reports at its
// start, for every protected component, exactly. Checked at three instants of warm standby
// (scenarios/dr/us-east-1-loss.json), each against a run of its own with the outage there.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "assembly/scenario_run.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

constexpr double kFrom = 3600;
constexpr double kTo = 7200;
constexpr int kInstants = 60;  // one a minute

// "component/name rpo" lines of `results` for the protected components, either from the
// rpo_distribution at instant `index`, or from the first region outage.
std::string run_in_child(const std::vector<std::string>& sets, int index) {
  return test::in_child([&] {
    sim::LoadOptions options;
    options.variant = "warm_standby";
    options.sets = sets;
    const sim::Scenario s = sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/us-east-1-loss.json", options);
    const nlohmann::json r = assembly::run_scenario(s).results;
    std::ostringstream out;
    out.precision(17);
    if (index >= 0) {
      for (const auto& c : r["data_loss"]["rpo_distribution"]["components"]) {
        const auto rpo = c["rpo_seconds"].get<std::vector<double>>();
        // Components written before the first instant have a figure at every one.
        if (rpo.size() != static_cast<std::size_t>(kInstants)) continue;
        out << c["component"].get<std::string>() << '/' << c["name"].get<std::string>() << ' ' << rpo[index] << '\n';
      }
    } else {
      for (const auto& c : r["data_loss"]["region_outages"][0]["components"]) {
        const std::string practice = c["practice"];
        if (practice == "none" || practice == "regenerate" || practice == "rebuild") continue;
        out << c["component"].get<std::string>() << '/' << c["name"].get<std::string>() << ' '
            << c["rpo_seconds"].get<double>() << '\n';
      }
    }
    return out.str();
  });
}

std::map<std::string, double> parse(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.rfind(' ');
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

}  // namespace

TEST_CASE("RPO distribution: one run's figure at an instant is that of an outage starting there") {
  const std::string sampling = R"(rpo_sampling={"region": "us-east-1", "from": "1h", "to": "2h", "instants": )" +
                               std::to_string(kInstants) + "}";
  for (int index : {10, 23, 47}) {
    const double t = kFrom + index * (kTo - kFrom) / kInstants;
    const auto sampled = parse(run_in_child({"faults=[]", "duration=2h", sampling}, index));
    const auto outage =
        parse(run_in_child({"duration=" + std::to_string(t + 600) + "s",
                            R"(faults=[{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": ")" +
                                std::to_string(t) + R"(s", "duration": "5m"}])"},
                           -1));
    INFO("instant " << t << " s");
    REQUIRE(sampled.size() >= 2);
    std::size_t compared = 0;
    for (const auto& [component, rpo] : sampled) {
      INFO(component);
      REQUIRE(outage.count(component) == 1);
      CHECK(outage.at(component) == Approx(rpo).margin(1e-6));
      ++compared;
    }
    CHECK(compared == sampled.size());
  }
}
