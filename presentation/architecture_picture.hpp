#pragma once
// The architecture graph (models/architecture_graph) drawn, as Graphviz sources.
#include <string>

#include "models/architecture_graph.hpp"
#include "presentation/failover_state.hpp"

namespace lakesim::presentation {

// Graphviz source: one cluster per region split into control and data plane, externals outside.
std::string to_dot(const models::Graph& g);

// A picture to read, like the seed's Architecture Flow: the Internet side (users, identity
// provider, Git, SIEM, IaC) on top; per region a control-plane frame above a data-plane frame of
// compute and S3 datasets; the job and SQL request paths drawn as coloured edges, other calls
// faint; the backbone and replication between regions, dense replication collapsed into one
// labelled edge per region pair. With `faults`, what is down is drawn red and dashed, what is
// degraded orange, with a legend naming the active faults. With `failover` (a run's DR state at
// that instant), the region serving users is framed green with a bold arrow from the users, and
// the legend says which recovery step is in progress. Meant for `dot -Tsvg`.
std::string to_overview_dot(const models::Graph& g, const models::FaultView* faults = nullptr,
                            const FailoverState* failover = nullptr);

}  // namespace lakesim::presentation
