#pragma once
// Per deployed component: its catalogue identity, where it ran, what it served and how busy it
// was; plus the archetype-specific state (S3 objects, log shipping, Delta versions, pools).
#include <nlohmann/json.hpp>

#include "models/deployment.hpp"

namespace lakesim::analysis {

nlohmann::json component_metrics(const models::Deployment& deployment, double duration);
nlohmann::json table_metrics(const models::Deployment& deployment);
nlohmann::json s3_metrics(const models::Deployment& deployment);

}  // namespace lakesim::analysis
