#pragma once
// Template body of translate_failures (kept apart so failure.hpp stays free of SimGrid).
#include <simgrid/Exception.hpp>

namespace lakesim::models {

template <class Action>
void translate_failures(const std::string& where, Action&& action) {
  try {
    action();
  } catch (const simgrid::HostFailureException&) {
    throw RequestFailed(FailureCause::HostDown, where);
  } catch (const simgrid::NetworkFailureException&) {
    throw RequestFailed(FailureCause::LinkDown, where);
  } catch (const simgrid::TimeoutException&) {
    throw RequestFailed(FailureCause::Timeout, where);
  }
}

}  // namespace lakesim::models
