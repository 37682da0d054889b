#include "assembly/explanation.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <optional>
#include <sstream>

#include "models/deployment.hpp"
#include "models/dr/data_protection.hpp"
#include "models/dr/failover.hpp"
#include "models/flows/hop.hpp"
#include "models/flows/request_flows.hpp"
#include "models/measurement/service_probes.hpp"
#include "models/storage/metadata_state.hpp"
#include "scenario/catalog.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulation.hpp"

namespace lakesim::assembly {

namespace {

namespace sg4 = simgrid::s4u;

// How long the explain run may take at most: the job is the scenario's own, however long.
constexpr double kMaxSimulated = 7 * 24 * 3600.0;

double now() { return sg4::Engine::get_clock(); }

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

// The request explained for a class: the scenario's first workload of it, else an illustrative one.
std::optional<sim::WorkloadSpec> explained_request(const sim::Scenario& s, sim::WorkloadClass cls) {
  if (const sim::WorkloadSpec* w = first_workload(s, cls)) return *w;
  return illustrative(s, cls);
}

// "12.345 s", "3.210 ms", "45 us": readable at every scale.
std::string seconds_text(double s) {
  char buffer[32];
  if (s >= 1)
    std::snprintf(buffer, sizeof buffer, "%.3f s", s);
  else if (s >= 1e-3)
    std::snprintf(buffer, sizeof buffer, "%.3f ms", s * 1e3);
  else
    std::snprintf(buffer, sizeof buffer, "%.0f us", s * 1e6);
  return buffer;
}

std::string duration_words(double s) { return models::duration_words(s); }

// The systems outside AWS a request reaches, by the names the flows record them under.
std::string outside_name(const std::string& id) {
  if (id == "identity_provider") return "Identity provider";
  if (id == "client") return "Client";
  return id;
}

// A catalogue component, or one a deployment choice adds (the relay, PrivateLink, classic compute).
const models::Component* component_for(const std::string& id) {
  if (const models::Component* c = models::find_component(id)) return c;
  for (const models::Component& c : models::account_components())
    if (c.id == id) return &c;
  return nullptr;
}

// A recorded hop as the explanation tells it: names for ids (several joined by '+' become
// "A + B"), the plane of the first, times from the request's start.
Hop told(const models::RecordedHop& recorded, double origin) {
  Hop hop;
  hop.component_id = recorded.component;
  const models::Component* first = nullptr;
  std::size_t from = 0;
  while (from <= recorded.component.size()) {
    std::size_t to = recorded.component.find('+', from);
    if (to == std::string::npos) to = recorded.component.size();
    const std::string id = recorded.component.substr(from, to - from);
    const models::Component* c = component_for(id);
    if (from == 0) first = c;
    hop.component += (hop.component.empty() ? "" : " + ") + (c ? std::string(c->name) : outside_name(id));
    from = to + 1;
  }
  hop.plane = first ? std::string(models::plane_key(first->plane)) : "outside";
  hop.region = first ? recorded.region : "";
  hop.host = recorded.host;
  hop.what = recorded.what;
  hop.start = recorded.start - origin;
  hop.seconds = recorded.end - recorded.start;
  return hop;
}

// Runs one request of `spec` through the real flow, alone, from now, with a recorder attached.
void measure(MeasuredPath& path, models::Deployment& deployment, sim::EventLog& log, sg4::Host* client,
             const sim::WorkloadSpec& spec, const models::WorkSample& work) {
  models::HopList hops;
  const models::FlowContext ctx{deployment, log, client, &hops};
  const double origin = now();
  path.began = origin;
  try {
    models::run_request(ctx, deployment.routing().route(spec), work, true);
  } catch (const models::RequestFailed& failure) {
    path.failure = failure.what();
  }
  path.total = now() - origin;
  for (const models::RecordedHop& h : hops.hops()) path.hops.push_back(told(h, origin));
}

std::string job_title(const sim::WorkloadSpec& spec, const models::WorkSample& work, const models::Deployment& d) {
  return "job " + spec.name + ": " + std::to_string(work.instances) + " instance(s) of " + spec.compute + " in " +
         d.spark_pool(spec.compute).region() + (spec.table.empty() ? "" : ", writing Delta table " + spec.table);
}

std::string query_title(const sim::WorkloadSpec& spec, const models::Deployment& d) {
  return "SQL query " + spec.name + ": warehouse " + spec.compute + " in " + d.warehouse(spec.compute).region();
}

}  // namespace

Explanation measure_explanation(const sim::Scenario& scenario, const std::vector<std::string>& engine_flags) {
  // The healthy architecture: no faults; workloads stay (their placements and checks) but no
  // driver runs them. An illustrative request joins them, so that it is deployed like one.
  sim::Scenario quiet = scenario;
  quiet.faults.clear();
  const std::optional<sim::WorkloadSpec> job = explained_request(quiet, sim::WorkloadClass::Job);
  const std::optional<sim::WorkloadSpec> query = explained_request(quiet, sim::WorkloadClass::Sql);
  for (const std::optional<sim::WorkloadSpec>& w : {job, query})
    if (w && !first_workload(quiet, w->cls)) quiet.workloads.push_back(*w);

  Explanation out;
  sim::Simulation simulation(quiet, engine_flags);
  models::Deployment deployment(quiet, simulation.platform());
  sim::EventLog log;
  models::DataProtection protection(deployment, log);
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

  if (!job) out.job.failure = "the scenario has no Serverless Spark placement to run a job on";
  if (!query) out.query.failure = "the scenario has no SQL warehouse placement to run a query on";

  // The platform's own actors (autoscalers, log shipping, replication, DR copies, monitoring
  // probes, the DR health checks) run as in any run (assembly/scenario_run.cpp; tests/scenario/test_explain_hops.cpp
  // fails if the two differ); they are daemons, so the engine stops once the explain actor is done.
  deployment.start();
  models::write_metadata_state(deployment);  // the state the scenario defines, into the stores
  protection.start(quiet.duration);
  models::ServiceProbes probes(deployment);
  probes.start(quiet.duration);
  std::optional<models::Failover> failover;
  if (deployment.dr()) {
    failover.emplace(deployment, log);
    failover->set_data_protection(&protection);
    failover->use_managed_replication(protection.managed());
    failover->start(quiet.duration);
  }
  sg4::Host* client = platform.external(sim::ExternalSystem::Clients);
  sg4::Actor::create("explain", client, [&] {
    // One request at a time, so each hop's time is the architecture's, not contention's. Each
    // has the sizes a run draws for its workload's first request.
    if (job) {
      sim::RandomStream sizes(quiet.seed, "workload/" + job->name + "/sizes");
      const models::WorkSample work = models::sample_work(*job, sizes);
      out.job.title = job_title(*job, work, deployment);
      measure(out.job, deployment, log, client, *job, work);
    }
    if (query) {
      sim::RandomStream sizes(quiet.seed, "workload/" + query->name + "/sizes");
      const models::WorkSample work = models::sample_work(*query, sizes);
      out.query.title = query_title(*query, deployment);
      measure(out.query, deployment, log, client, *query, work);
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
    if (c.plane == models::Plane::Control)
      here = has_control;
    else if (c.which == models::ComponentId::ServerlessSparkCompute ||
             c.which == models::ComponentId::TemporarySparkShuffleData)
      here = has_spark;
    else if (c.which == models::ComponentId::SqlWarehouseCompute)
      here = has_sql;
    else
      here = has_control || has_compute;
    if (here) regions.push_back(r.name);
  }
  std::string out;
  for (const std::string& r : regions) out += (out.empty() ? "" : ", ") + r;
  return out.empty() ? "not deployed in this scenario" : "deployed in " + out;
}

std::string schedule_words(const sim::PeriodicSyncSpec& p) {
  std::string out = "every " + duration_words(p.every);
  if (p.copy_time >= 0)
    out += ", each copy taking " + duration_words(p.copy_time);
  else if (p.startup > 0)
    out += ", each copy starting after " + duration_words(p.startup);
  return out;
}

// What a component protected so loses when its region goes: the scenario's own schedules.
std::string loss_words(const std::string& practice, const sim::Scenario& s) {
  const sim::DrSpec* dr = s.dr ? &*s.dr : nullptr;
  if (practice == "s3_replication") {
    std::string lag = "the built-in CRR lag model";
    if (s.replication && (s.replication->lag || !s.replication->lag_by_dataset.empty()))
      lag = "the scenario's own lag model";
    else if (s.replication && s.replication->rtc)
      lag += " with Replication Time Control: most objects in seconds";
    else
      lag += " without RTC: most objects within minutes, a few after hours";
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
    const std::string where =
        h.plane == "outside" ? "outside AWS"
                             : (h.plane == "control" ? "control plane" : "data plane") + std::string(", ") + h.region;
    std::snprintf(line, sizeof line, "  %2d. at %11s  took %11s  ", step++, seconds_text(h.start).c_str(),
                  seconds_text(h.seconds).c_str());
    out << line << h.component << " (" << where << "): " << h.what;
    // Outside AWS the component is its own host.
    if (h.plane != "outside" && !h.host.empty()) out << "; on " << h.host;
    out << "\n";
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
        << models::bytes_words(l.bandwidth) << "/s at the narrowest link\n";

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
    if (dr.strategy == sim::DrStrategy::Managed) {
      out << "Databricks Managed DR, " << sim::to_string(dr.managed.failover) << " failover; replication "
          << (dr.managed.lag >= 0 ? "with a fixed lag of " + duration_words(dr.managed.lag)
                                  : "simulated, a cycle every " + duration_words(dr.managed.cycle))
          << "; failover groups:";
      for (const sim::FailoverGroupSpec& g : dr.managed.groups) {
        std::size_t tables = 0;
        for (const sim::ManagedCatalogSpec& c : g.catalogs) tables += c.tables.size();
        out << " " << g.name << " (" << g.catalogs.size() << " catalogs, " << tables << " tables"
            << (g.workspace_assets ? ", workspace assets" : "") << ")";
      }
      out << ".\n";
    }
  } else {
    out << "No DR strategy: nothing fails over. A region outage stops what runs there until it returns.\n";
  }
  if (s.replication && s.replication->enabled) {
    out << "S3 replication " << s.replication->from << " -> " << s.replication->to
        << (s.replication->rtc ? " with Replication Time Control" : " without RTC") << " of:";
    for (const models::ComponentId d : s.replication->datasets) out << " " << models::key(d);
    out << ".\n";
  } else {
    out << "No S3 replication: data-plane buckets exist in one region only.\n";
  }
  std::string home = s.regions.empty() ? "" : s.regions.front().name;
  if (s.dr && s.dr->strategy != sim::DrStrategy::None)
    home = s.dr->primary;
  else if (s.replication && s.replication->enabled)
    home = s.replication->from;
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

}  // namespace lakesim::assembly
