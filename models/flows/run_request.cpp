#include "models/flows/request_flows.hpp"

namespace lakesim::models {

double run_request(const FlowContext& ctx, const sim::WorkloadSpec& spec, const WorkSample& work, bool authorized) {
  switch (spec.cls) {
    case sim::WorkloadClass::Job: return run_job(ctx, spec, work, authorized);
    case sim::WorkloadClass::Sql: return run_sql_query(ctx, spec, work, authorized);
    case sim::WorkloadClass::Notebook: return run_notebook_command(ctx, spec, work, authorized);
    case sim::WorkloadClass::Training: return run_training(ctx, spec, work, authorized);
    case sim::WorkloadClass::Streaming: break;  // driven by run_stream
  }
  return 0;
}

}  // namespace lakesim::models
