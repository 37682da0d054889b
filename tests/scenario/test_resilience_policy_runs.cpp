// A design that meets a resilience policy and a cheaper one that misses it
// (scenarios/dr/policy-region-loss.json): warm standby meets a 15-minute RTO for the loss of
// us-east-1; pilot light costs less, misses it, and the results, the terminal summary and the
// report name the missed target and the step that broke it (the 15-minute decision). Also: the
// FIS "Cross-Region: Connectivity" preset runs and pauses S3 replication while it lasts.
#include <catch2/catch.hpp>

#include "analysis/policy_evaluation.hpp"
#include "analysis/run_results.hpp"
#include "assembly/scenario_run.hpp"
#include "presentation/report/policy_section.hpp"
#include "scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

using namespace lakesim;

namespace {

// One run in a child process (one engine per process): its results.json.
nlohmann::json run(const std::string& variant, const std::vector<std::string>& sets = {}) {
  return nlohmann::json::parse(test::in_child([&] {
    sim::LoadOptions options;
    options.variant = variant;
    options.sets = sets;
    const sim::Scenario s =
        sim::load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/dr/policy-region-loss.json", options);
    return assembly::run_scenario(s).results.dump();
  }));
}

const nlohmann::json& region_rto(const nlohmann::json& policy) {
  for (const auto& a : policy["assessments"])
    if (a["scope"] == "account" && a["disruption"] == "region" && a["measure"] == "rto") return a;
  FAIL("no region RTO assessment");
  throw;
}

}  // namespace

TEST_CASE("resilience policy: warm standby meets the policy, the cheaper pilot light misses it at the decision step") {
  const nlohmann::json warm = run("warm_standby");
  const nlohmann::json pilot = run("pilot_light");
  INFO(warm["policy"].dump(2));
  INFO(pilot["policy"].dump(2));
  // The cheaper design...
  CHECK(pilot["cost"]["total_usd"].get<double>() < warm["cost"]["total_usd"].get<double>());
  // ...misses the policy; the dearer one meets it.
  CHECK(analysis::policy_met(warm["policy"]));
  CHECK_FALSE(analysis::policy_met(pilot["policy"]));
  const nlohmann::json& met = region_rto(warm["policy"]);
  CHECK(met["met"] == true);
  CHECK(met["margin_seconds"].get<double>() > 0);
  const nlohmann::json& missed = region_rto(pilot["policy"]);
  CHECK(missed["met"] == false);
  CHECK(missed["margin_seconds"].get<double>() < 0);
  CHECK(missed["measured_seconds"].get<double>() == Approx(pilot["dr"]["failovers"][0]["rto_seconds"].get<double>()));
  // The step under way when the 15 minutes ran out: pilot light's 15-minute decision.
  CHECK(missed["breaking_step"]["step"] == "decision");
  CHECK(missed["breaking_step"]["source"] == "configured");
  // The zone target is listed as not exercised: no zone was lost in this run.
  CHECK(pilot["policy"]["not_exercised"] == nlohmann::json::array({"az"}));
  // The terminal summary and the report say so too.
  const std::string summary = analysis::summary_text(pilot);
  CHECK(summary.find("policy tier-1: MISSED") != std::string::npos);
  CHECK(summary.find("broken during the decision step") != std::string::npos);
  const std::string html = presentation::report::policy_section_html(pilot);
  CHECK(html.find("missed") != std::string::npos);
  CHECK(html.find("broken during decision") != std::string::npos);
  CHECK(analysis::summary_text(warm).find("policy tier-1: met") != std::string::npos);
}

TEST_CASE("fault presets: FIS Cross-Region Connectivity pauses S3 replication while the routes are blocked") {
  const nlohmann::json r = run("warm_standby", {R"(faults=[{"preset": "cross_region_connectivity", "start": "1h"}])"});
  REQUIRE(r["outages"].size() == 1);
  const nlohmann::json& cut = r["outages"][0];
  CHECK(cut["kind"] == "link_cut");
  CHECK(cut["end"].get<double>() - cut["start"].get<double>() == Approx(3 * 3600));
  // Copies written during the cut waited for the link: some took most of the three hours, and
  // every one arrived once it was back.
  double longest = 0;
  for (const auto& d : r["data_loss"]["datasets"]) {
    if (d["replication_seconds"].is_null()) continue;
    longest = std::max(longest, d["replication_seconds"]["max"].get<double>());
    CHECK(d["accounting_ok"] == true);
  }
  CHECK(longest > 2 * 3600);
}
