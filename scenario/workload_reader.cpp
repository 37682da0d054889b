#include "scenario/workload_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "scenario/arrival_calendar.hpp"
#include "scenario/catalog.hpp"
#include "scenario/distribution_reader.hpp"
#include "scenario/json_source.hpp"
#include "scenario/security_reader.hpp"
#include "scenario/spark_reader.hpp"
#include "scenario/suggest.hpp"
#include "scenario/trace_reader.hpp"

namespace lakesim::sim {

using nlohmann::json;
using Need = FieldReader::Need;
using Zero = FieldReader::Zero;

namespace {

const std::vector<std::string> kClassNames = {"job", "sql", "notebook", "streaming", "training"};
constexpr WorkloadClass kClasses[] = {WorkloadClass::Job, WorkloadClass::Sql, WorkloadClass::Notebook,
                                      WorkloadClass::Streaming, WorkloadClass::Training};

const char* class_name(WorkloadClass c) {
  for (std::size_t i = 0; i < kClassNames.size(); ++i)
    if (kClasses[i] == c) return kClassNames[i].c_str();
  return "?";
}

// Keys that only some classes take; any other class reporting them is told which.
struct ClassKey {
  const char* key;
  std::vector<WorkloadClass> classes;
};
const std::vector<ClassKey>& class_keys() {
  using C = WorkloadClass;
  static const std::vector<ClassKey> keys = {
      {"instances", {C::Job, C::Notebook, C::Streaming, C::Training}},
      {"tasks", {C::Job}},
      {"retries", {C::Job}},
      {"write_mode", {C::Job, C::Streaming}},
      {"trigger", {C::Streaming}},
      {"result", {C::Sql, C::Notebook}},
      {"artifact", {C::Training}},
      {"warehouse_map", {C::Sql}},
      {"spark", {C::Job, C::Notebook, C::Streaming, C::Training}},
  };
  return keys;
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

bool is_zero(const Distribution& d) { return d.kind == Distribution::Kind::Fixed && d.mean == 0; }

// Reads the three sections in dependency order: workloads refer to tables.
class WorkloadSectionReader {
 public:
  WorkloadSectionReader(const json& root, FieldReader& in, Scenario& s) : root_(root), in_(in), s_(s) {}

  void read() {
    read_prices();
    read_tables();
    check_grant_tables(s_, in_);
    read_workloads();
  }

 private:
  std::optional<std::size_t> keyword(const json& obj, const std::string& at, const char* key, Need need,
                                     const std::vector<std::string>& words, const char* what) {
    return in_.keyword(obj, at, key, need, words, what);
  }

  // A name that must be one of `known`, reported with a suggestion when it is not.
  bool reference(const std::string& name, const std::vector<std::string>& known, const std::string& at,
                 const char* what, const char* where) {
    if (std::find(known.begin(), known.end(), name) != known.end()) return true;
    std::string message = std::string("undefined ") + what + " " + in_quotes(name);
    if (auto guess = closest_match(name, known)) message += "; did you mean " + in_quotes(*guess) + "?";
    std::string expected = std::string("a ") + what + " listed in " + where;
    if (!known.empty()) expected += ":";
    for (const std::string& k : known) expected += " " + k;
    in_.error(at, message, expected);
    return false;
  }

  std::vector<std::string> region_names() const {
    std::vector<std::string> out;
    for (const RegionSpec& r : s_.regions) out.push_back(r.name);
    return out;
  }

  void read_prices() {
    if (!root_.contains("prices")) return;
    const json& p = root_["prices"];
    if (!in_.object(
            p, "/prices",
            {"s3_put_per_1000", "s3_get_per_1000", "cross_region_per_gb", "nat_gateway_per_gb", "privatelink_per_gb"}))
      return;
    PriceSpec& prices = s_.prices;
    prices.s3_put_per_1000 =
        in_.number(p, "/prices", "s3_put_per_1000", Need::Optional, 0, 1e6).value_or(prices.s3_put_per_1000);
    prices.s3_get_per_1000 =
        in_.number(p, "/prices", "s3_get_per_1000", Need::Optional, 0, 1e6).value_or(prices.s3_get_per_1000);
    prices.cross_region_per_gb =
        in_.number(p, "/prices", "cross_region_per_gb", Need::Optional, 0, 1e6).value_or(prices.cross_region_per_gb);
    prices.nat_gateway_per_gb =
        in_.number(p, "/prices", "nat_gateway_per_gb", Need::Optional, 0, 1e6).value_or(prices.nat_gateway_per_gb);
    prices.privatelink_per_gb =
        in_.number(p, "/prices", "privatelink_per_gb", Need::Optional, 0, 1e6).value_or(prices.privatelink_per_gb);
  }

  void read_tables() {
    if (!root_.contains("tables")) return;
    const json& list = root_["tables"];
    if (!in_.array(list, "/tables")) return;
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = "/tables/" + std::to_string(i);
      const json& t = list[i];
      if (!in_.object(t, at, {"name", "region", "dataset", "size", "files"})) continue;
      TableSpec table;
      table.name = in_.string(t, at, "name", Need::Required).value_or("");
      if (!table.name.empty() && !names.insert(table.name).second)
        in_.error(at + "/name", "duplicate table name " + in_quotes(table.name), "each name once");
      table.region = in_.string(t, at, "region", Need::Required).value_or("");
      if (!table.region.empty()) reference(table.region, region_names(), at + "/region", "region", "/regions");
      const std::vector<std::string> datasets = models::keys_of({models::Archetype::Dataset});
      if (auto d = keyword(t, at, "dataset", Need::Optional, datasets, "dataset"))
        table.dataset = models::find_component(datasets[*d])->which;
      table.size = in_.size(t, at, "size", Need::Required, Zero::Allowed).value_or(0);
      table.files =
          static_cast<std::uint64_t>(in_.integer(t, at, "files", Need::Required, 0, 1'000'000'000'000).value_or(0));
      if (table.size > 0 && table.files == 0 && t.contains("files"))
        in_.error(at + "/files", "a table holding data needs at least one file", "a whole number of at least 1");
      s_.tables.push_back(table);
    }
  }

  Distribution quantity(const json& obj, const std::string& at, const char* key, QuantityReader read,
                        const char* kind) {
    return read_distribution(in_, obj, at, key, read, kind);
  }

  std::vector<StageSpec> read_stages(const json& w, const std::string& at, WorkloadClass cls) {
    std::vector<StageSpec> stages;
    if (!w.contains("stages")) {
      in_.error(at, "missing required key \"stages\"", "a list of stages with core_seconds, read, shuffle, write");
      return stages;
    }
    const json& list = w["stages"];
    const std::string list_at = at + "/stages";
    if (!in_.array(list, list_at)) return stages;
    const bool single = cls == WorkloadClass::Sql || cls == WorkloadClass::Notebook;
    if (single && list.size() != 1)
      in_.error(
          list_at,
          std::string(class_name(cls)) + " workloads have exactly one stage; found " + std::to_string(list.size()),
          "a list of one stage");
    else if (list.empty())
      in_.error(list_at, "empty list", "at least one stage");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string stage_at = list_at + "/" + std::to_string(i);
      const json& st = list[i];
      if (!in_.object(st, stage_at, {"core_seconds", "read", "shuffle", "write"})) continue;
      const std::size_t errors = in_.error_count();
      StageSpec stage;
      stage.core_seconds = quantity(st, stage_at, "core_seconds", &FieldReader::duration, "duration");
      stage.read_bytes = quantity(st, stage_at, "read", &FieldReader::size, "size");
      stage.shuffle_bytes = quantity(st, stage_at, "shuffle", &FieldReader::size, "size");
      stage.write_bytes = quantity(st, stage_at, "write", &FieldReader::size, "size");
      if (in_.error_count() == errors && is_zero(stage.core_seconds) && is_zero(stage.read_bytes) &&
          is_zero(stage.shuffle_bytes) && is_zero(stage.write_bytes))
        in_.error(stage_at, "a stage with no work: every field is zero or missing",
                  "at least one of core_seconds, read, shuffle, write above zero");
      stages.push_back(stage);
    }
    return stages;
  }

  ArrivalSpec read_arrival(const json& w, const std::string& at, const WorkloadSpec& wl) {
    ArrivalSpec a;
    const bool streaming = wl.cls == WorkloadClass::Streaming;
    if (!w.contains("arrival")) {
      if (wl.trace)
        a.kind = ArrivalSpec::Kind::Trace;
      else if (streaming)
        a.kind = ArrivalSpec::Kind::Continuous;
      else
        in_.error(at, "missing required key \"arrival\"", "{\"kind\": \"poisson\" | \"diurnal\" | \"cron\", ...}");
      return a;
    }
    const json& v = w["arrival"];
    const std::string here = at + "/arrival";
    static const std::vector<std::string> kKinds = {"poisson", "diurnal", "cron", "continuous", "trace"};
    // day_factors is read for every kind so that the kinds without one are told why.
    static const std::vector<std::vector<std::string>> kKeys = {{"kind", "rate", "day_factors"},
                                                                {"kind", "rate", "amplitude", "peak", "day_factors"},
                                                                {"kind", "every", "offset", "day_factors"},
                                                                {"kind", "day_factors"},
                                                                {"kind", "day_factors"}};
    if (!v.is_object()) {
      in_.object(v, here, {});
      return a;
    }
    const auto which = keyword(v, here, "kind", Need::Required, kKinds, "arrival kind");
    if (!which) {
      in_.object(v, here, {"kind", "rate", "amplitude", "peak", "every", "offset", "day_factors"});
      return a;
    }
    constexpr ArrivalSpec::Kind kinds[] = {ArrivalSpec::Kind::Poisson, ArrivalSpec::Kind::Diurnal,
                                           ArrivalSpec::Kind::Cron, ArrivalSpec::Kind::Continuous,
                                           ArrivalSpec::Kind::Trace};
    a.kind = kinds[*which];
    in_.object(v, here, kKeys[*which]);
    const std::string kind_at = here + "/kind";
    // Which arrivals fit which workloads.
    if (wl.trace && a.kind != ArrivalSpec::Kind::Trace)
      in_.error(kind_at, "a trace workload arrives at the trace's own start times, not " + in_quotes(kKinds[*which]),
                "no \"arrival\", or \"kind\": \"trace\"");
    else if (!wl.trace && a.kind == ArrivalSpec::Kind::Trace)
      in_.error(kind_at, "arrival kind \"trace\" needs a \"trace\" to replay", "a \"trace\": {\"file\", \"format\"}");
    else if (streaming && a.kind != ArrivalSpec::Kind::Continuous)
      in_.error(kind_at, "a streaming workload runs continuously, not " + in_quotes(kKinds[*which]),
                "\"continuous\", or no \"arrival\"");
    else if (!streaming && a.kind == ArrivalSpec::Kind::Continuous)
      in_.error(kind_at, "only streaming workloads run continuously", "\"poisson\", \"diurnal\" or \"cron\"");

    switch (a.kind) {
      case ArrivalSpec::Kind::Diurnal:
        a.amplitude = in_.number(v, here, "amplitude", Need::Required, 0, 1).value_or(0);
        if (auto peak = in_.duration(v, here, "peak", Need::Optional, Zero::Allowed)) {
          if (*peak >= 86400)
            in_.error(here + "/peak", "a time of day from 24h on", "a time of day below 24h, e.g. \"14h\"");
          else
            a.peak = *peak;
        }
        [[fallthrough]];
      case ArrivalSpec::Kind::Poisson:
        a.rate = in_.rate(v, here, "rate", Need::Required).value_or(0);
        a.day_factors = read_day_factors(v, here, in_);
        break;
      case ArrivalSpec::Kind::Cron:
        a.every = in_.duration(v, here, "every", Need::Required, Zero::Rejected).value_or(0);
        a.offset = in_.duration(v, here, "offset", Need::Optional, Zero::Allowed).value_or(0);
        break;
      case ArrivalSpec::Kind::Continuous:
      case ArrivalSpec::Kind::Trace: break;
    }
    if (v.contains("day_factors") && a.kind != ArrivalSpec::Kind::Poisson && a.kind != ArrivalSpec::Kind::Diurnal)
      in_.error(here + "/day_factors",
                "a weekly pattern applies to poisson and diurnal arrivals, not " + in_quotes(kKinds[*which]),
                "no \"day_factors\", or \"kind\": \"poisson\" or \"diurnal\"");
    return a;
  }

  // The trace's path, format and rows; its problems are listed after one summary at the scenario.
  std::optional<TraceSpec> read_trace(const json& w, const std::string& at, WorkloadClass cls,
                                      const ComputeSpec* placement) {
    const json& v = w["trace"];
    const std::string here = at + "/trace";
    if (!in_.object(v, here, {"file", "format", "job_id"})) return std::nullopt;
    // In TraceSpec::Format's order.
    static const std::vector<std::string> kFormats = {"query_history", "job_runs", "job_run_timeline"};
    const auto file = in_.string(v, here, "file", Need::Required);
    const auto format = keyword(v, here, "format", Need::Required, kFormats, "trace format");
    if (!format) return std::nullopt;
    TraceSpec trace;
    trace.format = static_cast<TraceSpec::Format>(*format);
    const bool fits = trace.format == TraceSpec::Format::QueryHistory
                          ? cls == WorkloadClass::Sql
                          : cls == WorkloadClass::Job || cls == WorkloadClass::Training;
    if (!fits) {
      in_.error(here + "/format", "a " + kFormats[*format] + " trace does not fit a " + class_name(cls) + " workload",
                "\"query_history\" for sql workloads, \"job_runs\" or \"job_run_timeline\" for job and training "
                "workloads");
      return std::nullopt;
    }
    if (!file) return std::nullopt;
    const std::string file_at = here + "/file";
    const TracePath path = resolve_trace_path(s_.file, *file, s_.limits.allow_outside_paths);
    if (!path.error.empty()) {
      in_.error(file_at, path.error, "a path relative to the scenario's folder, inside it");
      return std::nullopt;
    }
    trace.file = path.path;
    std::error_code ec;
    const bool regular = std::filesystem::is_regular_file(trace.file, ec);
    std::ifstream stream;
    if (regular) stream.open(trace.file, std::ios::binary);
    if (!regular || !stream) {
      const bool exists = std::filesystem::exists(trace.file, ec);
      in_.error(file_at,
                "trace file " + in_quotes(*file) +
                    (!exists    ? " not found"
                     : !regular ? " is not a regular file"
                                : " cannot be read") +
                    " (looked for " + trace.file + ")",
                "a CSV file, relative to the scenario's folder");
      return std::nullopt;
    }
    TraceContext context;
    context.file = trace.file;
    context.pointer = file_at;
    context.max_instances = placement ? placement->instances : 0;
    context.max_rows = s_.limits.max_trace_rows;
    if (auto job = in_.string(v, here, "job_id", Need::Optional)) {
      if (trace.format == TraceSpec::Format::JobRunTimeline)
        context.job_id = *job;
      else
        in_.error(here + "/job_id", "a job_id picks runs of a job_run_timeline export, not of a " + kFormats[*format],
                  "no \"job_id\", or \"format\": \"job_run_timeline\"");
    }
    std::vector<Diagnostic> problems;
    switch (trace.format) {
      case TraceSpec::Format::QueryHistory: trace.queries = read_query_history(stream, context, problems); break;
      case TraceSpec::Format::JobRuns: trace.runs = read_job_runs(stream, context, problems); break;
      case TraceSpec::Format::JobRunTimeline: trace.runs = read_job_run_timeline(stream, context, problems); break;
    }
    if (!problems.empty()) {
      // Past the listing limit the trace reader ends with a count of the rest instead.
      const std::string count =
          problems.size() > kMaxListedTraceProblems
              ? "more than " + std::to_string(kMaxListedTraceProblems) + " problems"
              : std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
      in_.error(file_at, "trace " + trace.file + " has " + count + ", listed below",
                "every row valid: bad rows are never skipped");
      for (const Diagnostic& d : problems) report_trace_problem(d);
    }
    return trace;
  }

  // The sql_warehouse placement that replays each statement, by the warehouse id the trace
  // records. Without a map every statement runs on the workload's own `compute`.
  void read_warehouse_map(const json& w, const std::string& at, WorkloadSpec& wl) {
    const std::string here = at + "/warehouse_map";
    const json& v = w["warehouse_map"];
    if (!w.contains("trace")) {
      in_.error(here, "a warehouse map without a \"trace\" to replay", "a \"trace\" in query_history format", true);
      return;
    }
    if (!v.is_object() || v.empty()) {
      in_.error(here, v.is_object() ? "empty warehouse map" : "not an object",
                "an object from the trace's warehouse ids to sql_warehouse placements, e.g. "
                "{\"4b9e2f1a7c3d5e60\": \"bi_warehouse\"}");
      return;
    }
    std::vector<std::string> warehouses;
    for (const ComputeSpec& c : s_.compute)
      if (c.kind == ComputeKind::SqlWarehouse) warehouses.push_back(c.name);
    std::map<std::string, std::string> map;
    bool ok = true;
    for (const auto& [id, target] : v.items()) {
      const std::string entry = pointer_append(here, id);
      if (!target.is_string()) {
        in_.error(entry, "not a string", "the name of a sql_warehouse placement");
        ok = false;
        continue;
      }
      const std::string name = target.get<std::string>();
      if (!reference(name, warehouses, entry, "sql_warehouse placement", "/compute")) {
        ok = false;
        continue;
      }
      map.emplace(id, name);
    }
    if (!ok || !wl.trace || wl.trace->queries.empty()) return;
    // Every warehouse id of the trace must be mapped: a statement left on the workload's own
    // placement would silently change what the replay measures.
    std::map<std::string, std::size_t> unmapped;  // id -> statements
    for (TraceQuery& q : wl.trace->queries) {
      if (auto it = map.find(q.warehouse_id); it != map.end())
        q.compute = it->second;
      else
        ++unmapped[q.warehouse_id];
    }
    if (unmapped.empty()) return;
    constexpr std::size_t kListed = 10;
    std::string ids;
    std::size_t listed = 0;
    for (const auto& [id, count] : unmapped) {
      if (listed++ == kListed) break;
      ids += std::string(ids.empty() ? "" : ", ") + in_quotes(id) + " (" + std::to_string(count) +
             (count == 1 ? " statement)" : " statements)");
    }
    if (unmapped.size() > kListed) ids += " and " + std::to_string(unmapped.size() - kListed) + " more";
    in_.error(here,
              std::to_string(unmapped.size()) + (unmapped.size() == 1 ? " warehouse id" : " warehouse ids") +
                  " of the trace not in the map: " + ids,
              "every warehouse id of the trace mapped to a sql_warehouse placement");
  }

  // A problem located in a trace file.
  void report_trace_problem(const Diagnostic& d) {
    in_.error(
        d.pointer,
        d.where.file + ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message,
        d.expected);
  }

  void read_workloads() {
    if (!root_.contains("workloads")) return;
    const json& list = root_["workloads"];
    if (!in_.array(list, "/workloads")) return;
    std::vector<std::string> compute_names;
    for (const ComputeSpec& c : s_.compute) compute_names.push_back(c.name);
    std::vector<std::string> table_names;
    for (const TableSpec& t : s_.tables) table_names.push_back(t.name);
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = "/workloads/" + std::to_string(i);
      const json& w = list[i];
      if (!in_.object(w, at, {"name",          "class",   "region",    "compute",
                              "arrival",       "trace",   "stages",    "instances",
                              "tasks",         "retries", "table",     "write_mode",
                              "trigger",       "result",  "artifact",  "unauthorized_fraction",
                              "source_ip",     "token",   "workspace", "principal",
                              "warehouse_map", "spark"}))
        continue;
      WorkloadSpec wl;
      wl.name = in_.string(w, at, "name", Need::Required).value_or("");
      if (!wl.name.empty() && !names.insert(wl.name).second)
        in_.error(at + "/name", "duplicate workload name " + in_quotes(wl.name), "each name once");
      const auto cls = keyword(w, at, "class", Need::Required, kClassNames, "workload class");
      if (!cls) continue;  // every other rule depends on the class
      wl.cls = kClasses[*cls];
      const char* cname = class_name(wl.cls);
      for (const ClassKey& k : class_keys()) {
        if (!w.contains(k.key) || std::find(k.classes.begin(), k.classes.end(), wl.cls) != k.classes.end()) continue;
        std::string which;
        for (std::size_t c = 0; c < k.classes.size(); ++c)
          which += std::string(c == 0 ? "" : c + 1 == k.classes.size() ? " and " : ", ") + class_name(k.classes[c]);
        in_.error(pointer_append(at, k.key),
                  in_quotes(k.key) + " applies only to " + which + " workloads, not " + cname, "remove it", true);
      }

      // The placement that runs it: SQL on a warehouse, everything else on serverless Spark.
      const ComputeSpec* placement = nullptr;
      wl.compute = in_.string(w, at, "compute", Need::Required).value_or("");
      if (!wl.compute.empty() &&
          reference(wl.compute, compute_names, at + "/compute", "compute placement", "/compute")) {
        for (const ComputeSpec& c : s_.compute)
          if (c.name == wl.compute) placement = &c;
        const ComputeKind needed =
            wl.cls == WorkloadClass::Sql ? ComputeKind::SqlWarehouse : ComputeKind::ServerlessSpark;
        if (placement->kind != needed) {
          std::string fitting;
          for (const ComputeSpec& c : s_.compute)
            if (c.kind == needed) fitting += " " + c.name;
          in_.error(at + "/compute",
                    std::string(cname) + " workloads run on " + to_string(needed) + " compute; " +
                        in_quotes(wl.compute) + " is " + to_string(placement->kind),
                    std::string("a ") + to_string(needed) + " placement" +
                        (fitting.empty() ? " (none is defined)" : ":" + fitting));
          placement = nullptr;
        }
      }
      wl.region = placement ? placement->region : "";
      if (auto region = in_.string(w, at, "region", Need::Optional)) {
        wl.region = *region;
        reference(*region, region_names(), at + "/region", "region", "/regions");
      }

      if (w.contains("trace")) {
        if (wl.cls == WorkloadClass::Streaming || wl.cls == WorkloadClass::Notebook)
          in_.error(at + "/trace", std::string(cname) + " workloads cannot replay a trace",
                    "\"trace\" on sql, job or training workloads");
        else
          wl.trace = read_trace(w, at, wl.cls, placement);
        // An unreadable trace is still a trace workload: its other rules apply as such.
        if (!wl.trace && wl.cls != WorkloadClass::Streaming && wl.cls != WorkloadClass::Notebook)
          wl.trace = TraceSpec{};
      }
      if (wl.cls == WorkloadClass::Sql && w.contains("warehouse_map")) read_warehouse_map(w, at, wl);
      wl.arrival = read_arrival(w, at, wl);
      // A job-run timeline records when runs started and how they ended, not their work: that
      // comes from the workload's stages, as for a workload that arrives by itself.
      const bool timeline = w.contains("trace") && w["trace"].is_object() && w["trace"].contains("format") &&
                            w["trace"]["format"] == "job_run_timeline";
      const bool work_from_trace = wl.trace && !timeline;
      if (work_from_trace) {
        if (w.contains("stages"))
          in_.error(at + "/stages", "a trace workload takes its work from the trace", "no \"stages\"", true);
      } else {
        wl.stages = read_stages(w, at, wl.cls);
      }
      wl.result_bytes = quantity(w, at, "result", &FieldReader::size, "size");
      wl.artifact_bytes = quantity(w, at, "artifact", &FieldReader::size, "size");

      if (auto n = in_.integer(w, at, "instances", Need::Optional, 1, 10'000'000)) {
        wl.instances = static_cast<int>(*n);
        // A placement whose own size is invalid (already reported) bounds nothing.
        if (placement && placement->instances >= 1 && wl.instances > placement->instances)
          in_.error(at + "/instances",
                    std::to_string(wl.instances) + " instances, more than the " + std::to_string(placement->instances) +
                        " of placement " + in_quotes(placement->name),
                    "from 1 to " + std::to_string(placement->instances));
        // An autoscaling placement sizes its job runs itself.
        if (placement && placement->autoscales() && wl.cls == WorkloadClass::Job)
          in_.error(at + "/instances",
                    "job runs on placement " + in_quotes(placement->name) + " autoscale from its min_instances (" +
                        std::to_string(placement->min_instances) + ") to its max_instances (" +
                        std::to_string(placement->max_instances) + ")",
                    "no \"instances\" (or no min_instances and max_instances on the placement)", true);
      }
      wl.tasks = static_cast<int>(in_.integer(w, at, "tasks", Need::Optional, 1, 10'000).value_or(1));
      wl.retries = static_cast<int>(in_.integer(w, at, "retries", Need::Optional, 0, 100).value_or(0));
      if (wl.cls != WorkloadClass::Sql) wl.spark = read_spark(in_, w, at);
      wl.unauthorized_fraction = in_.number(w, at, "unauthorized_fraction", Need::Optional, 0, 1).value_or(0);
      if (auto ip = in_.string(w, at, "source_ip", Need::Optional)) {
        if (parse_ipv4(*ip))
          wl.source_ip = *ip;
        else
          in_.error(at + "/source_ip", "\"" + *ip + "\" is not an IPv4 address", "a.b.c.d");
      }
      // The workspace its requests enter, which must be in the region they enter through.
      if (auto ws = in_.string(w, at, "workspace", Need::Optional)) {
        std::vector<std::string> known;
        for (const AccountWorkspaceSpec& a : s_.workspaces) known.push_back(a.name);
        if (known.empty())
          in_.error(at + "/workspace", "a workspace named, but the scenario lists none", "a \"workspaces\" entry");
        else if (in_.known(at + "/workspace", "workspace", *ws, known)) {
          const AccountWorkspaceSpec* a = s_.find_workspace(*ws);
          if (!wl.region.empty() && !a->region.empty() && a->region != wl.region)
            in_.error(
                at + "/workspace",
                "workspace " + in_quotes(*ws) + " is in " + a->region + ", the workload enters through " + wl.region,
                "a workspace of " + wl.region);
          else
            wl.workspace = *ws;
        }
      }
      if (auto principal = in_.string(w, at, "principal", Need::Optional)) {
        std::vector<std::string> principals;
        for (const auto& [name, _] : s_.security.grants) principals.push_back(name);
        if (principals.empty())
          in_.error(at + "/principal", "a principal named, but security.grants lists none",
                    "a \"security.grants\" entry (an empty object for a principal without grants)");
        else if (in_.known(at + "/principal", "principal", *principal, principals))
          wl.principal = *principal;
      }
      if (auto token = in_.string(w, at, "token", Need::Optional)) {
        std::vector<std::string> tokens;
        for (const TokenSpec& t : s_.security_for(wl).tokens) tokens.push_back(t.name);
        if (tokens.empty())
          in_.error(at + "/token", "a token named, but the scenario defines none", "a \"security.tokens\" entry");
        else if (in_.known(at + "/token", "token", *token, tokens))
          wl.token = *token;
      }

      if (auto table = in_.string(w, at, "table", Need::Optional)) {
        if (reference(*table, table_names, at + "/table", "table", "/tables")) wl.table = *table;
      }
      static const std::vector<std::string> kModes = {"append", "merge"};
      if (auto mode = keyword(w, at, "write_mode", Need::Optional, kModes, "write mode")) {
        wl.write_mode = *mode == 0 ? WriteMode::Append : WriteMode::Merge;
        if (!w.contains("table"))
          in_.error(at + "/write_mode", "a write mode without a \"table\" to write", "a \"table\" as well");
      }

      if (wl.cls == WorkloadClass::Streaming)
        wl.trigger = in_.duration(w, at, "trigger", Need::Required, Zero::Rejected).value_or(0);
      s_.workloads.push_back(std::move(wl));
    }
  }

  const json& root_;
  FieldReader& in_;
  Scenario& s_;
};

}  // namespace

void read_workloads(const nlohmann::json& root, FieldReader& in, Scenario& scenario) {
  WorkloadSectionReader(root, in, scenario).read();
}

}  // namespace lakesim::sim
