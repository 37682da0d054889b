#include "models/flows/hop.hpp"
#include "models/flows/request_flows.hpp"
#include "models/transfer.hpp"
#include "sim/host_watch.hpp"

#include "models/workload/distribution_sampler.hpp"

namespace lakesim::models {

namespace {
constexpr double kLoginBytes = 4e3;  // SAML/OIDC exchange with the identity provider

// The first replica of a component that is on: where a service-to-service hop starts.
sg4::Host* live_host(const DeployedComponent& c) {
  if (sg4::Host* h = c.first_live_host()) return h;
  throw RequestFailed(FailureCause::RegionUnavailable, c.label());
}
}  // namespace

WorkSample sample_work(const sim::WorkloadSpec& spec, sim::RandomStream& rng) {
  WorkSample w;
  for (const sim::StageSpec& s : spec.stages) {
    StageWork st;
    st.core_seconds = sample(s.core_seconds, rng);
    st.read_bytes = sample(s.read_bytes, rng);
    st.shuffle_bytes = sample(s.shuffle_bytes, rng);
    st.write_bytes = sample(s.write_bytes, rng);
    // Only a stage whose tasks differ draws from the stream, so that others keep their samples.
    if (spec.spark.task_spread > 0 || spec.spark.straggler_fraction > 0) st.task_seed = rng.next_u64();
    w.stages.push_back(st);
  }
  w.result_bytes = sample(spec.result_bytes, rng);
  w.artifact_bytes = sample(spec.artifact_bytes, rng);
  w.instances = spec.instances;
  return w;
}

void enter_workspace(const FlowContext& ctx, const sim::WorkloadSpec& spec, Edge edge, bool authorized) {
  Deployment& d = ctx.deployment;
  const RegionDeployment& cp = d.control_plane_for(spec);
  const bool ui = edge == Edge::Ui;
  Service& front = *cp.services.at(ui ? ComponentId::WorkspaceUi : ComponentId::WorkspaceApis);
  hop(
      ctx, front,
      [ui] {
        return ui ? "the user's browser sends the request to the workspace"
                  : "the client calls the REST API with a token";
      },
      [&] { return front.call(ctx.client).replica; });
  try {
    d.access(spec).admit_request(spec, edge == Edge::Api, sg4::Engine::get_clock());
  } catch (const RequestFailed& refusal) {
    front.count_failure(refusal.cause());
    throw;
  }
  Service& auth = *cp.services.at(ComponentId::AuthenticationSso);
  hop(
      ctx, auth, [ui] { return ui ? "checks the interactive session" : "validates the token"; },
      [&] { return auth.call(front.hosts().front()->is_on() ? front.hosts().front() : ctx.client).replica; });
  if (ui) {
    // Interactive sessions sign in through the customer's identity provider.
    sg4::Host* from = live_host(auth);
    sg4::Host* idp = d.platform().external(sim::ExternalSystem::IdentityProvider);
    try {
      hop(
          ctx, "identity_provider", "", [] { return "SAML / OIDC sign-in round trip over the Internet"; },
          [&] {
            round_trip(from, idp, kLoginBytes, kLoginBytes, "identity provider");
            return idp;
          });
    } catch (const RequestFailed& failure) {
      // One cause per failure: the component counts what the request reports (host_down when
      // the identity provider is unreachable).
      auth.count_failure(failure.cause());
      throw;
    }
  }
  MetadataStore& users = *cp.stores.at(ComponentId::UsersAndGroups);
  hop(
      ctx, users, [] { return "resolves the user and their groups"; },
      [&] { return users.read(live_host(auth)).replica; });
  Service& rbac = *cp.services.at(ComponentId::PermissionsRbac);
  hop(
      ctx, rbac, [] { return "authorizes the action"; }, [&] { return rbac.call(live_host(front)).replica; });
  if (cp.audit_logs)
    hop(
        ctx, *cp.audit_logs, [] { return "records the access (buffered, shipped to the SIEM in batches)"; },
        [&] {
          cp.audit_logs->append(1);
          return cp.audit_logs->hosts().front();
        });
  if (!authorized) {
    rbac.count_failure(FailureCause::Refused);
    // The reason goes with the failure: a count of "refused" alone reads like an outage.
    throw RequestFailed(FailureCause::Refused,
                        rbac.label() + ": the caller lacks the permission (the workload's unauthorized_fraction)");
  }
}

sg4::Host* control_plane_hop(const FlowContext& ctx, const ComputePool& pool, sg4::Host* from, double bytes) {
  Deployment& d = ctx.deployment;
  Service* endpoint = d.classic(pool) ? d.control_plane_for(pool.region()).private_link : nullptr;
  if (!endpoint) return from;
  hop(
      ctx, *endpoint, [] { return "crosses the VPC's interface endpoint (back-end PrivateLink)"; },
      [&] { return endpoint->call(from).replica; });
  d.count_privatelink(pool.region(), bytes);
  return live_host(*endpoint);
}

std::vector<sg4::Host*> start_cluster(const FlowContext& ctx, const sim::WorkloadSpec& spec, ComputePool& pool,
                                      int instances) {
  Deployment& d = ctx.deployment;
  d.access(spec).admit_cluster(spec, instances);
  std::vector<sg4::Host*> leased;
  hop(
      ctx, pool, [instances] { return "leases " + std::to_string(instances) + " instance(s) (cold ones start first)"; },
      [&] {
        leased = pool.acquire(instances);
        return leased.empty() ? nullptr : leased.front();
      });
  if (!d.classic(pool)) return leased;
  Service* relay = d.control_plane_for(pool.region()).relay;
  if (!relay) return leased;
  try {
    // With back-end PrivateLink the registration crosses the VPC's interface endpoint rather
    // than the NAT gateway and the Internet.
    const double bytes = relay->config().request_bytes + relay->config().response_bytes;
    sg4::Host* from = control_plane_hop(ctx, pool, leased.front(), bytes);
    hop(
        ctx, *relay, [] { return "registers the cluster with the control plane through the relay"; },
        [&] { return relay->call(from).replica; });
  } catch (...) {
    pool.release(leased);
    throw;
  }
  return leased;
}

bool hold_for_recorded_end(const FlowContext& ctx, ComputePool& pool, const std::vector<sg4::Host*>& instances,
                           const WorkSample& work) {
  if (work.recorded_end == RecordedEnd::Finished || !(work.hold_seconds > 0)) return false;
  try {
    hop(
        ctx, pool,
        [&] {
          return std::string(work.recorded_end == RecordedEnd::Failed ? "fails" : "is canceled") + " after " +
                 duration_words(work.hold_seconds) + ", as the trace recorded";
        },
        [&] {
          translate_failures(pool.label() + " (" + pool.placement() + ")",
                             [&] { sim::wait_while_up(instances, work.hold_seconds); });
          return instances.front();
        });
  } catch (...) {
    pool.release(instances);
    throw;
  }
  pool.release(instances);
  return true;
}

void check_table_access(const FlowContext& ctx, const sim::WorkloadSpec& spec, DataCheckpoint at, sg4::Host* from) {
  Deployment& d = ctx.deployment;
  DataAccessControl& access = d.data_access();
  if (!access.decides_at(spec, at)) return;
  if (at == DataCheckpoint::Catalog) {
    // The grant lookup is a Unity Catalog request of its own, before any data is read.
    Service& uc = *d.control_plane_for(spec).services.at(ComponentId::UnityCatalog);
    hop(
        ctx, uc, [] { return "looks up the principal's grant on the table (security.s3_access)"; },
        [&] { return uc.call(from).replica; });
    try {
      access.admit(spec, uc.label());
    } catch (const RequestFailed& refusal) {
      uc.count_failure(refusal.cause());
      throw;
    }
    return;
  }
  // With credential passthrough the user's own identity signs the first S3 request for the
  // table, which S3 answers with 403; with an instance profile the cluster's role is enough.
  Dataset& data = d.table(spec.table).data();
  if (access.mode() == sim::S3Access::CredentialPassthrough && access.lacks_grant(spec)) {
    hop(
        ctx, data, [] { return "signs the first S3 request with the user's own identity (credential passthrough)"; },
        [&] {
          data.read(from, 1e3, 1, 1);
          return d.platform().s3_endpoint(data.region());
        });
    data.count_failure(FailureCause::AccessDenied);
  }
  access.admit(spec, data.label());
}

}  // namespace lakesim::models
