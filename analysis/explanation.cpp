#include "analysis/explanation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "models/catalog.hpp"
#include "models/deployment.hpp"
#include "models/dr/data_protection.hpp"
#include "models/flows/request_flows.hpp"
#include "models/transfer.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"

namespace lakesim::analysis {

namespace {

namespace sg4 = simgrid::s4u;
using models::RequestFailed;

// How long the explain run may take at most: the job is the scenario's own, however long.
constexpr double kMaxSimulated = 7 * 24 * 3600.0;
constexpr double kLoginBytes = 4e3;          // SAML/OIDC exchange, as at the workspace edge
constexpr double kLibraryBytes = 50e6;       // libraries and init scripts read from DBFS root
constexpr double kLineageBytes = 2e3;
constexpr double kLogBytesPerTask = 256e3;

double now() { return sg4::Engine::get_clock(); }

std::string name_of(std::string_view id) {
  const models::Component* c = models::find_component(id);
  return c ? std::string(c->name) : std::string(id);
}

const sim::WorkloadSpec* first_workload(const sim::Scenario& s, sim::WorkloadClass cls) {
  for (const sim::WorkloadSpec& w : s.workloads)
    if (w.cls == cls && !w.trace) return &w;
  return nullptr;
}

const sim::ComputeSpec* first_placement(const sim::Scenario& s, sim::ComputeKind kind) {
  for (const sim::ComputeSpec& c : s.compute)
    if (c.kind == kind) return &c;
  return nullptr;
}

sim::Distribution fixed(double value) {
  sim::Distribution d;
  d.mean = value;
  return d;
}

// A small request of the class on the first placement of the kind, for scenarios that have no
// workload of that class: one stage of a minute of work reading a gigabyte.
std::optional<sim::WorkloadSpec> illustrative(const sim::Scenario& s, sim::WorkloadClass cls) {
  const sim::ComputeSpec* placement = first_placement(
      s, cls == sim::WorkloadClass::Sql ? sim::ComputeKind::SqlWarehouse : sim::ComputeKind::ServerlessSpark);
  if (!placement) return std::nullopt;
  sim::WorkloadSpec w;
  w.name = cls == sim::WorkloadClass::Sql ? "illustrative-query" : "illustrative-job";
  w.cls = cls;
  w.region = placement->region;
  w.compute = placement->name;
  w.instances = std::min(2, placement->instances);
  sim::StageSpec stage;
  stage.core_seconds = fixed(60);
  stage.read_bytes = fixed(1e9);
  if (cls == sim::WorkloadClass::Job) {
    stage.shuffle_bytes = fixed(256e6);
    stage.write_bytes = fixed(128e6);
  }
  w.stages.push_back(stage);
  w.result_bytes = fixed(cls == sim::WorkloadClass::Sql ? 100e3 : 0);
  return w;
}

std::string bytes_text(double bytes) {
  char buffer[32];
  if (bytes >= 1e9) std::snprintf(buffer, sizeof buffer, "%.1f GB", bytes / 1e9);
  else if (bytes >= 1e6) std::snprintf(buffer, sizeof buffer, "%.1f MB", bytes / 1e6);
  else std::snprintf(buffer, sizeof buffer, "%.0f kB", bytes / 1e3);
  return buffer;
}

// "12.345 s", "3.210 ms", "45 us": readable at every scale.
std::string seconds_text(double s) {
  char buffer[32];
  if (s >= 1) std::snprintf(buffer, sizeof buffer, "%.3f s", s);
  else if (s >= 1e-3) std::snprintf(buffer, sizeof buffer, "%.3f ms", s * 1e3);
  else std::snprintf(buffer, sizeof buffer, "%.0f us", s * 1e6);
  return buffer;
}

std::string duration_words(double s) {
  const auto total = static_cast<long long>(std::llround(s));
  const long long h = total / 3600;
  const long long m = total % 3600 / 60;
  const long long sec = total % 60;
  std::string out;
  if (h > 0) out += std::to_string(h) + " h ";
  if (m > 0) out += std::to_string(m) + " min ";
  if (sec > 0 || out.empty()) out += std::to_string(sec) + " s ";
  out.pop_back();
  return out;
}

// Records the hops of one request as the explain actor makes them.
class PathRecorder {
 public:
  explicit PathRecorder(MeasuredPath& path) : path_(path), origin_(now()) {}

  void hop(std::string_view component_id, const std::string& region, std::string what,
           const std::function<void()>& action) {
    const models::Component* c = models::find_component(component_id);
    const std::string plane = c ? std::string(models::plane_key(c->plane)) : "outside";
    hop_named(c ? std::string(c->name) : std::string(component_id), plane, c ? region : "", std::move(what), action);
  }

  void hop_named(std::string component, std::string plane, std::string region, std::string what,
                 const std::function<void()>& action) {
    const double start = now();
    action();
    path_.hops.push_back({std::move(component), std::move(plane), std::move(region), std::move(what),
                          start - origin_, now() - start});
  }

  void close() { path_.total = now() - origin_; }
  double since_start(double clock) const { return clock - origin_; }

 private:
  MeasuredPath& path_;
  double origin_;
};

// The first replica of a component that is on (the flows start service-to-service hops there).
sg4::Host* live_host(const models::DeployedComponent& c) {
  sg4::Host* h = c.first_live_host();
  return h ? h : c.hosts().front();
}

// The workspace edge as enter_workspace() crosses it, one hop at a time.
void enter(PathRecorder& rec, const models::FlowContext& ctx, const std::string& region, bool ui) {
  const models::RegionDeployment& cp = ctx.deployment.control_plane_for(region);
  const std::string& r = cp.region;
  models::Service& front = *cp.services.at(ui ? "workspace_ui" : "workspace_apis");
  models::Service& auth = *cp.services.at("authentication_sso");
  rec.hop(ui ? "workspace_ui" : "workspace_apis", r,
          ui ? "the user's browser sends the request to the workspace" : "the client calls the REST API with a token",
          [&] { front.call(ctx.client); });
  rec.hop("authentication_sso", r, ui ? "checks the interactive session" : "validates the token",
          [&] { auth.call(live_host(front)); });
  if (ui) {
    sg4::Host* idp = ctx.deployment.platform().external(sim::ExternalSystem::IdentityProvider);
    rec.hop_named("Identity provider", "outside", "", "SAML / OIDC sign-in round trip over the Internet", [&] {
      models::transfer(live_host(auth), idp, kLoginBytes, "identity provider");
      models::transfer(idp, live_host(auth), kLoginBytes, "identity provider");
    });
  }
  rec.hop("users_and_groups", r, "resolves the user and their groups",
          [&] { cp.stores.at("users_and_groups")->read(live_host(auth)); });
  rec.hop("permissions_rbac", r, "authorizes the action",
          [&] { cp.services.at("permissions_rbac")->call(live_host(front)); });
  if (cp.audit_logs)
    rec.hop("audit_logs", r, "records the access (buffered, shipped to the SIEM in batches)",
            [&] { cp.audit_logs->append(1); });
}

void explain_job(MeasuredPath& path, const models::FlowContext& ctx, const sim::WorkloadSpec& spec,
                 sim::RandomStream& rng) {
  models::Deployment& d = ctx.deployment;
  const models::WorkSample work = models::sample_work(spec, rng);
  models::ComputePool& pool = d.spark_pool(spec.compute);
  path.title = "job " + spec.name + ": " + std::to_string(work.instances) + " instance(s) of " + spec.compute + " in " +
               pool.region() + (spec.table.empty() ? "" : ", writing Delta table " + spec.table);
  PathRecorder rec(path);
  try {
    enter(rec, ctx, spec.region, false);
    const models::RegionDeployment& cp = d.control_plane_for(spec.region);
    const models::RegionDeployment& data = d.region(pool.region());
    sg4::Host* scheduler = cp.services.at("job_scheduler")->hosts().front();
    rec.hop("job_scheduler", cp.region, "accepts the run", [&] { cp.services.at("job_scheduler")->call(ctx.client); });
    rec.hop("workflows", cp.region, "expands the task graph", [&] { cp.services.at("workflows")->call(scheduler); });
    rec.hop("cluster_management", cp.region, "asks the data plane for compute",
            [&] { cp.services.at("cluster_management")->call(scheduler); });
    std::vector<sg4::Host*> instances;
    rec.hop("serverless_spark_compute", data.region,
            "leases " + std::to_string(work.instances) + " instance(s) (cold ones start first)",
            [&] { instances = models::start_cluster(ctx, spec, pool, work.instances); });
    try {
      sg4::Host* driver = instances.front();
      rec.hop("dbfs_root", data.region, "reads libraries and init scripts (" + bytes_text(kLibraryBytes) + ")",
              [&] { data.datasets.at("dbfs_root")->read(driver, kLibraryBytes, 10, 4); });
      models::SparkExecution spark(instances, data.shuffle);
      models::Dataset* external = data.datasets.at("external_tables");
      models::Dataset* volumes = data.datasets.at("unity_catalog_volumes");
      const models::StorageAccess read = [external, volumes](sg4::Host* host, double bytes) {
        const int connections = host->get_core_count();
        external->read(host, bytes * 0.7, std::max(1.0, bytes * 0.7 / 64e6), connections);
        volumes->read(host, bytes * 0.3, std::max(1.0, bytes * 0.3 / 64e6), connections);
      };
      models::DeltaTable* table = spec.table.empty() ? nullptr : &d.table(spec.table);
      models::Dataset* output = data.datasets.at("delta_table_data");
      for (int task = 0; task < spec.tasks; ++task) {
        const std::string prefix = spec.tasks > 1 ? "task " + std::to_string(task + 1) + ": " : "";
        rec.hop("unity_catalog", cp.region, prefix + "resolves tables and grants for the cluster",
                [&] { cp.services.at("unity_catalog")->call(driver); });
        rec.hop("metastore", cp.region, prefix + "reads table metadata",
                [&] { cp.stores.at("metastore")->read(driver); });
        double written = 0;
        for (std::size_t i = 0; i < work.stages.size(); ++i) {
          const models::StageWork& stage = work.stages[i];
          written += stage.write_bytes;
          std::string what = prefix + "stage " + std::to_string(i + 1) + ": ";
          if (stage.read_bytes > 0)
            what += "reads " + bytes_text(stage.read_bytes) + " from External Tables and Volumes, ";
          what += "computes " + duration_words(stage.core_seconds) + " of core time";
          if (stage.shuffle_bytes > 0)
            what += ", shuffles " + bytes_text(stage.shuffle_bytes) + " through Temporary Spark Shuffle Data";
          const models::StorageAccess write = table ? models::StorageAccess{} : [output](sg4::Host* h, double b) {
            output->write(h, b, std::max(1.0, b / 128e6), h->get_core_count());
          };
          if (!table && stage.write_bytes > 0) what += ", writes " + bytes_text(stage.write_bytes) + " of files";
          rec.hop("serverless_spark_compute", data.region, what, [&] { spark.run_stage(stage, read, write); });
        }
        if (table && written > 0) {
          rec.hop_named("Delta Table Data + Delta Transaction Logs", "data", table->data().region(),
                        prefix + "writes " + bytes_text(written) + " of data files to table " + table->name() +
                            ", then commits the next version (put-if-absent)",
                        [&] {
                          table->write(driver, written,
                                       spec.write_mode == sim::WriteMode::Merge ? models::DeltaWriteMode::Merge
                                                                                : models::DeltaWriteMode::Append,
                                       spec.name, driver->get_core_count() * static_cast<int>(instances.size()));
                        });
        }
        rec.hop("data_lineage", cp.region, prefix + "records lineage",
                [&] { cp.stores.at("data_lineage")->write(driver, kLineageBytes); });
        if (data.job_logs)
          rec.hop("job_execution_logs", data.region, prefix + "appends the task's Spark logs (shipped in batches)",
                  [&] { data.job_logs->append(1, kLogBytesPerTask); });
      }
    } catch (...) {
      pool.release(instances);
      throw;
    }
    rec.hop("serverless_spark_compute", data.region, "releases the instances", [&] { pool.release(instances); });
    if (cp.audit_logs) rec.hop("audit_logs", cp.region, "records the run's end", [&] { cp.audit_logs->append(2); });
  } catch (const RequestFailed& failure) {
    path.failure = failure.what();
  }
  rec.close();
}

void explain_query(MeasuredPath& path, const models::FlowContext& ctx, const sim::WorkloadSpec& spec,
                   sim::RandomStream& rng) {
  models::Deployment& d = ctx.deployment;
  const models::WorkSample work = models::sample_work(spec, rng);
  models::SqlWarehouse& warehouse = d.warehouse(spec.compute);
  path.title = "SQL query " + spec.name + ": warehouse " + spec.compute + " in " + warehouse.region();
  PathRecorder rec(path);
  try {
    enter(rec, ctx, spec.region, true);
    const models::RegionDeployment& cp = d.control_plane_for(spec.region);
    const models::RegionDeployment& data = d.region(warehouse.region());
    sg4::Host* ui = cp.services.at("workspace_ui")->hosts().front();
    const models::StageWork& stage = work.stages.front();
    rec.hop("sql_warehouse_management", cp.region, "routes the query to a running warehouse",
            [&] { cp.services.at("sql_warehouse_management")->call(ui); });
    rec.hop("sql_query_planner", cp.region, "parses and optimises it (work grows with the data touched)",
            [&] { cp.services.at("sql_query_planner")->call(ui, 1.0 + std::log10(1.0 + stage.read_bytes / 1e9)); });
    rec.hop("unity_catalog", cp.region, "checks grants on the tables",
            [&] { cp.services.at("unity_catalog")->call(ui); });
    rec.hop("metastore", cp.region, "reads table metadata", [&] { cp.stores.at("metastore")->read(ui); });

    double reading = 0;
    const auto read = [&](const std::vector<sg4::Host*>& instances, double bytes) {
      const double start = now();
      models::read_query_tables(data, instances, bytes);
      reading += now() - start;
    };
    models::QueryWork q;
    q.core_seconds = stage.core_seconds;
    q.read_bytes = stage.read_bytes;
    q.result_bytes = work.result_bytes;
    const double start = now();
    const models::QueryTiming timing = warehouse.run(q, read);
    // One call runs slot wait, reads and execution; they are told as three hops.
    const double base = rec.since_start(start);
    path.hops.push_back({name_of("sql_warehouse_compute"), "data", data.region,
                         "waits for a free slot on a running cluster", base, timing.queued});
    path.hops.push_back({"Delta Transaction Logs + Managed Tables + UC Managed Storage", "data", data.region,
                         "reads the snapshot pointer and " + bytes_text(stage.read_bytes) + " of table files",
                         base + timing.queued, reading});
    path.hops.push_back({name_of("sql_warehouse_compute"), "data", data.region,
                         "executes " + duration_words(stage.core_seconds) + " of core time on its slot",
                         base + timing.queued + reading, std::max(0.0, timing.executed - reading)});
    if (work.result_bytes > 0) {
      sg4::Host* worker = warehouse.cluster_hosts(timing.cluster).front();
      rec.hop_named("Client", "outside", "", "receives the result (" + bytes_text(work.result_bytes) + ")",
                    [&] { models::transfer(worker, ctx.client, work.result_bytes, "SQL Warehouse Compute"); });
    }
    if (cp.audit_logs) rec.hop("audit_logs", cp.region, "records the query", [&] { cp.audit_logs->append(1); });
  } catch (const RequestFailed& failure) {
    path.failure = failure.what();
  }
  rec.close();
}

}  // namespace

Explanation measure_explanation(const sim::Scenario& scenario, const std::vector<std::string>& engine_flags) {
  // The healthy architecture: no faults; workloads stay (their placements and checks) but no
  // driver runs them.
  sim::Scenario quiet = scenario;
  quiet.faults.clear();
  Explanation out;
  sim::Simulation simulation(quiet, engine_flags);
  models::Deployment deployment(quiet, simulation.platform());
  sim::EventLog log;
  const models::DataProtection protection(deployment, log);
  for (const models::ProtectedData& p : protection.entries())
    out.protection.push_back({p.component, p.name, p.region, models::to_string(p.practice)});

  const sim::Platform& platform = simulation.platform();
  for (std::size_t i = 0; i < quiet.regions.size(); ++i) {
    for (std::size_t j = i + 1; j < quiet.regions.size(); ++j) {
      sg4::Host* a = platform.s3_endpoint(quiet.regions[i].name);
      sg4::Host* b = platform.s3_endpoint(quiet.regions[j].name);
      std::vector<sg4::Link*> links;
      double latency = 0;
      a->route_to(b, links, &latency);
      double bandwidth = std::numeric_limits<double>::infinity();
      for (const sg4::Link* l : links) bandwidth = std::min(bandwidth, l->get_bandwidth());
      out.region_links.push_back({quiet.regions[i].name, quiet.regions[j].name, latency, bandwidth});
    }
  }

  std::optional<sim::WorkloadSpec> job;
  if (const sim::WorkloadSpec* w = first_workload(quiet, sim::WorkloadClass::Job)) job = *w;
  else job = illustrative(quiet, sim::WorkloadClass::Job);
  std::optional<sim::WorkloadSpec> query;
  if (const sim::WorkloadSpec* w = first_workload(quiet, sim::WorkloadClass::Sql)) query = *w;
  else query = illustrative(quiet, sim::WorkloadClass::Sql);
  if (!job) out.job.failure = "the scenario has no Serverless Spark placement to run a job on";
  if (!query) out.query.failure = "the scenario has no SQL warehouse placement to run a query on";

  // The platform's own actors (autoscalers, log shipping, replication) run as in any run; they are
  // daemons, so the engine stops once the explain actor is done.
  deployment.start();
  sg4::Host* client = platform.external(sim::ExternalSystem::Clients);
  sg4::Actor::create("explain", client, [&] {
    const models::FlowContext ctx{deployment, log, client};
    // One request at a time, so each hop's time is the architecture's, not contention's.
    if (job) {
      sim::RandomStream rng(quiet.seed, "explain/" + job->name);
      explain_job(out.job, ctx, *job, rng);
    }
    if (query) {
      sim::RandomStream rng(quiet.seed, "explain/" + query->name);
      explain_query(out.query, ctx, *query, rng);
    }
  });
  simulation.engine().run_until(kMaxSimulated);
  return out;
}

namespace {

const char* archetype_words(models::Archetype a) {
  switch (a) {
    case models::Archetype::Service: return "a service: answers requests, keeps no data of its own";
    case models::Archetype::MetadataStore: return "a metadata store: keeps versioned state about the workspace";
    case models::Archetype::LogSink: return "a log: records appended and shipped out in batches";
    case models::Archetype::ComputePool: return "compute: instances in the customer's account that process data";
    case models::Archetype::Dataset: return "a dataset: objects under a prefix of the region's S3";
    case models::Archetype::Scratch: return "scratch: files on the instances' local disks";
  }
  return "";
}

std::string regions_with(const sim::Scenario& s, const models::Component& c) {
  std::vector<std::string> regions;
  for (const sim::RegionSpec& r : s.regions) {
    bool has_control = false;
    for (const sim::ControlPlaneSpec& cp : s.control_plane) has_control = has_control || cp.region == r.name;
    bool has_spark = false, has_sql = false, has_compute = false;
    for (const sim::ComputeSpec& c2 : s.compute) {
      if (c2.region != r.name) continue;
      has_compute = true;
      has_spark = has_spark || c2.kind == sim::ComputeKind::ServerlessSpark;
      has_sql = has_sql || c2.kind == sim::ComputeKind::SqlWarehouse;
    }
    bool here = false;
    if (c.plane == models::Plane::Control) here = has_control;
    else if (c.id == "serverless_spark_compute" || c.id == "temporary_spark_shuffle_data") here = has_spark;
    else if (c.id == "sql_warehouse_compute") here = has_sql;
    else here = has_control || has_compute;
    if (here) regions.push_back(r.name);
  }
  std::string out;
  for (const std::string& r : regions) out += (out.empty() ? "" : ", ") + r;
  return out.empty() ? "not deployed in this scenario" : "deployed in " + out;
}

std::string schedule_words(const sim::PeriodicSyncSpec& p) {
  std::string out = "every " + duration_words(p.every);
  if (p.copy_time >= 0) out += ", each copy taking " + duration_words(p.copy_time);
  else if (p.startup > 0) out += ", each copy starting after " + duration_words(p.startup);
  return out;
}

// What a component protected so loses when its region goes: the scenario's own schedules.
std::string loss_words(const std::string& practice, const sim::Scenario& s) {
  const sim::DrSpec* dr = s.dr ? &*s.dr : nullptr;
  if (practice == "s3_replication") {
    std::string lag = "the built-in CRR lag model";
    if (s.replication && (s.replication->lag || !s.replication->lag_by_dataset.empty())) lag = "the scenario's own lag model";
    else if (s.replication && s.replication->rtc) lag += " with Replication Time Control: most objects in seconds";
    else lag += " without RTC: most objects within minutes, a few after hours";
    return "the writes still in the replication queue when the region fails (" + lag + ")";
  }
  if (practice == "deep_clone" && dr)
    return "the commits since the last deep clone (" + schedule_words(dr->deep_clone) + ")";
  if (practice == "metadata_export" && dr)
    return "the changes since the last export (" + schedule_words(dr->metadata_export) + ")";
  if (practice == "git_sync" && dr) return "the changes not yet pushed to Git (" + schedule_words(dr->git_sync) + ")";
  if (practice == "siem")
    return "only the records not yet shipped: the batch of the last " +
           duration_words(models::LogSinkConfig{}.ship_interval);
  if (practice == "identity_provider") return "nothing: users and groups live in the identity provider";
  if (practice == "regenerate") return "all of it, until notebooks are rerun on the data";
  if (practice == "rebuild") return "the index, until it is rebuilt from the replicated embeddings";
  if (practice == "recompute") return "nothing that matters: the job that needs it recomputes it";
  return "everything it holds, while the region is out (all of it if the region never returns)";
}

std::string practice_words(const std::string& practice) {
  if (practice == "s3_replication") return "S3 cross-region replication";
  if (practice == "deep_clone") return "DEEP CLONE into a replica table";
  if (practice == "metadata_export") return "periodic metadata export";
  if (practice == "git_sync") return "Git sync";
  if (practice == "siem") return "shipped to the SIEM outside the region";
  if (practice == "identity_provider") return "held by the identity provider";
  if (practice == "regenerate") return "not protected (regenerated from data)";
  if (practice == "rebuild") return "not protected (rebuilt from replicated embeddings)";
  if (practice == "recompute") return "not protected (recomputed)";
  return "not protected";
}

void write_path(std::ostringstream& out, const MeasuredPath& path) {
  out << "  " << path.title << "\n";
  if (path.hops.empty() && !path.failure.empty()) {
    out << "  (not measured: " << path.failure << ")\n";
    return;
  }
  int step = 1;
  char line[96];
  for (const Hop& h : path.hops) {
    const std::string where = h.plane == "outside" ? "outside AWS"
                                                   : (h.plane == "control" ? "control plane" : "data plane") +
                                                         std::string(", ") + h.region;
    std::snprintf(line, sizeof line, "  %2d. at %11s  took %11s  ", step++, seconds_text(h.start).c_str(),
                  seconds_text(h.seconds).c_str());
    out << line << h.component << " (" << where << "): " << h.what << "\n";
  }
  if (!path.failure.empty()) out << "  It stopped: " << path.failure << "\n";
  double control = 0, data = 0, outside = 0;
  for (const Hop& h : path.hops) (h.plane == "control" ? control : h.plane == "data" ? data : outside) += h.seconds;
  out << "  Total " << seconds_text(path.total) << ": control plane " << seconds_text(control) << ", data plane "
      << seconds_text(data) << ", outside AWS " << seconds_text(outside) << ".\n";
}

}  // namespace

std::string explanation_text(const sim::Scenario& s, const Explanation& m) {
  std::ostringstream out;
  out << "Scenario " << s.name << (s.variant.empty() ? "" : " (variant " + s.variant + ")") << "\n";
  if (!s.description.empty()) out << s.description << "\n";

  out << "\n== Regions and availability zones\n"
      << "A region is a separate AWS location with its own services and its own S3; an outage of one region\n"
      << "leaves the others running. An availability zone (AZ) is an isolated data centre inside a region;\n"
      << "components spread over several AZs survive the loss of one. In this scenario hosts in one AZ are "
      << seconds_text(s.network.intra_az.latency) << " apart,\nhosts in two AZs of a region "
      << seconds_text(s.network.inter_az.latency) << " (one way).\n";
  for (const sim::RegionSpec& r : s.regions) {
    out << "- " << r.name << ": AZs";
    for (const std::string& az : r.azs) out << " " << az;
    out << "; S3 endpoint " << r.name << "\n";
    for (const sim::ControlPlaneSpec& cp : s.control_plane) {
      if (cp.region != r.name) continue;
      out << "    control plane: " << cp.hosts_per_az << " x " << cp.instance_type << " per AZ in";
      for (const std::string& az : cp.azs) out << " " << az;
      out << "\n";
    }
    for (const sim::ComputeSpec& c : s.compute) {
      if (c.region != r.name) continue;
      out << "    compute " << c.name << " (" << sim::to_string(c.kind) << "): " << c.instances << " x "
          << c.instance_type << " in";
      for (const std::string& az : c.azs) out << " " << az;
      out << "\n";
    }
  }
  for (const Explanation::RegionLink& l : m.region_links)
    out << "- between " << l.a << " and " << l.b << ": " << seconds_text(l.latency) << " one way, "
        << bytes_text(l.bandwidth) << "/s at the narrowest link\n";

  out << "\n== Control plane and data plane\n"
      << "The control plane is run by Databricks in its own AWS account: the workspace, identity, scheduling,\n"
      << "query planning and governance. It holds metadata about your work, not your data. The data plane is\n"
      << "in your account: the compute that processes data and the S3 buckets that hold it, so your data stays\n"
      << "in your account. Requests enter through the control plane, which then drives the data plane.\n";
  for (const models::Plane plane : {models::Plane::Control, models::Plane::Data}) {
    out << "\n" << models::to_string(plane) << ":\n";
    for (const models::Component& c : models::catalog()) {
      if (c.plane != plane) continue;
      out << "- " << c.name << ": " << c.purpose << ". Runs on " << c.where_it_runs << "; "
          << archetype_words(c.archetype) << "; " << regions_with(s, c) << ".\n";
    }
  }

  out << "\n== The path of one job, hop by hop (simulated alone on this platform)\n";
  write_path(out, m.job);
  out << "\n== The path of one SQL query, hop by hop (simulated alone on this platform)\n";
  write_path(out, m.query);

  out << "\n== Disaster recovery under this scenario\n";
  if (s.dr && s.dr->strategy != sim::DrStrategy::None) {
    const sim::DrSpec& dr = *s.dr;
    out << "Strategy " << sim::to_string(dr.strategy) << ": " << dr.primary << " is protected by " << dr.secondary
        << ". An outage is declared after " << dr.failure_threshold << " failed health checks, one every "
        << duration_words(dr.health_check_interval) << "; then decision " << duration_words(dr.decision)
        << ", infrastructure " << duration_words(dr.infrastructure) << ", compute " << sim::to_string(dr.compute)
        << (dr.restore ? ", restore from backups" : "") << ", DNS TTL " << duration_words(dr.dns_ttl) << ".\n";
  } else {
    out << "No DR strategy: nothing fails over. A region outage stops what runs there until it returns.\n";
  }
  if (s.replication && s.replication->enabled) {
    out << "S3 replication " << s.replication->from << " -> " << s.replication->to
        << (s.replication->rtc ? " with Replication Time Control" : " without RTC") << " of:";
    for (const std::string& d : s.replication->datasets) out << " " << d;
    out << ".\n";
  } else {
    out << "No S3 replication: data-plane buckets exist in one region only.\n";
  }
  std::string home = s.regions.empty() ? "" : s.regions.front().name;
  if (s.dr && s.dr->strategy != sim::DrStrategy::None) home = s.dr->primary;
  else if (s.replication && s.replication->enabled) home = s.replication->from;
  out << "For each component of " << home << ": the matrix's DR practice, what this scenario does, and what a\n"
      << "region outage would lose (a run with a region_outage fault counts it: results.json \"data_loss\").\n";
  for (const models::Component& c : models::catalog()) {
    out << "- " << c.name << " (practice: " << c.dr_practice << "): ";
    std::vector<const ProtectionEntry*> entries;
    for (const ProtectionEntry& e : m.protection)
      if (e.component == c.id && e.region == home) entries.push_back(&e);
    if (entries.empty()) {
      if (c.archetype == models::Archetype::Service || c.archetype == models::Archetype::ComputePool) {
        std::string standby;
        for (const sim::RegionSpec& r : s.regions)
          if (r.name != home && regions_with(s, c).find(r.name) != std::string::npos)
            standby += (standby.empty() ? "" : ", ") + r.name;
        out << "holds no data; recovery means running it elsewhere: "
            << (standby.empty() ? "no other region has one here" : "also deployed in " + standby);
        if (s.dr && s.dr->strategy != sim::DrStrategy::None && standby.find(s.dr->secondary) != std::string::npos)
          out << "; the DR strategy moves its users to " << s.dr->secondary << " after a failover";
        out << ".\n";
      } else {
        out << "not deployed in " << home << ".\n";
      }
      continue;
    }
    // One line when the component is its own only entry; Delta tables get a line each.
    const bool single = entries.size() == 1 && entries.front()->name.find('@') != std::string::npos;
    for (const ProtectionEntry* e : entries)
      out << (single ? "" : "\n    " + e->name + ": ") << practice_words(e->practice) << "; an outage loses "
          << loss_words(e->practice, s) << (single ? ".\n" : ".");
    if (!single) out << "\n";
  }
  return out.str();
}

}  // namespace lakesim::analysis
