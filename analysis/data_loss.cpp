#include "analysis/data_loss.hpp"

#include <set>

namespace lakesim::analysis {

namespace {

nlohmann::json loss_json(const models::S3Replication& r, double t) {
  const models::ReplicationLoss loss = r.loss_at(t);
  return {{"dataset", r.dataset()},
          {"writes_before", loss.written},
          {"written_bytes", loss.written_bytes},
          {"replicated_by_outage", loss.survived},
          {"replicated_bytes", loss.survived_bytes},
          {"lost_writes", loss.lost},
          {"lost_bytes", loss.lost_bytes},
          {"returned_after_recovery", loss.returned},
          {"returned_bytes", loss.returned_bytes},
          {"rpo_seconds", loss.rpo},
          {"accounting_ok", loss.balanced()}};
}

}  // namespace

nlohmann::json data_loss(const models::Deployment& deployment, const std::vector<models::OutageRecord>& outages) {
  const auto& replications = deployment.replications();
  nlohmann::json out;
  const auto& spec = deployment.scenario().replication;
  if (spec && spec->enabled)
    out["replication"] = {{"from", spec->from}, {"to", spec->to}, {"rtc", spec->rtc}, {"datasets", spec->datasets}};
  else
    out["replication"] = nullptr;

  // Over the whole run: every write is either replicated or still queued.
  nlohmann::json totals = nlohmann::json::array();
  bool all_ok = true;
  for (const auto& r : replications) {
    std::uint64_t arrived = 0;
    for (const models::ReplicatedWrite& w : r->log()) arrived += w.arrived >= 0 ? 1 : 0;
    const bool ok = arrived == r->replicated() && r->writes() == r->replicated() + r->pending();
    all_ok = all_ok && ok;
    totals.push_back({{"dataset", r->dataset()},
                      {"writes", r->writes()},
                      {"written_bytes", r->written_bytes()},
                      {"replicated", r->replicated()},
                      {"replicated_bytes", r->replicated_bytes()},
                      {"pending_at_end", r->pending()},
                      {"retries", r->retries()},
                      {"accounting_ok", ok}});
  }
  out["datasets"] = totals;

  nlohmann::json list = nlohmann::json::array();
  for (const models::OutageRecord& o : outages) {
    if (o.kind != "region_outage") continue;
    nlohmann::json entry = {{"name", o.name}, {"region", o.target}, {"start", o.start}, {"end", o.end}};
    nlohmann::json replicated = nlohmann::json::array();
    std::set<std::string> covered;
    for (const auto& r : replications) {
      if (r->source().region() != o.target) continue;
      nlohmann::json loss = loss_json(*r, o.start);
      all_ok = all_ok && loss["accounting_ok"].get<bool>();
      replicated.push_back(loss);
      covered.insert(r->dataset());
    }
    entry["replicated"] = replicated;
    // Unreplicated contents (seeded and written) as the run left them: gone if the region is.
    nlohmann::json at_risk = nlohmann::json::array();
    for (const auto& [id, d] : deployment.region(o.target).datasets) {
      if (covered.count(id) || d->objects() == 0) continue;
      at_risk.push_back({{"dataset", id}, {"objects", d->objects()}, {"bytes", d->stored_bytes()}});
    }
    entry["at_risk"] = at_risk;
    list.push_back(entry);
  }
  out["region_outages"] = list;
  out["accounting_ok"] = all_ok;
  return out;
}

}  // namespace lakesim::analysis
