// Job-run traces: any bytes give rows and located problems, never a crash, a hang or an exception.
#include "fuzz/fuzz_trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using lakesim::fuzz::expect_quantity;
  lakesim::fuzz::fuzz_trace<lakesim::sim::TraceJobRun>(
      data, size, lakesim::sim::read_job_runs, [](const lakesim::sim::TraceJobRun& r) {
        expect_quantity(r.start, "start");
        expect_quantity(r.recorded_duration, "recorded_duration");
        expect_quantity(r.core_seconds, "core_seconds");
        expect_quantity(r.read_bytes, "read_bytes");
        expect_quantity(r.shuffle_bytes, "shuffle_bytes");
        expect_quantity(r.write_bytes, "write_bytes");
        lakesim::fuzz::expect(r.instances >= 1, "a run with " + std::to_string(r.instances) + " instances");
        lakesim::fuzz::expect(!r.run_id.empty() && r.line >= 1, "a row without an id or a line");
      });
  return 0;
}
