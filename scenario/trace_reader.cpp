#include "scenario/trace_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "scenario/suggest.hpp"
#include "scenario/units.hpp"

namespace lakesim::sim {
namespace {

constexpr int kEof = std::char_traits<char>::eof();

// One CSV field and where it starts (1-based line, 1-based character column of that line).
struct Field {
  std::string text;
  std::size_t line = 0;
  std::size_t column = 0;
  bool quoted = false;
};

struct Record {
  std::vector<Field> fields;
  std::size_t line = 0;        // where the record starts
  std::size_t end_line = 0;    // where its last character is
  std::size_t end_column = 0;  // just past its last character: where a missing field would go
  bool malformed = false;      // broken quoting; already reported
};

struct CsvProblem {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  std::string expected;
};

// RFC 4180: fields separated by commas, records by LF or CRLF; a field holding a comma, a quote
// or a line break is quoted, with its quotes doubled. Columns count characters, not bytes, so a
// position matches what an editor shows for UTF-8 text.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : buf_(in.rdbuf()) { skip_byte_order_mark(); }

  // The next record, skipping blank lines; false at the end of the input.
  bool next(Record& r, std::vector<CsvProblem>& problems) {
    while (peek() != kEof) {
      r = Record{};
      r.line = line_;
      read_record(r, problems);
      const bool blank = r.fields.size() == 1 && !r.fields[0].quoted && r.fields[0].text.empty() && !r.malformed;
      if (!blank) return true;
    }
    return false;
  }

 private:
  // Spreadsheet exports often start with a UTF-8 byte order mark; it is not part of the header.
  void skip_byte_order_mark() {
    if (!buf_ || buf_->sgetc() != 0xEF) return;
    std::string first;
    for (int i = 0; i < 3; ++i) {
      const int c = buf_->sbumpc();
      if (c == kEof) break;
      first += static_cast<char>(c);
    }
    if (first != "\xEF\xBB\xBF") pending_ = first;
  }

  int peek() {
    if (pending_pos_ < pending_.size()) return static_cast<unsigned char>(pending_[pending_pos_]);
    return buf_ ? buf_->sgetc() : kEof;
  }

  int get() {
    int c = kEof;
    if (pending_pos_ < pending_.size())
      c = static_cast<unsigned char>(pending_[pending_pos_++]);
    else if (buf_)
      c = buf_->sbumpc();
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (c != kEof && c != '\r' && (c & 0xC0) != 0x80) {
      ++column_;  // UTF-8 continuation bytes belong to the previous character
    }
    return c;
  }

  void skip_line() {
    for (int c = get(); c != kEof && c != '\n'; c = get()) {
    }
  }

  void fail(Record& r, std::vector<CsvProblem>& problems, std::size_t line, std::size_t column, std::string message,
            std::string expected) {
    problems.push_back({line, column, std::move(message), std::move(expected)});
    r.malformed = true;
  }

  void read_record(Record& r, std::vector<CsvProblem>& problems) {
    static const char* kQuoting = "RFC 4180 quoting: \"a, b\" and \"say \"\"hi\"\"\"";
    while (true) {
      Field f;
      f.line = line_;
      f.column = column_;
      if (peek() == '"') {
        f.quoted = true;
        get();
        while (true) {
          const int c = get();
          if (c == kEof) {
            fail(r, problems, f.line, f.column, "a quoted field is never closed", kQuoting);
            r.fields.push_back(std::move(f));
            return;
          }
          if (c == '"') {
            if (peek() != '"') break;
            get();
          }
          f.text += static_cast<char>(c);
        }
        const int after = peek();
        if (after != ',' && after != '\n' && after != '\r' && after != kEof) {
          fail(r, problems, line_, column_, "text after a closing quote", kQuoting);
          r.fields.push_back(std::move(f));
          skip_line();
          return;
        }
      } else {
        while (true) {
          const int c = peek();
          if (c == ',' || c == '\n' || c == kEof) break;
          if (c == '"') {
            fail(r, problems, line_, column_, "a quote inside an unquoted field", kQuoting);
            r.fields.push_back(std::move(f));
            skip_line();
            return;
          }
          get();
          if (c == '\r' && peek() == '\n') break;  // CRLF
          f.text += static_cast<char>(c);
        }
      }
      r.fields.push_back(std::move(f));
      if (peek() == '\r') get();
      r.end_line = line_;
      r.end_column = column_;
      const int c = get();
      if (c != ',') return;  // '\n' or the end of the input
    }
  }

  std::streambuf* buf_;
  std::string pending_;
  std::size_t pending_pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// Long cells are cut in messages, so that one bad row cannot fill the screen.
std::string shortened(const std::string& s) {
  constexpr std::size_t kLongest = 80;
  if (s.size() <= kLongest) return s;
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return s.substr(0, cut) + "...";
}

// Exports write a null as an empty cell or as the word null (the SQL editor's download does).
bool is_null(const std::string& trimmed) {
  return trimmed.empty() || (trimmed.size() == 4 && std::tolower(static_cast<unsigned char>(trimmed[0])) == 'n' &&
                             std::tolower(static_cast<unsigned char>(trimmed[1])) == 'u' &&
                             std::tolower(static_cast<unsigned char>(trimmed[2])) == 'l' &&
                             std::tolower(static_cast<unsigned char>(trimmed[3])) == 'l');
}

// A cell's text without surrounding blanks, and empty when it holds a null.
std::string value_of(const std::string& cell) {
  std::string t = trim(cell);
  return is_null(t) ? std::string() : t;
}

// A plain decimal number: digits with an optional fraction and exponent (no hex, inf or nan).
bool parse_decimal(const std::string& text, double& value) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  auto skip_digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return i > start;
  };
  bool digits = skip_digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits = skip_digits() || digits;
  }
  if (!digits) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (!skip_digits()) return false;
  }
  if (i != text.size()) return false;
  value = std::strtod(text.c_str(), nullptr);
  return std::isfinite(value);
}

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

unsigned days_in_month(long long y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// A column the header has: its name, for messages, and its position in every row.
struct Column {
  std::string name;
  std::size_t index = 0;
};

// The rows of one trace: the CSV records, checked against the header and the row limit, with
// every problem turned into a Diagnostic in the trace file.
class TraceRows {
 public:
  TraceRows(std::istream& in, const TraceContext& at, std::vector<Diagnostic>& problems)
      : csv_(in), at_(at), problems_(problems) {}

  ~TraceRows() {
    if (reported_ > kMaxListedTraceProblems) {
      problems_.push_back(
          {{at_.file, static_cast<int>(first_unlisted_.first), static_cast<int>(first_unlisted_.second)},
           at_.pointer,
           std::to_string(reported_ - kMaxListedTraceProblems) +
               " more problems in this trace, from here on (only the first " + std::to_string(kMaxListedTraceProblems) +
               " are listed)",
           ""});
    }
  }

  // Reads the header; false (reported) when it is missing or lacks a required column.
  // `any_of` lists groups of columns of which at least one must be present.
  bool header(const std::vector<std::string>& required, const std::vector<std::vector<std::string>>& any_of) {
    Record r;
    std::vector<CsvProblem> csv_problems;
    const bool got = csv_.next(r, csv_problems);
    report(csv_problems);
    if (!got) {
      problem(1, 1, "empty file: no header row", "a header row naming the columns, then one row per line");
      return false;
    }
    if (r.malformed) return false;
    header_line_ = r.line;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      const std::string name = trim(r.fields[i].text);
      if (!columns_.emplace(name, i).second)
        problem(r.line, r.fields[i].column, "duplicate column " + in_quotes(name), "each column once");
      names.push_back(name);
    }
    width_ = r.fields.size();
    bool ok = true;
    auto missing = [&](const std::vector<std::string>& group) {
      std::string message = "missing column " + in_quotes(group.front());
      for (std::size_t i = 1; i < group.size(); ++i) message += " or " + in_quotes(group[i]);
      for (const std::string& name : group) {
        if (auto guess = closest_match(name, names)) {
          message += "; is " + in_quotes(*guess) + " meant to be " + in_quotes(name) + "?";
          break;
        }
      }
      std::string expected = "a header row with the columns";
      for (const std::string& c : required) expected += " " + c;
      problem(r.line, 1, message, expected);
      ok = false;
    };
    for (const std::string& name : required)
      if (!has(name)) missing({name});
    for (const auto& group : any_of)
      if (std::none_of(group.begin(), group.end(), [&](const std::string& n) { return has(n); })) missing(group);
    return ok;
  }

  bool has(const std::string& column) const { return columns_.count(column) > 0; }
  // The first of `names` that the header has; columns are looked up once, not for every row.
  std::optional<Column> column(const std::vector<std::string>& names) const {
    for (const std::string& n : names)
      if (auto it = columns_.find(n); it != columns_.end()) return Column{n, it->second};
    return std::nullopt;
  }
  Column required(const std::string& name) const { return *column({name}); }

  // The next row with as many fields as the header; malformed rows are reported and passed over.
  bool next(Record& r) {
    while (true) {
      std::vector<CsvProblem> csv_problems;
      const bool got = csv_.next(r, csv_problems);
      report(csv_problems);
      if (!got) {
        if (rows_ == 0 && reported_ == 0) problem(header_line_, 1, "no rows after the header", "one row per line");
        return false;
      }
      if (++rows_ > at_.max_rows) {
        problem(r.line, 1, "the trace has more than " + std::to_string(at_.max_rows) + " rows, the limit for one trace",
                "at most " + std::to_string(at_.max_rows) + " rows, or raise the limit with --max-trace-rows");
        return false;
      }
      if (r.malformed) continue;
      if (r.fields.size() < width_) {
        problem(r.end_line, r.end_column,
                "the row has " + std::to_string(r.fields.size()) + " fields; the header has " + std::to_string(width_),
                "one field per column");
        continue;
      }
      if (r.fields.size() > width_) {
        const Field& extra = r.fields[width_];
        problem(extra.line, extra.column,
                "the row has " + std::to_string(r.fields.size()) + " fields; the header has " + std::to_string(width_),
                "one field per column");
        continue;
      }
      return true;
    }
  }

  static const Field& cell(const Record& r, const Column& column) { return r.fields[column.index]; }

  void problem(std::size_t line, std::size_t column, std::string message, std::string expected) {
    if (++reported_ > kMaxListedTraceProblems) {
      if (reported_ == kMaxListedTraceProblems + 1) first_unlisted_ = {line, column};
      return;
    }
    problems_.push_back({{at_.file, static_cast<int>(line), static_cast<int>(column)},
                         at_.pointer,
                         std::move(message),
                         std::move(expected)});
  }
  void problem(const Field& f, const Column& column, const std::string& rule, std::string expected) {
    problem(f.line, f.column, column.name + ": " + rule, std::move(expected));
  }
  std::size_t problem_count() const { return reported_; }

  // Cell readers: each reports its own problem (naming the column) and returns nullopt.
  std::optional<std::string> text(const Record& r, const Column& column) {
    const Field& f = cell(r, column);
    std::string t = value_of(f.text);
    if (t.empty()) {
      problem(f, column, "empty or null", "a value");
      return std::nullopt;
    }
    return t;
  }

  // A non-negative number; an empty cell is `if_empty` when given (a null in an export).
  std::optional<double> number(const Record& r, const Column& column, std::optional<double> if_empty = {}) {
    const Field& f = cell(r, column);
    const std::string t = value_of(f.text);
    if (t.empty()) {
      if (if_empty) return if_empty;
      problem(f, column, "empty or null", "a number");
      return std::nullopt;
    }
    double v = 0;
    if (!parse_decimal(t, v)) {
      problem(f, column, in_quotes(t) + " is not a number", "a number such as 1250 or 3.5");
      return std::nullopt;
    }
    if (v < 0) {
      problem(f, column, in_quotes(t) + " is negative", "zero or more");
      return std::nullopt;
    }
    return v;
  }

 private:
  void report(const std::vector<CsvProblem>& csv_problems) {
    for (const CsvProblem& p : csv_problems) problem(p.line, p.column, p.message, p.expected);
  }

  CsvReader csv_;
  const TraceContext& at_;
  std::vector<Diagnostic>& problems_;
  std::map<std::string, std::size_t> columns_;
  std::size_t width_ = 0;
  std::size_t header_line_ = 1;
  std::size_t rows_ = 0;
  std::size_t reported_ = 0;
  std::pair<std::size_t, std::size_t> first_unlisted_{0, 0};
};

// Later rows with an id already seen are errors: a replay would count the statement twice.
bool unique_id(TraceRows& rows, std::map<std::string, std::size_t>& seen, const Record& r, const Column& column,
               const std::string& id) {
  const auto [it, fresh] = seen.emplace(id, r.line);
  if (fresh) return true;
  rows.problem(rows.cell(r, column), column,
               in_quotes(id) + " appears again (first on line " + std::to_string(it->second) + ")", "each id once");
  return false;
}

template <class Row>
std::vector<Row> in_start_order(std::vector<Row> rows) {
  const auto earlier = [](const Row& a, const Row& b) { return a.start < b.start; };
  // Exports are usually in order already; checking is far cheaper than a merge sort.
  if (!std::is_sorted(rows.begin(), rows.end(), earlier)) std::stable_sort(rows.begin(), rows.end(), earlier);
  return rows;
}

// The warehouse id in a `compute` cell: the struct as the SQL editor's download writes it, a JSON
// object such as {"type": "WAREHOUSE", "cluster_id": null, "warehouse_id": "..."}.
std::optional<std::string> warehouse_of_compute(TraceRows& rows, const Record& r, const Column& column) {
  static const char* kExample =
      "a JSON object such as {\"type\": \"WAREHOUSE\", \"warehouse_id\": \"4b9e2f1a7c3d5e60\"}";
  const Field& f = TraceRows::cell(r, column);
  const std::string t = value_of(f.text);
  if (t.empty()) {
    rows.problem(f, column, "empty or null", kExample);
    return std::nullopt;
  }
  const nlohmann::json v = nlohmann::json::parse(t, nullptr, false);
  if (v.is_discarded() || !v.is_object()) {
    rows.problem(f, column, (v.is_discarded() ? "not JSON: " : "not a JSON object: ") + in_quotes(shortened(t)),
                 kExample);
    return std::nullopt;
  }
  const auto id = v.find("warehouse_id");
  if (id != v.end() && id->is_string() && !value_of(id->get<std::string>()).empty())
    return trim(id->get<std::string>());
  if (id != v.end() && !id->is_null() && !id->is_string()) {
    rows.problem(f, column, "warehouse_id is " + std::string(id->type_name()) + ", not a string", kExample);
    return std::nullopt;
  }
  // A statement that ran on a cluster, not a warehouse, cannot be replayed on a SQL warehouse.
  std::string rule = "no warehouse_id";
  const auto type = v.find("type");
  if (type != v.end() && type->is_string()) rule += " (type " + in_quotes(type->get<std::string>()) + ")";
  rows.problem(f, column, rule, "statements that ran on a SQL warehouse: " + std::string(kExample));
  return std::nullopt;
}

}  // namespace

bool parse_iso8601(std::string_view text, double& seconds) {
  const std::string t = trim(text);
  std::size_t pos = 0;
  auto digits = [&](std::size_t n, long long& v) {
    if (pos + n > t.size()) return false;
    v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = t[pos + i];
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      v = v * 10 + (c - '0');
    }
    pos += n;
    return true;
  };
  auto literal = [&](char c) {
    if (pos < t.size() && t[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  long long year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(4, year) || !literal('-') || !digits(2, month) || !literal('-') || !digits(2, day)) return false;
  if (!(literal('T') || literal('t') || literal(' '))) return false;
  if (!digits(2, hour) || !literal(':') || !digits(2, minute)) return false;
  double fraction = 0;
  if (literal(':')) {
    if (!digits(2, second)) return false;
    if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
      ++pos;
      double scale = 0.1;
      const std::size_t start = pos;
      while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) {
        fraction += (t[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return false;
    }
  }
  long long zone = 0;  // seconds east of UTC
  // Some exports put a blank before the zone, or name it: "2024-05-01 10:00:00.123 UTC".
  if (pos + 1 < t.size() && t[pos] == ' ' &&
      (t[pos + 1] == '+' || t[pos + 1] == '-' || t[pos + 1] == 'Z' || t[pos + 1] == 'U'))
    ++pos;
  if (t.compare(pos, std::string::npos, "UTC") == 0) {
    pos += 3;
  } else if (literal('Z') || literal('z')) {
  } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    const int sign = t[pos] == '-' ? -1 : 1;
    ++pos;
    long long zh = 0, zm = 0;
    if (!digits(2, zh)) return false;
    if (pos < t.size()) {
      literal(':');
      if (!digits(2, zm)) return false;
    }
    if (zh > 23 || zm > 59) return false;
    zone = sign * (zh * 3600 + zm * 60);
  }
  if (pos != t.size()) return false;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, static_cast<unsigned>(month))) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  const long long days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  seconds = static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second - zone) + fraction;
  return true;
}

std::vector<TraceQuery> read_query_history(std::istream& in, const TraceContext& at,
                                           std::vector<Diagnostic>& problems) {
  TraceRows rows(in, at, problems);
  if (!rows.header({"statement_id", "start_time", "execution_status", "read_bytes", "written_bytes"},
                   {{"end_time", "total_duration_ms"}, {"compute.warehouse_id", "warehouse_id", "compute"}}))
    return {};
  const Column id = rows.required("statement_id");
  const Column start_time = rows.required("start_time");
  const Column status = rows.required("execution_status");
  // A flattened warehouse id when the export has one, else the `compute` struct as a JSON cell.
  const std::optional<Column> warehouse = rows.column({"compute.warehouse_id", "warehouse_id"});
  const std::optional<Column> compute = rows.column({"compute"});
  const Column read_bytes = rows.required("read_bytes");
  const Column written_bytes = rows.required("written_bytes");
  const std::optional<Column> total = rows.column({"total_duration_ms"});
  const std::optional<Column> end_time = rows.column({"end_time"});
  const std::optional<Column> task_time = rows.column({"total_task_duration_ms"});
  const std::optional<Column> io_cache = rows.column({"read_io_cache_percent"});
  const std::optional<Column> compilation = rows.column({"compilation_duration_ms"});
  const std::optional<Column> result_fetch = rows.column({"result_fetch_duration_ms"});
  static const char* kIsoExample = "an ISO 8601 time such as 2024-05-01T10:00:00.123Z or 2024-05-01 10:00:00.123";

  std::vector<TraceQuery> out;
  std::vector<double> starts;  // absolute, seconds since 1970
  std::map<std::string, std::size_t> seen;
  Record r;
  while (rows.next(r)) {
    const std::size_t before = rows.problem_count();
    TraceQuery q;
    q.line = r.line;
    if (auto text = rows.text(r, id); text && unique_id(rows, seen, r, id, *text)) q.statement_id = *text;
    double start = 0;
    const Field& start_cell = TraceRows::cell(r, start_time);
    const std::string start_text = value_of(start_cell.text);
    const bool start_ok = !start_text.empty() && parse_iso8601(start_text, start);
    if (!start_ok)
      rows.problem(start_cell, start_time,
                   start_text.empty() ? "empty or null" : in_quotes(start_text) + " is not a time", kIsoExample);
    // The recorded duration: total_duration_ms when the row has it, else end_time - start_time.
    if (total && !value_of(TraceRows::cell(r, *total).text).empty()) {
      q.recorded_duration = rows.number(r, *total).value_or(0) / 1000.0;
    } else if (end_time && !value_of(TraceRows::cell(r, *end_time).text).empty()) {
      const Field& end_cell = TraceRows::cell(r, *end_time);
      const std::string end_text = value_of(end_cell.text);
      double end = 0;
      if (!parse_iso8601(end_text, end))
        rows.problem(end_cell, *end_time, in_quotes(end_text) + " is not a time", kIsoExample);
      else if (start_ok && end < start)
        rows.problem(end_cell, *end_time, in_quotes(end_text) + " is before start_time", "a later time");
      else
        q.recorded_duration = end - start;
    } else {
      const Column& first = total ? *total : *end_time;
      rows.problem(TraceRows::cell(r, first), first,
                   std::string("empty or null") + (total && end_time ? ", and so is end_time" : ""),
                   "the statement's duration in ms or its end time");
    }
    q.status = rows.text(r, status).value_or("");
    if (warehouse)
      q.warehouse_id = rows.text(r, *warehouse).value_or("");
    else
      q.warehouse_id = warehouse_of_compute(rows, r, *compute).value_or("");
    q.read_bytes = rows.number(r, read_bytes, 0.0).value_or(0);
    q.written_bytes = rows.number(r, written_bytes, 0.0).value_or(0);
    if (task_time) q.core_seconds = rows.number(r, *task_time, 0.0).value_or(0) / 1000.0;
    if (compilation) q.fixed_seconds += rows.number(r, *compilation, 0.0).value_or(0) / 1000.0;
    if (result_fetch) q.fixed_seconds += rows.number(r, *result_fetch, 0.0).value_or(0) / 1000.0;
    if (io_cache) {
      const double percent = rows.number(r, *io_cache, 0.0).value_or(0);
      if (percent > 100)
        rows.problem(TraceRows::cell(r, *io_cache), *io_cache,
                     in_quotes(value_of(TraceRows::cell(r, *io_cache).text)) + " is more than 100",
                     "a percentage, 0 to 100");
      else
        q.io_cache_share = percent / 100.0;
    }
    if (rows.problem_count() != before) continue;
    out.push_back(q);
    starts.push_back(start);
  }
  if (!out.empty()) {
    const double earliest = *std::min_element(starts.begin(), starts.end());
    for (std::size_t i = 0; i < out.size(); ++i) out[i].start = starts[i] - earliest;
  }
  return in_start_order(std::move(out));
}

std::vector<TraceJobRun> read_job_runs(std::istream& in, const TraceContext& at, std::vector<Diagnostic>& problems) {
  TraceRows rows(in, at, problems);
  if (!rows.header({"run_id", "start", "duration_s", "status", "instances", "core_seconds", "read_bytes",
                    "shuffle_bytes", "write_bytes"},
                   {}))
    return {};
  static const std::vector<std::string> kStatuses = {"SUCCESS", "FAILED", "CANCELED", "TIMEDOUT"};
  const Column id = rows.required("run_id");
  const Column start_column = rows.required("start");
  const Column duration = rows.required("duration_s");
  const Column status_column = rows.required("status");
  const Column instances = rows.required("instances");
  const Column core_seconds = rows.required("core_seconds");
  const Column read_bytes = rows.required("read_bytes");
  const Column shuffle_bytes = rows.required("shuffle_bytes");
  const Column write_bytes = rows.required("write_bytes");

  std::vector<TraceJobRun> out;
  std::map<std::string, std::size_t> seen;
  Record r;
  while (rows.next(r)) {
    const std::size_t before = rows.problem_count();
    TraceJobRun run;
    run.line = r.line;
    if (auto text = rows.text(r, id); text && unique_id(rows, seen, r, id, *text)) run.run_id = *text;

    // Seconds after the trace's start, as a number or a duration with a unit.
    const Field& start_cell = TraceRows::cell(r, start_column);
    const std::string start_text = trim(start_cell.text);
    double start = 0;
    if (parse_decimal(start_text, start)) {
      if (start < 0)
        rows.problem(start_cell, start_column, in_quotes(start_text) + " is negative", "zero or more seconds");
    } else if (const auto parsed = parse_duration(start_text); std::holds_alternative<double>(parsed)) {
      start = std::get<double>(parsed);
    } else {
      rows.problem(start_cell, start_column,
                   start_text.empty() ? "empty" : in_quotes(start_text) + " is not seconds or a duration",
                   "seconds after the trace's start, e.g. 3900 or \"1h5m\"");
    }
    run.start = start;

    run.recorded_duration = rows.number(r, duration).value_or(0);
    if (auto status = rows.text(r, status_column)) {
      if (std::find(kStatuses.begin(), kStatuses.end(), *status) == kStatuses.end()) {
        std::string rule = in_quotes(*status) + " is not a run status";
        if (auto guess = closest_match(*status, kStatuses)) rule += "; did you mean " + in_quotes(*guess) + "?";
        rows.problem(TraceRows::cell(r, status_column), status_column, rule, "SUCCESS, FAILED, CANCELED or TIMEDOUT");
      }
      run.status = *status;
    }

    if (auto n = rows.number(r, instances)) {
      const Field& f = TraceRows::cell(r, instances);
      const std::string t = trim(f.text);
      if (std::floor(*n) != *n)
        rows.problem(f, instances, in_quotes(t) + " is not a whole number", "a whole number of instances");
      else if (*n < 1)
        rows.problem(f, instances, in_quotes(t) + " is not positive", "at least 1");
      else if (at.max_instances > 0 && *n > at.max_instances)
        rows.problem(f, instances,
                     in_quotes(t) + " is more than the placement's " + std::to_string(at.max_instances) + " instances",
                     "at most " + std::to_string(at.max_instances));
      else if (*n > kMaxRunInstances)
        rows.problem(f, instances,
                     in_quotes(t) + " is more than any placement's " + std::to_string(kMaxRunInstances) + " instances",
                     "at most " + std::to_string(kMaxRunInstances));
      else
        run.instances = static_cast<int>(*n);
    }
    run.core_seconds = rows.number(r, core_seconds).value_or(0);
    run.read_bytes = rows.number(r, read_bytes).value_or(0);
    run.shuffle_bytes = rows.number(r, shuffle_bytes).value_or(0);
    run.write_bytes = rows.number(r, write_bytes).value_or(0);
    if (rows.problem_count() != before) continue;
    out.push_back(run);
  }
  return in_start_order(std::move(out));
}

std::vector<TraceJobRun> read_job_run_timeline(std::istream& in, const TraceContext& at,
                                               std::vector<Diagnostic>& problems) {
  TraceRows rows(in, at, problems);
  if (!rows.header({"run_id", "period_start_time", "period_end_time", "result_state"}, {})) return {};
  static const std::vector<std::string> kStates = {"SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED",
                                                   "TIMED_OUT", "ERROR",  "BLOCKED"};
  static const char* kIsoExample = "an ISO 8601 time such as 2024-05-01T10:00:00.000Z or 2024-05-01 10:00:00";
  const Column id = rows.required("run_id");
  const Column period_start = rows.required("period_start_time");
  const Column period_end = rows.required("period_end_time");
  const Column state = rows.required("result_state");
  // Run ids are unique within a workspace; an account-wide export needs both to name a run.
  const std::optional<Column> workspace = rows.column({"workspace_id"});
  const std::optional<Column> run_duration = rows.column({"run_duration_seconds"});
  const std::optional<Column> job = rows.column({"job_id"});
  if (!at.job_id.empty() && !job) {
    rows.problem(1, 1, "missing column \"job_id\": the scenario replays the runs of job " + in_quotes(at.job_id),
                 "the export's job_id column, or no \"job_id\" in the scenario's trace");
    return {};
  }
  std::map<std::string, std::size_t> other_jobs;  // rows of jobs not replayed, for the message below

  // One slice of a run: the hour (or less) that one row covers.
  struct Slice {
    double start = 0, end = 0;
    std::size_t line = 0;
    std::string state;  // only the run's last slice has one
    std::size_t state_column = 0;
    std::optional<double> duration;  // run_duration_seconds, where the row has it
  };
  std::map<std::pair<std::string, std::string>, std::vector<Slice>> runs;
  std::vector<std::pair<std::string, std::string>> order;  // runs by their first row
  Record r;
  while (rows.next(r)) {
    if (!at.job_id.empty()) {
      const std::string of = value_of(TraceRows::cell(r, *job).text);
      if (of != at.job_id) {
        ++other_jobs[of];
        continue;
      }
    }
    const std::size_t before = rows.problem_count();
    Slice slice;
    slice.line = r.line;
    const std::optional<std::string> run = rows.text(r, id);
    const std::string space = workspace ? value_of(TraceRows::cell(r, *workspace).text) : std::string();
    const auto time_of = [&](const Column& column, double& t) {
      const Field& f = TraceRows::cell(r, column);
      const std::string text = value_of(f.text);
      if (!text.empty() && parse_iso8601(text, t)) return true;
      rows.problem(f, column, text.empty() ? "empty or null" : in_quotes(text) + " is not a time", kIsoExample);
      return false;
    };
    if (time_of(period_start, slice.start) && time_of(period_end, slice.end) && slice.end < slice.start)
      rows.problem(TraceRows::cell(r, period_end), period_end,
                   in_quotes(value_of(TraceRows::cell(r, period_end).text)) + " is before period_start_time",
                   "a later time");
    const Field& state_cell = TraceRows::cell(r, state);
    slice.state = value_of(state_cell.text);
    slice.state_column = state_cell.column;
    if (!slice.state.empty() && std::find(kStates.begin(), kStates.end(), slice.state) == kStates.end()) {
      std::string rule = in_quotes(slice.state) + " is not a result state";
      if (auto guess = closest_match(slice.state, kStates)) rule += "; did you mean " + in_quotes(*guess) + "?";
      rows.problem(state_cell, state, rule,
                   "SUCCEEDED, FAILED, SKIPPED, CANCELLED, TIMED_OUT, ERROR, BLOCKED, or empty on a run's earlier "
                   "slices");
    }
    if (run_duration && !value_of(TraceRows::cell(r, *run_duration).text).empty())
      slice.duration = rows.number(r, *run_duration);
    if (rows.problem_count() != before || !run) continue;
    const auto key = std::make_pair(space, *run);
    auto& slices = runs[key];
    if (slices.empty()) order.push_back(key);
    slices.push_back(std::move(slice));
  }

  if (!at.job_id.empty() && order.empty() && rows.problem_count() == 0) {
    std::string jobs;
    std::size_t listed = 0;
    for (const auto& [name, count] : other_jobs) {
      if (listed++ == 10) {
        jobs += ", ...";
        break;
      }
      jobs += (jobs.empty() ? "" : ", ") + in_quotes(name) + " (" + std::to_string(count) + " rows)";
    }
    rows.problem(1, 1, "no row of job " + in_quotes(at.job_id) + " in the export; it has " + jobs,
                 "a job_id that the export holds");
    return {};
  }
  std::vector<TraceJobRun> out;
  std::vector<double> starts;  // absolute, seconds since 1970
  for (const auto& key : order) {
    std::vector<Slice>& slices = runs[key];
    std::stable_sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) { return a.start < b.start; });
    const std::string name = in_quotes(key.second) + (key.first.empty() ? "" : " of workspace " + key.first);
    bool ok = true;
    const Slice* last_state = nullptr;
    for (std::size_t i = 0; i < slices.size(); ++i) {
      const Slice& s = slices[i];
      if (i > 0 && s.start != slices[i - 1].end) {
        const bool overlap = s.start < slices[i - 1].end;
        rows.problem(s.line, 1,
                     "run_id: this period of run " + name + (overlap ? " overlaps" : " does not follow on from") +
                         " the one on line " + std::to_string(slices[i - 1].line) +
                         (overlap ? "" : ": a slice of the run is missing from the export"),
                     "a run's rows covering its time once, each period starting where the previous one ends");
        ok = false;
      }
      if (s.state.empty()) continue;
      if (last_state) {
        rows.problem(
            s.line, s.state_column,
            "result_state: run " + name + " has a result state on line " + std::to_string(last_state->line) + " too",
            "the result state on the run's last row only");
        ok = false;
      }
      last_state = &s;
    }
    if (last_state && last_state != &slices.back()) {
      rows.problem(last_state->line, last_state->state_column,
                   "result_state: on a period of run " + name + " that is not its last (line " +
                       std::to_string(slices.back().line) + " comes later)",
                   "the result state on the run's last row only");
      ok = false;
    }
    if (!ok) continue;
    TraceJobRun run;
    run.run_id = key.second;
    run.line = std::min_element(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) {
                 return a.line < b.line;
               })->line;
    run.work_from_profile = true;
    // A run without a result state was still going when the table was exported: it replays, but
    // has no recorded duration to compare with.
    run.status = last_state ? last_state->state : "RUNNING";
    if (last_state)
      run.recorded_duration = last_state->duration ? *last_state->duration : slices.back().end - slices.front().start;
    out.push_back(run);
    starts.push_back(slices.front().start);
  }
  if (!out.empty()) {
    const double earliest = *std::min_element(starts.begin(), starts.end());
    for (std::size_t i = 0; i < out.size(); ++i) out[i].start = starts[i] - earliest;
  }
  return in_start_order(std::move(out));
}

TracePath resolve_trace_path(const std::string& scenario_file, const std::string& trace, bool allow_outside) {
  namespace fs = std::filesystem;
  const fs::path relative(trace);
  if (!allow_outside) {
    if (relative.has_root_name() || relative.has_root_directory())
      return {"", "path escapes the scenario's folder: " + in_quotes(trace) + " is absolute"};
    const fs::path normal = relative.lexically_normal();
    if (!normal.empty() && *normal.begin() == "..")
      return {"", "path escapes the scenario's folder: " + in_quotes(trace) + " leads outside it"};
  }
  const fs::path folder = fs::path(scenario_file).parent_path();
  const fs::path full = relative.is_absolute() ? relative : folder / relative;
  if (!allow_outside) {
    // The lexical check above cannot see symbolic links: a link inside the folder may point out
    // of it. Compare the real paths (links resolved, as far as they exist).
    std::error_code ec;
    const fs::path real_folder = fs::weakly_canonical(fs::absolute(folder.empty() ? fs::path(".") : folder, ec), ec);
    std::error_code ec_full;
    const fs::path real_full = fs::weakly_canonical(fs::absolute(full, ec_full), ec_full);
    if (!ec && !ec_full) {
      const auto rel = real_full.lexically_relative(real_folder);
      if (rel.empty() || *rel.begin() == "..")
        return {"", "path escapes the scenario's folder: " + in_quotes(trace) + " leads through a symbolic link to " +
                        in_quotes(real_full.string()) + ", outside it"};
    }
  }
  return {full.lexically_normal().string(), ""};
}

}  // namespace lakesim::sim
