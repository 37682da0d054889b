#pragma once
// A run's figures as slides (`lakesim report DIR --style slides`, DIR/slides.html): one 16:9
// section of 1920 x 1080 px per figure, every text at least 18 pt at that size: the run's key
// figures, throughput over time, each failover's recovery steps, and each frame of the walk
// through the outage. Self-contained like the report.
#include <string>
#include <vector>

#include "presentation/report/run_report.hpp"

namespace lakesim::presentation::report {

// The page; `notes` gets a line per chart left out (a tool missing or failing).
std::string slide_deck_html(const RunFiles& run, std::vector<std::string>& notes);

// Builds DIR/slides.html; returns the notes; throws like read_run_files.
std::vector<std::string> write_slide_deck(const std::string& dir);

}  // namespace lakesim::presentation::report
