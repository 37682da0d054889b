#include "analysis/narration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <sstream>
#include <string_view>
#include <utility>

#include "scenario/catalog.hpp"
#include "scenario/fault_kind.hpp"
#include "scenario/units.hpp"

namespace lakesim::analysis {

namespace {

using Kind = sim::FaultSpec::Kind;

// Events of a frequent kind closer together than this belong to one burst: five minutes keeps
// one outage's failures of sparse traffic (a query every half minute, a stream retrying every
// minute) in one summary.
constexpr double kQuietGap = 300;
// A burst longer than this says it is still going once per period.
constexpr double kReportEvery = 3600;

// How a frequent kind opens and sums up: "requests start failing" / "412 requests failed".
struct BurstWords {
  std::string kind;
  std::string opening;
  std::string counted;  // what the count counts
};

const BurstWords kBurstWords[] = {
    {"request_failed", "requests start failing", "requests failed"},
    {"task_retry", "job tasks fail and retry", "task retries"},
    {"control_plane_unreachable",
     "running jobs cannot reach the control plane; they go on with the metadata they already have",
     "control-plane calls from running jobs failed (tolerated)"},
    {"dr_sync_failed", "DR copies fail; what they should have copied waits for the next run", "sync runs failed"},
    {"stream_start_failed", "streams cannot (re)start", "stream start attempts failed"},
    {"rerun_after_failover", "requests that failed in the primary rerun on the new route", "requests rerun"},
};

// Work going as planned: the results tell it; the narration is about what goes wrong.
bool routine(const std::string& kind) {
  return kind == "job_started" || kind == "job_finished" || kind == "training_started" || kind == "training_finished";
}

// Kinds told one by one (see Narrator::describe); any other kind is summarised in bursts, so a
// frequent kind added to the simulator later never floods the narration.
bool told_one_by_one(const std::string& kind) {
  static const char* const kinds[] = {"fault_started",          "fault_ended",
                                      "s3_reads_restored",      "outage_detected",
                                      "failover_decision",      "failover_infrastructure",
                                      "failover_compute_start", "failover_catch_up",
                                      "failover_redirection",   "failover_complete",
                                      "failover_aborted",       "failback_complete",
                                      "stream_failed",          "stream_started",
                                      "stream_resumed",         "stream_checkpoint_missing"};
  return std::any_of(std::begin(kinds), std::end(kinds), [&](const char* k) { return kind == k; });
}

BurstWords burst_words(const std::string& kind) {
  for (const BurstWords& w : kBurstWords)
    if (kind == w.kind) return w;
  return {kind, kind + " events begin", kind + " events"};
}

// The cause of a failure detail "host_down at SQL Warehouse Compute@us-east-1 (sql)".
std::string cause_of(const std::string& detail) {
  const auto at = detail.find(" at ");
  return at == std::string::npos ? detail : detail.substr(0, at);
}

// "bi 189, dashboards 110, adhoc 11": largest first, at most five named.
std::string breakdown(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<std::pair<std::string, std::uint64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  std::uint64_t others = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i >= 5) {
      others += sorted[i].second;
      continue;
    }
    out += (out.empty() ? "" : ", ") + sorted[i].first + " " + std::to_string(sorted[i].second);
  }
  if (others > 0) out += ", others " + std::to_string(others);
  return out;
}

const sim::FaultSpec* find_fault(const sim::Scenario& s, const std::string& name) {
  for (const sim::FaultSpec& f : s.faults)
    if (f.name == name) return &f;
  return nullptr;
}

std::string factor_text(double factor) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g%%", factor * 100);
  return buffer;
}

double number(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

}  // namespace

std::string clock_text(double seconds) { return sim::format_clock(seconds); }

namespace {

// One of a fault kind's narration lines (scenario/fault_kind.hpp) with its placeholders filled from
// the fault; `lasted` fills {lasted}.
std::string fault_words(const char* words, const sim::FaultSpec& f, const std::string& lasted) {
  const std::pair<const char*, std::string> values[] = {
      {"{target}", f.target},
      {"{pair}", f.target + " ~ " + f.other_region},
      {"{component}", f.component ? std::string(models::key(*f.component)) : std::string()},
      {"{factor}", factor_text(f.factor)},
      {"{reads_back}", clock_text(f.reads_end)},
      {"{writes_back}", clock_text(f.end)},
      {"{mtbf}", sim::format_whole_duration(f.mtbf)},
      {"{mttr}", sim::format_whole_duration(f.mttr)},
      {"{lasted}", lasted},
  };
  std::string out;
  std::string_view rest(words);
  while (!rest.empty()) {
    const auto value = std::find_if(std::begin(values), std::end(values), [&](const auto& v) {
      return rest.substr(0, std::string_view(v.first).size()) == v.first;
    });
    if (value == std::end(values)) {
      out += rest.front();
      rest.remove_prefix(1);
      continue;
    }
    out += value->second;
    rest.remove_prefix(std::string_view(value->first).size());
  }
  return out;
}

}  // namespace

Narrator::Narrator(const sim::Scenario& scenario) : scenario_(scenario) {}

void Narrator::emit(double time, const std::string& text, std::vector<std::string>& out) {
  out.push_back(clock_text(time) + " " + text);
  lines_.push_back(out.back());
}

std::vector<std::string> Narrator::add(const sim::Event& e) {
  std::vector<std::string> out;
  if (!held_.empty() && e.time > held_.front().time) tell_held(out);
  held_.push_back(e);
  return out;
}

void Narrator::tell_held(std::vector<std::string>& out) {
  const auto is_fault = [](const sim::Event& e) { return e.kind == "fault_started" || e.kind == "fault_ended"; };
  std::stable_partition(held_.begin(), held_.end(), is_fault);
  for (const sim::Event& e : held_) tell(e, out);
  held_.clear();
}

void Narrator::tell(const sim::Event& e, std::vector<std::string>& out) {
  close_quiet_bursts(e.time, out);
  if (routine(e.kind)) return;
  if (!told_one_by_one(e.kind)) {
    add_to_burst(e, out);
    return;
  }
  if (e.kind == "fault_started" || e.kind == "fault_ended") {
    const bool started = e.kind == "fault_started";
    emit(e.time, fault_line(e, started), out);
    if (const sim::FaultSpec* f = find_fault(scenario_, e.component)) replication_lines(*f, started, e.time, out);
    return;
  }
  const std::string text = describe(e);
  if (!text.empty()) emit(e.time, text, out);
}

double Narrator::quiet_gap(const std::string& kind) const {
  // Failed DR syncs come once per schedule period: a burst lasts while every run fails.
  if (kind == "dr_sync_failed" && scenario_.dr) {
    const sim::DrSpec& dr = *scenario_.dr;
    double period = 0;
    for (const sim::PeriodicSyncSpec* sync : {&dr.deep_clone, &dr.metadata_export, &dr.git_sync})
      if (sync->enabled) period = std::max(period, sync->every);
    return period + kQuietGap;
  }
  return kQuietGap;
}

void Narrator::close_quiet_bursts(double now, std::vector<std::string>& out) {
  // A burst is known to be over once its quiet gap has passed; told at that moment, so the
  // lines stay in time order. Oldest first.
  while (true) {
    const std::string* oldest = nullptr;
    double oldest_over = 0;
    for (const auto& [kind, burst] : bursts_) {
      const double over = burst.last + quiet_gap(kind);
      if (now <= over) continue;
      if (!oldest || over < oldest_over) {
        oldest = &kind;
        oldest_over = over;
      }
    }
    if (!oldest) return;
    close_burst(*oldest, oldest_over, out);
  }
}

void Narrator::close_burst(const std::string& kind, double at, std::vector<std::string>& out) {
  const auto it = bursts_.find(kind);
  const Burst& b = it->second;
  const BurstWords words = burst_words(kind);
  std::string text = words.counted + ": " + std::to_string(b.count) + " from " + clock_text(b.first) + " to " +
                     clock_text(b.last) + " (" + breakdown(b.by_source) + ")";
  if (!b.by_cause.empty()) text += "; causes: " + breakdown(b.by_cause);
  bursts_.erase(it);
  emit(at, text, out);
}

void Narrator::add_to_burst(const sim::Event& e, std::vector<std::string>& out) {
  const BurstWords words = burst_words(e.kind);
  auto [it, opened] = bursts_.try_emplace(e.kind);
  Burst& b = it->second;
  if (opened) {
    b.first = e.time;
    b.next_report = e.time + kReportEvery;
    const std::string where = e.component + (e.region.empty() ? "" : " in " + e.region);
    emit(e.time, words.opening + ": first " + where + (e.detail.empty() ? "" : " (" + e.detail + ")"), out);
  } else if (e.time >= b.next_report) {
    emit(e.time,
         std::string("still going, ") + words.counted + ": " + std::to_string(b.count - b.reported) + " in the last " +
             sim::format_whole_duration(e.time - std::max(b.first, b.next_report - kReportEvery)),
         out);
    b.reported = b.count;
    while (b.next_report <= e.time) b.next_report += kReportEvery;
  }
  b.last = e.time;
  ++b.count;
  ++b.by_source[e.component];
  if (e.kind == "request_failed" || e.kind == "task_retry" || e.kind == "stream_start_failed")
    ++b.by_cause[cause_of(e.detail)];
}

std::string Narrator::fault_line(const sim::Event& e, bool started) const {
  const sim::FaultSpec* f = find_fault(scenario_, e.component);
  if (!f) return e.component + (started ? " starts: " : " ends: ") + e.detail;
  const sim::FaultKindInfo& kind = sim::fault_kind_info(f->kind);
  if (!started) return fault_words(kind.narrated_end, *f, " after " + sim::format_whole_duration(e.time - f->start));
  return fault_words(kind.narrated_start, *f, "") + " [fault " + f->name + ", until " + clock_text(f->end) + "]";
}

// S3 replication stops while its source, its destination or the link between them is down:
// writes queue and are copied after recovery.
void Narrator::replication_lines(const sim::FaultSpec& f, bool started, double at, std::vector<std::string>& out) {
  if (!scenario_.replication || !scenario_.replication->enabled) return;
  const sim::ReplicationSpec& r = *scenario_.replication;
  const bool region_hit =
      (f.kind == Kind::RegionOutage || f.kind == Kind::S3Outage) && (f.target == r.from || f.target == r.to);
  const bool link_hit = f.kind == Kind::LinkCut && ((f.target == r.from && f.other_region == r.to) ||
                                                    (f.target == r.to && f.other_region == r.from));
  if (!region_hit && !link_hit) return;
  const std::string route = "S3 replication " + r.from + " -> " + r.to;
  emit(at,
       started ? route + " cannot copy: new writes queue up as a backlog until the path returns"
               : route + " can copy again: the queued backlog drains (retried every minute)",
       out);
}

std::string Narrator::describe(const sim::Event& e) {
  const sim::DrSpec* dr = scenario_.dr ? &*scenario_.dr : nullptr;
  const auto since_down = [&](const std::string& region) -> std::string {
    for (const sim::FaultSpec& f : scenario_.faults) {
      const bool regional = f.kind == Kind::RegionOutage || f.kind == Kind::ControlPlaneOutage;
      if (regional && f.target == region && f.start <= e.time && e.time <= f.end + 1e-9)
        return ", " + sim::format_whole_duration(e.time - f.start) + " after " + region + " went down";
    }
    return "";
  };
  if (e.kind == "outage_detected")
    return "DR: " + e.region + " declared down (" + e.detail + ")" + since_down(e.region) + "; failover to " +
           (dr ? dr->secondary : std::string("the secondary")) + " begins";
  if (e.kind == "failover_decision") return "DR step: decision to fail over taken (" + e.detail + ")";
  if (e.kind == "failover_infrastructure")
    return "DR step: infrastructure in " + e.region + " ready (" + e.detail + ")";
  if (e.kind == "failover_compute_start") return "DR step: compute in " + e.region + " started (" + e.detail + ")";
  if (e.kind == "failover_catch_up") return "DR step: data catch-up done (" + e.detail + ")";
  if (e.kind == "failover_redirection") return "DR step: DNS switched to " + e.region + " (" + e.detail + ")";
  if (e.kind == "failover_complete")
    return "failover complete: " + e.detail + (dr ? since_down(dr->primary) : std::string());
  if (e.kind == "failover_aborted") return "DR: failover called off: " + e.detail;
  if (e.kind == "failback_complete") return "failback complete: " + e.detail;
  if (e.kind == "s3_reads_restored") return "S3 in " + e.region + " serves reads again (writes still refused)";
  if (e.kind == "stream_failed") {
    stream_down_[e.component] = e.time;
    return "stream " + e.component + " stopped in " + e.region + " (" + e.detail + ")";
  }
  if (e.kind == "stream_started") {
    const auto it = stream_down_.find(e.component);
    if (it == stream_down_.end()) return "";  // its first start is routine
    const std::string text = "stream " + e.component + " running again in " + e.region + ", " +
                             sim::format_whole_duration(e.time - it->second) + " after it stopped";
    stream_down_.erase(it);
    return text;
  }
  if (e.kind == "stream_resumed")
    return "stream " + e.component + " resumed in " + e.region + " from its replicated checkpoint, " + e.detail;
  if (e.kind == "stream_checkpoint_missing")
    return "stream " + e.component + " has no checkpoint in " + e.region + ": " + e.detail;
  return "";
}

std::vector<std::string> Narrator::finish(double end, const nlohmann::json& results) {
  std::vector<std::string> out;
  tell_held(out);
  while (!bursts_.empty()) {
    // Whatever is still going at the end is told at the end.
    const std::string kind = bursts_.begin()->first;
    close_burst(kind, std::max(end, bursts_.begin()->second.last), out);
  }

  // Requests that did not get through, per workload, over the whole run.
  std::map<std::string, std::uint64_t> failed;
  std::uint64_t total_failed = 0;
  std::uint64_t reruns = 0;
  if (const auto w = results.find("workloads"); w != results.end() && w->is_array()) {
    for (const nlohmann::json& workload : *w) {
      const auto n = static_cast<std::uint64_t>(number(workload, "failed"));
      if (n > 0) failed[workload.value("name", std::string("?"))] = n;
      total_failed += n;
      reruns += static_cast<std::uint64_t>(number(workload, "reruns_after_failover"));
    }
  }
  std::string summary = "end of run: " + std::to_string(total_failed) + " requests failed in all";
  if (total_failed > 0) summary += " (" + breakdown(failed) + ")";
  if (reruns > 0) summary += ", " + std::to_string(reruns) + " rerun after a failover";
  emit(end, summary, out);

  if (const auto loss = results.find("data_loss"); loss != results.end() && loss->is_object()) {
    if (const auto outages = loss->find("region_outages"); outages != loss->end() && outages->is_array()) {
      for (const nlohmann::json& o : *outages) {
        std::uint64_t lost = 0;
        if (const auto c = o.find("components"); c != o.end() && c->is_array())
          for (const nlohmann::json& component : *c)
            lost += static_cast<std::uint64_t>(number(component, "lost_writes"));
        std::ostringstream text;
        text << "data lost when " << o.value("region", std::string("?")) << " went down at "
             << clock_text(number(o, "start")) << ": " << lost << " writes";
        if (o.contains("worst_protected_rpo_seconds") && o["worst_protected_rpo_seconds"].is_number())
          text << ", worst RPO of a protected component "
               << sim::format_whole_duration(number(o, "worst_protected_rpo_seconds"));
        text << ", " << static_cast<std::uint64_t>(number(o, "unprotected_lost_writes"))
             << " writes of unprotected components";
        emit(end, text.str(), out);
      }
    }
    if (const auto datasets = loss->find("datasets"); datasets != loss->end() && datasets->is_array()) {
      std::map<std::string, std::uint64_t> pending;
      for (const nlohmann::json& d : *datasets) {
        const auto n = static_cast<std::uint64_t>(number(d, "pending_at_end"));
        if (n > 0) pending[d.value("dataset", std::string("?"))] = n;
      }
      if (!pending.empty()) emit(end, "S3 replication backlog at the end: " + breakdown(pending) + " writes", out);
    }
  }
  return out;
}

std::string Narrator::text() const {
  std::string out;
  for (const std::string& line : lines_) out += line + "\n";
  return out;
}

RunHooks with_narration(RunHooks hooks, Narrator& narrator, std::ostream* live) {
  hooks.on_event = [previous = std::move(hooks.on_event), &narrator, live](const sim::Event& e) {
    if (previous) previous(e);
    for (const std::string& line : narrator.add(e))
      if (live) *live << line << "\n" << std::flush;
  };
  return hooks;
}

}  // namespace lakesim::analysis
