#include "analysis/data_loss.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/rpo_distribution.hpp"
#include "models/dr/table_recovery.hpp"

namespace lakesim::analysis {

namespace {

using models::Practice;

using models::protective;

// A Delta table at instant t, as the secondary could recover it (models/dr/table_recovery).
models::TableRecovery table_recovery(const models::ProtectedData& e, double t) { return models::recovery_at(e, t); }

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

// How long the copies took, write to arrival, over those that arrived.
nlohmann::json replication_times(const models::S3Replication& r) {
  std::vector<double> took;
  for (const models::ReplicatedWrite& w : r.log())
    if (w.arrived >= 0) took.push_back(w.arrived - w.time);
  if (took.empty()) return nullptr;
  std::sort(took.begin(), took.end());
  auto at = [&took](double q) { return took[static_cast<std::size_t>(q * static_cast<double>(took.size() - 1))]; };
  return {{"p50", at(0.5)}, {"p99", at(0.99)}, {"max", took.back()}};
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

// Every stay of the users in the DR secondary: per primary table, what it held when they moved
// (survived and lost, by the prefix rule) and what they wrote there (returned to the primary or
// divergent when they moved home, or at the run's end), with written = survived + lost +
// returned + divergent.
nlohmann::json secondary_writes(const models::Deployment& deployment, const models::DataProtection& protection,
                                bool* all_ok) {
  const models::SecondaryWrites& writes = protection.secondary_writes();
  nlohmann::json stays = nlohmann::json::array();
  const double end = deployment.scenario().duration;
  for (const models::SecondaryStay& stay : writes.stays()) {
    nlohmann::json tables = nlohmann::json::array();
    for (std::size_t i = 0; i < writes.tables().size(); ++i) {
      const models::SecondaryWrites::Table& t = *writes.tables()[i];
      const models::ProtectedData* entry = nullptr;
      for (const models::ProtectedData& e : protection.entries())
        if (e.table == t.primary) entry = &e;
      const models::TableRecovery held =
          entry ? table_recovery(*entry, stay.from)
                : models::TableCopies::replicated(*t.primary, nullptr, nullptr).at(stay.from);
      const models::SecondaryTableWrites w = writes.at_return(i, stay, end);
      const std::uint64_t written = held.versions.written + w.written;
      // Every commit the replica made during the stay was observed, and every one is accounted.
      const bool ok = w.written == w.replica_commits && w.written == w.returned + w.divergent &&
                      written == held.versions.survived + held.versions.lost + w.returned + w.divergent;
      *all_ok = *all_ok && ok;
      tables.push_back({{"table", t.primary->name()},
                        {"replica", t.replica->name()},
                        {"written", written},
                        {"survived", held.versions.survived},
                        {"lost", held.versions.lost},
                        {"written_in_secondary", w.written},
                        {"returned", w.returned},
                        {"divergent", w.divergent},
                        {"written_in_secondary_bytes", w.written_bytes},
                        {"returned_bytes", w.returned_bytes},
                        {"divergent_bytes", w.divergent_bytes},
                        {"accounting_ok", ok}});
    }
    stays.push_back({{"moved_to_secondary", stay.from},
                     {"moved_home", stay.until >= 0 ? nlohmann::json(stay.until) : nlohmann::json(nullptr)},
                     {"waited_for_reverse_backlog_seconds", stay.waited},
                     {"tables", tables}});
  }
  return {{"reverse_replication", writes.reverse()}, {"failback_waits", writes.failback_waits()}, {"stays", stays}};
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
    out["replication"] = {{"from", spec->from},
                          {"to", spec->to},
                          {"rtc", spec->rtc},
                          {"datasets", datasets},
                          {"throughput_bytes_per_second", spec->throughput}};
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
                      {"batches", r->batches()},
                      {"peak_pending_bytes", r->peak_pending_bytes()},
                      {"peak_pending_writes", r->peak_pending_writes()},
                      {"replication_seconds", replication_times(*r)},
                      {"objective_seconds", models::S3Replication::kObjectiveSeconds},
                      {"missed_objective", r->missed_objective(deployment.scenario().duration)},
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
  out["secondary_writes"] = secondary_writes(deployment, protection, &all_ok);
  if (deployment.scenario().rpo_sampling)
    out["rpo_distribution"] = rpo_distribution(protection, *deployment.scenario().rpo_sampling);
  out["accounting_ok"] = all_ok;
  return out;
}

}  // namespace lakesim::analysis
