#pragma once
// The architecture as one slide (`topology --style slides`): 16:9, 1440 x 810 pt (1920 x 1080 px),
// every text at least 18 pt at that size. So that it stays readable, each region is three blocks
// (control plane, compute, S3 data lake) with their counts instead of every component; faults,
// configured copies between regions and the failover state are drawn as in the overview.
#include <string>

#include "models/architecture_graph.hpp"
#include "presentation/failover_state.hpp"

namespace lakesim::presentation {

// Graphviz source for `dot -Tsvg`; `title` heads the slide.
std::string to_slide_dot(const models::Graph& g, const std::string& title, const models::FaultView* faults = nullptr,
                         const FailoverState* failover = nullptr);

// Graphviz's SVG of a slide, sized 1440 x 810 pt whatever the layout's own aspect: the drawing is
// centred and never enlarged or shrunk (its viewBox is kept; SVG's default "meet" fits it).
std::string fit_slide_svg(const std::string& svg);

}  // namespace lakesim::presentation
