#pragma once
// Shared by the two trace targets: how a trace is read and what must hold of any result.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_check.hpp"
#include "scenario/trace_reader.hpp"

namespace lakesim::fuzz {

inline sim::TraceContext trace_context() {
  sim::TraceContext at;
  at.file = "trace.csv";
  at.pointer = "/workloads/0/trace/file";
  at.max_rows = 1000;  // low enough that fuzzed inputs reach the row limit too
  return at;
}

inline void expect_quantity(double v, const char* what) {
  expect(std::isfinite(v) && v >= 0, std::string(what) + " is " + std::to_string(v));
}

// Problems are capped, located in the trace, and say something.
inline void check_problems(const std::vector<sim::Diagnostic>& problems, const sim::TraceContext& at) {
  expect(problems.size() <= sim::kMaxListedTraceProblems + 1, std::to_string(problems.size()) + " problems listed");
  for (const sim::Diagnostic& d : problems) {
    expect(d.where.file == at.file && d.pointer == at.pointer, "a problem located elsewhere: " + d.to_string());
    expect(d.where.line >= 1 && d.where.column >= 1, "a problem without a position: " + d.to_string());
    expect(!d.message.empty(), "a problem without a message");
  }
}

template <class Row>
void check_order(const std::vector<Row>& rows) {
  for (std::size_t i = 1; i < rows.size(); ++i) expect(rows[i - 1].start <= rows[i].start, "rows out of start order");
}

template <class Row, class Reader, class CheckRow>
void fuzz_trace(const std::uint8_t* data, std::size_t size, Reader read, CheckRow check_row) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  const sim::TraceContext at = trace_context();
  std::vector<sim::Diagnostic> problems;
  std::vector<Row> rows;
  try {
    rows = read(in, at, problems);
  } catch (const std::exception& e) {
    finding(std::string("a trace reader threw: ") + e.what());
  } catch (...) {
    finding("a trace reader threw a non-standard exception");
  }
  check_problems(problems, at);
  check_order(rows);
  for (const Row& r : rows) check_row(r);
}

}  // namespace lakesim::fuzz
