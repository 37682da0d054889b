#pragma once
// The `security` section of results.json: what each access control saw and refused, which
// components stopped for want of the customer-managed key, the workspace's connectivity choices,
// and an independent check that no request got through where the configuration forbids it.
#include <nlohmann/json.hpp>

#include "models/deployment.hpp"
#include "models/run_record.hpp"

namespace lakesim::analysis {

nlohmann::json security_report(const models::Deployment& deployment, const models::RunRecord& record);

}  // namespace lakesim::analysis
