// Job-run timeline exports: any bytes give runs and located problems, never a crash, a hang or an
// exception; every merged run has a start, a non-negative duration and a known state.
#include "fuzz/fuzz_trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using lakesim::fuzz::expect;
  using lakesim::fuzz::expect_quantity;
  lakesim::fuzz::fuzz_trace<lakesim::sim::TraceJobRun>(
      data, size, lakesim::sim::read_job_run_timeline, [](const lakesim::sim::TraceJobRun& r) {
        expect_quantity(r.start, "start");
        expect_quantity(r.recorded_duration, "recorded_duration");
        expect(r.work_from_profile, "a timeline run with work of its own");
        expect(r.finished() || r.failed() || r.canceled() || r.never_ran() || r.status == "RUNNING",
               "a run in state " + r.status);
        expect(!r.run_id.empty() && r.line >= 1, "a run without an id or a line");
      });
  return 0;
}
