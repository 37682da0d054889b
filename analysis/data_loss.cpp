#include "analysis/data_loss.hpp"

#include <string>
#include <vector>

#include "models/dr/table_recovery.hpp"

namespace lakesim::analysis {

namespace {

using models::Practice;

// Practices that keep a copy outside the region; the others lose what they hold.
bool protective(Practice p) {
  return p == Practice::S3Replication || p == Practice::DeepClone || p == Practice::MetadataExport ||
         p == Practice::GitSync || p == Practice::Siem;
}

// A Delta table at instant t, as the secondary could recover it (models/dr/table_recovery).
models::TableRecovery table_recovery(const models::ProtectedData& e, double t) {
  const models::TableCopies copies = e.practice == Practice::DeepClone
                                         ? models::TableCopies::deep_cloned(*e.table, *e.ledger)
                                         : models::TableCopies::replicated(*e.table, e.log_ledger, e.data_ledger);
  return copies.at(t);
}

// What a reader of the secondary's copy of the table finds at the outage's start.
nlohmann::json recovery_json(const models::TableRecovery& r) {
  return {{"last_recoverable_version", r.last_recoverable_version},
          {"versions_lost", r.versions.lost},
          {"torn_log_without_data", r.log_without_data},
          {"torn_data_without_log", r.data_without_log},
          {"rpo_seconds", r.versions.rpo},
          {"lost_bytes", r.versions.lost_bytes},
          {"checkpoints", r.checkpoints},
          {"usable_checkpoints", r.usable_checkpoints},
          {"last_usable_checkpoint", r.last_usable_checkpoint}};
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
      const models::TableRecovery table = e.table ? table_recovery(e, o.start) : models::TableRecovery{};
      const models::ReplicationLoss loss = e.table ? table.versions : e.ledger->loss_at(o.start);
      all_ok = all_ok && loss.balanced();
      if (loss.written == 0) continue;
      if (protective(e.practice))
        worst_rpo = std::max(worst_rpo, loss.rpo);
      else
        unprotected_lost += loss.lost;
      components.push_back(loss_json(e, loss));
      if (e.table) components.back()["table"] = recovery_json(table);
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
