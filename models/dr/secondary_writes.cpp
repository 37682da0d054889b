#include "models/dr/secondary_writes.hpp"

#include <algorithm>

namespace lakesim::models {

namespace {
// How often a waiting failback looks at the reverse backlog again.
constexpr double kBacklogCheckSeconds = 5;
}  // namespace

SecondaryWrites::SecondaryWrites(Deployment& deployment) {
  const sim::DrSpec* dr = deployment.dr();
  if (!dr || dr->strategy == sim::DrStrategy::None) return;
  const auto& spec = deployment.scenario().replication;
  // Reverse replication runs from the DR secondary back to the primary.
  reverse_ = spec && spec->enabled && spec->reverse && spec->from == dr->primary && spec->to == dr->secondary;
  waits_ = reverse_ && spec->failback_waits;
  const ReplicationLag lag =
      reverse_ && spec->lag ? ReplicationLag::from(*spec->lag) : ReplicationLag::standard(reverse_ && spec->rtc);
  sg4::Host* runner = deployment.platform().external(sim::ExternalSystem::Clients);
  for (TableReplica& r : deployment.table_replicas()) {
    auto table = std::make_unique<Table>();
    table->primary = r.source;
    table->replica = r.replica;
    if (reverse_)
      table->reverse =
          std::make_unique<S3Replication>(r.replica->data(), r.source->data(), lag, deployment.scenario().seed, runner,
                                          spec->throughput, "replication/reverse/" + r.source->name());
    Table* t = table.get();
    r.replica->set_commit_observer([t](double time, double bytes) {
      if (t->reverse)
        t->reverse->record(time, bytes);
      else
        t->own.record(time, bytes);
    });
    tables_.push_back(std::move(table));
  }
  deployment.routing().add_move_observer([this](bool to_secondary) { moved(to_secondary); });
  if (waits_) deployment.routing().set_failback_gate([this] { wait_for_backlog(); });
}

SecondaryWrites::~SecondaryWrites() = default;

void SecondaryWrites::start() {
  for (const auto& t : tables_)
    if (t->reverse) t->reverse->start();
}

void SecondaryWrites::moved(bool to_secondary) {
  const double now = sg4::Engine::get_clock();
  if (to_secondary) {
    stays_.push_back({now, -1, 0});
  } else if (!stays_.empty()) {
    stays_.back().until = now;
    if (waiting_since_ >= 0) stays_.back().waited = now - waiting_since_;
  }
  waiting_since_ = -1;
}

// Waits until every commit made in the secondary before the failback began has reached the
// primary. Users keep writing in the secondary meanwhile, and each new copy waits its lag, so
// waiting for an empty queue could last as long as they write; what they write during the wait
// is judged like the rest when they return.
void SecondaryWrites::wait_for_backlog() {
  waiting_since_ = sg4::Engine::get_clock();
  std::vector<std::uint64_t> next(tables_.size(), 0);  // per table, the first copy not seen arrived
  std::vector<std::uint64_t> end(tables_.size(), 0);
  for (std::size_t i = 0; i < tables_.size(); ++i) end[i] = tables_[i]->ledger().size();
  while (true) {
    bool done = true;
    for (std::size_t i = 0; i < tables_.size(); ++i) {
      const auto& entries = tables_[i]->ledger().entries();
      while (next[i] < end[i] && entries[next[i]].arrived >= 0) ++next[i];
      done = done && next[i] == end[i];
    }
    if (done) return;
    sg4::this_actor::sleep_for(kBacklogCheckSeconds);
  }
}

SecondaryTableWrites SecondaryWrites::at_return(std::size_t i, const SecondaryStay& stay, double end) const {
  const Table& table = *tables_.at(i);
  const double until = stay.until >= 0 ? stay.until : end;
  auto in_stay = [&](double time) { return time >= stay.from && time < until; };
  SecondaryTableWrites out;
  // The primary replays the stay's commits in order and stops at the first one it lacks.
  bool gap = false;
  for (const ReplicatedWrite& w : table.ledger().entries()) {
    if (!in_stay(w.time)) continue;
    ++out.written;
    out.written_bytes += w.bytes;
    gap = gap || !(w.arrived >= 0 && w.arrived <= until);
    if (gap) {
      ++out.divergent;
      out.divergent_bytes += w.bytes;
    } else {
      ++out.returned;
      out.returned_bytes += w.bytes;
    }
  }
  for (const CommitRecord& c : table.replica->commit_records()) out.replica_commits += in_stay(c.time) ? 1 : 0;
  return out;
}

}  // namespace lakesim::models
