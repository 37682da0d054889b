#include "analysis/data_loss.hpp"

#include <string>
#include <vector>

namespace lakesim::analysis {

namespace {

using models::Practice;

// Practices that keep a copy outside the region; the others lose what they hold.
bool protective(Practice p) {
  return p == Practice::S3Replication || p == Practice::DeepClone || p == Practice::MetadataExport ||
         p == Practice::GitSync || p == Practice::Siem;
}

// A Delta table without deep clone, at instant t: a commit survives when its log entry had
// been replicated by t (the data files it adds are replicated first, object by object). The
// commits become a ledger of their own, so the accounting is the ledger's.
models::ReplicationLoss commit_loss(const models::ProtectedData& e, double t) {
  models::ReplicaLedger commits;
  for (const models::CommitRecord& c : e.table->commit_records()) {
    const std::uint64_t id = commits.record(c.time, c.bytes);
    const double arrived = e.log_ledger ? e.log_ledger->entries().at(c.log_write).arrived : -1;
    if (arrived >= 0) commits.arrive(id, arrived);
  }
  return commits.loss_at(t);
}

nlohmann::json loss_json(const models::ProtectedData& e, const models::ReplicationLoss& loss) {
  return {{"component", e.component},
          {"name", e.name},
          {"practice", models::to_string(e.practice)},
          {"unit", e.table ? "commits" : "writes"},
          {"writes_before", loss.written},
          {"written_bytes", loss.written_bytes},
          {"survived", loss.survived},
          {"survived_bytes", loss.survived_bytes},
          {"lost_writes", loss.lost},
          {"lost_bytes", loss.lost_bytes},
          {"returned_after_recovery", loss.returned},
          {"returned_bytes", loss.returned_bytes},
          {"rpo_seconds", loss.rpo},
          {"accounting_ok", loss.balanced()}};
}

}  // namespace

nlohmann::json data_loss(const models::Deployment& deployment, const models::DataProtection& protection,
                         const std::vector<models::OutageRecord>& outages) {
  const auto& replications = deployment.replications();
  nlohmann::json out;
  const auto& spec = deployment.scenario().replication;
  if (spec && spec->enabled) {
    std::vector<std::string> datasets;
    for (const models::ComponentId id : spec->datasets) datasets.emplace_back(models::key(id));
    out["replication"] = {{"from", spec->from}, {"to", spec->to}, {"rtc", spec->rtc}, {"datasets", datasets}};
  } else
    out["replication"] = nullptr;

  // Over the whole run: every replicated write is either replicated or still queued.
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

  // The periodic copies (deep clone, metadata export, Git sync) over the whole run.
  nlohmann::json syncs = nlohmann::json::array();
  for (const auto& s : protection.syncs())
    syncs.push_back({{"name", s->name()},
                     {"every_seconds", s->spec().every},
                     {"syncs", s->syncs()},
                     {"failed", s->failed_syncs()},
                     {"copied_bytes", s->copied_bytes()}});
  out["syncs"] = syncs;

  nlohmann::json list = nlohmann::json::array();
  for (const models::OutageRecord& o : outages) {
    if (o.kind != "region_outage") continue;
    nlohmann::json entry = {{"name", o.name}, {"region", o.target}, {"start", o.start}, {"end", o.end}};
    nlohmann::json components = nlohmann::json::array();
    nlohmann::json not_accounted = nlohmann::json::array();
    double worst_rpo = 0;
    std::uint64_t unprotected_lost = 0;
    for (const models::ProtectedData& e : protection.entries()) {
      if (e.region != o.target) continue;
      if (!e.ledger && !e.table) {  // nothing written here to lose (recomputed, or held elsewhere)
        not_accounted.push_back({{"component", e.component}, {"practice", models::to_string(e.practice)}});
        continue;
      }
      const models::ReplicationLoss loss = e.table ? commit_loss(e, o.start) : e.ledger->loss_at(o.start);
      all_ok = all_ok && loss.balanced();
      if (loss.written == 0) continue;
      if (protective(e.practice))
        worst_rpo = std::max(worst_rpo, loss.rpo);
      else
        unprotected_lost += loss.lost;
      components.push_back(loss_json(e, loss));
    }
    entry["components"] = components;
    entry["nothing_to_account"] = not_accounted;
    entry["worst_protected_rpo_seconds"] = worst_rpo;
    entry["unprotected_lost_writes"] = unprotected_lost;
    // Contents from before the run in unprotected datasets: gone if the region is.
    nlohmann::json at_risk = nlohmann::json::array();
    for (const models::ProtectedData& e : protection.entries()) {
      if (e.region != o.target || e.table || protective(e.practice)) continue;
      const auto& datasets = deployment.region(o.target).datasets;
      const models::Component* c = models::find_component(e.component);
      auto it = c ? datasets.find(c->which) : datasets.end();
      if (it == datasets.end() || it->second->objects() == 0) continue;
      at_risk.push_back(
          {{"dataset", e.component}, {"objects", it->second->objects()}, {"bytes", it->second->stored_bytes()}});
    }
    entry["at_risk"] = at_risk;
    list.push_back(entry);
  }
  out["region_outages"] = list;
  out["accounting_ok"] = all_ok;
  return out;
}

}  // namespace lakesim::analysis
