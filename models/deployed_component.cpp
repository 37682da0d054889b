#include "models/deployed_component.hpp"

namespace lakesim::models {

DeployedComponent::DeployedComponent(const Component& entry, std::string region, std::vector<sg4::Host*> hosts)
    : entry_(entry),
      region_(std::move(region)),
      label_(std::string(entry_.name) + "@" + region_),
      hosts_(std::move(hosts)) {}

void DeployedComponent::set_workspace(std::string name) {
  workspace_ = std::move(name);
  label_ = std::string(entry_.name) + "@" + region_ + (workspace_.empty() ? "" : "/" + workspace_);
}

void DeployedComponent::require_available() const {
  if (!up_) throw RequestFailed(down_cause_, label());
  if (hosts_.empty()) return;  // components without hosts of their own (datasets) live on S3
  for (const sg4::Host* h : hosts_)
    if (h->is_on()) return;
  throw RequestFailed(FailureCause::RegionUnavailable, label());
}

sg4::Host* DeployedComponent::first_live_host() const {
  for (sg4::Host* h : hosts_)
    if (h->is_on()) return h;
  return nullptr;
}

sg4::Host* DeployedComponent::pick_host() {
  for (std::size_t tried = 0; tried < hosts_.size(); ++tried) {
    sg4::Host* h = hosts_[next_host_ % hosts_.size()];
    ++next_host_;
    if (h->is_on()) return h;
  }
  throw RequestFailed(FailureCause::RegionUnavailable, label());
}

}  // namespace lakesim::models
