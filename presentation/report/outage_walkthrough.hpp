#pragma once
// "Walk through the outage": one frame per key event of a run (each fault's start and end,
// detection, each recovery step, failover complete, failback), each a picture of the regions
// with what is down and which region serves users, stepped through with buttons, a slider or the
// arrow keys. Self-contained HTML, SVG and a few lines of script: nothing is fetched.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

struct WalkFrame {
  double time = 0;
  std::string id;     // the frame's anchor: "fault", "detection", "step-decision", "failover-complete", ...
  std::string title;  // "Outage detected: us-east-1 declared down"
  std::string step;   // the recovery step this frame starts, if any
};

// The key events of the run, in time order (empty when it had no fault).
std::vector<WalkFrame> walkthrough_frames(const nlohmann::json& results);

// One frame's picture (an inline <svg>, 1000 x 470 units): the regions with what is down, the
// users' arrow to the region serving them, the active faults and the run's time line.
std::string walkthrough_frame_svg(const nlohmann::json& results, const std::vector<WalkFrame>& frames,
                                  std::size_t index);

// The walk-through as a block of the run report; empty when the run had no fault. `narration` is
// the run's narration.txt: each frame quotes its lines at the frame's time.
std::string outage_walkthrough(const nlohmann::json& results, const std::string& narration);

// The same as a page of its own (DIR/walkthrough.html), larger, for a projector; "#ID" in the
// address opens the frame of that id.
std::string outage_walkthrough_page(const nlohmann::json& results, const std::string& narration);

}  // namespace lakesim::presentation::report
