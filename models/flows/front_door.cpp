#include "models/flows/request_flows.hpp"
#include "models/transfer.hpp"

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
  Service& front = *cp.services.at(edge == Edge::Ui ? ComponentId::WorkspaceUi : ComponentId::WorkspaceApis);
  front.call(ctx.client);
  try {
    d.access(spec).admit_request(spec, edge == Edge::Api, sg4::Engine::get_clock());
  } catch (const RequestFailed& refusal) {
    front.count_failure(refusal.cause());
    throw;
  }
  Service& auth = *cp.services.at(ComponentId::AuthenticationSso);
  auth.call(front.hosts().front()->is_on() ? front.hosts().front() : ctx.client);
  if (edge == Edge::Ui) {
    // Interactive sessions sign in through the customer's identity provider.
    sg4::Host* from = live_host(auth);
    sg4::Host* idp = d.platform().external(sim::ExternalSystem::IdentityProvider);
    try {
      transfer(from, idp, kLoginBytes, "identity provider");
      transfer(idp, from, kLoginBytes, "identity provider");
    } catch (const RequestFailed&) {
      auth.count_failure(FailureCause::ServiceDown);
      throw;
    }
  }
  cp.stores.at(ComponentId::UsersAndGroups)->read(live_host(auth));
  Service& rbac = *cp.services.at(ComponentId::PermissionsRbac);
  rbac.call(live_host(front));
  if (cp.audit_logs) cp.audit_logs->append(1);
  if (!authorized) {
    rbac.count_failure(FailureCause::Refused);
    throw RequestFailed(FailureCause::Refused, rbac.label());
  }
}

sg4::Host* control_plane_hop(const FlowContext& ctx, const ComputePool& pool, sg4::Host* from, double bytes) {
  Deployment& d = ctx.deployment;
  Service* endpoint = d.classic(pool) ? d.control_plane_for(pool.region()).private_link : nullptr;
  if (!endpoint) return from;
  endpoint->call(from);
  d.count_privatelink(pool.region(), bytes);
  return live_host(*endpoint);
}

std::vector<sg4::Host*> start_cluster(const FlowContext& ctx, const sim::WorkloadSpec& spec, ComputePool& pool,
                                      int instances) {
  Deployment& d = ctx.deployment;
  d.access(spec).admit_cluster(spec, instances);
  std::vector<sg4::Host*> leased = pool.acquire(instances);
  if (!d.classic(pool)) return leased;
  Service* relay = d.control_plane_for(pool.region()).relay;
  if (!relay) return leased;
  try {
    // With back-end PrivateLink the registration crosses the VPC's interface endpoint rather
    // than the NAT gateway and the Internet.
    const double bytes = relay->config().request_bytes + relay->config().response_bytes;
    relay->call(control_plane_hop(ctx, pool, leased.front(), bytes));
  } catch (...) {
    pool.release(leased);
    throw;
  }
  return leased;
}

void check_table_access(const FlowContext& ctx, const sim::WorkloadSpec& spec, DataCheckpoint at, sg4::Host* from) {
  Deployment& d = ctx.deployment;
  DataAccessControl& access = d.data_access();
  if (!access.decides_at(spec, at)) return;
  if (at == DataCheckpoint::Catalog) {
    // The grant lookup is a Unity Catalog request of its own, before any data is read.
    Service& uc = *d.control_plane_for(spec).services.at(ComponentId::UnityCatalog);
    uc.call(from);
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
    data.read(from, 1e3, 1, 1);
    data.count_failure(FailureCause::AccessDenied);
  }
  access.admit(spec, data.label());
}

}  // namespace lakesim::models
