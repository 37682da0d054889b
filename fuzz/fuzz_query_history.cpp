// Query-history exports (system.query.history as CSV): any bytes give rows and located problems,
// never a crash, a hang or an exception.
#include "fuzz/fuzz_trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using lakesim::fuzz::expect_quantity;
  lakesim::fuzz::fuzz_trace<lakesim::sim::TraceQuery>(
      data, size, lakesim::sim::read_query_history, [](const lakesim::sim::TraceQuery& q) {
        expect_quantity(q.start, "start");
        expect_quantity(q.recorded_duration, "recorded_duration");
        expect_quantity(q.read_bytes, "read_bytes");
        expect_quantity(q.written_bytes, "written_bytes");
        expect_quantity(q.core_seconds, "core_seconds");
        lakesim::fuzz::expect(q.io_cache_share >= 0 && q.io_cache_share <= 1, "a cache share outside 0 to 1");
        lakesim::fuzz::expect(!q.statement_id.empty() && q.line >= 1, "a row without an id or a line");
        lakesim::fuzz::expect(!q.warehouse_id.empty(), "a row without a warehouse id");
      });
  return 0;
}
