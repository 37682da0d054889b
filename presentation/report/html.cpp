#include "presentation/report/html.hpp"

#include <cmath>
#include <cstdio>

namespace lakesim::presentation::report {

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64(const std::string& bytes) {
  static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string svg_image(const std::string& svg, const std::string& alt) {
  return "<img class=\"chart\" alt=\"" + html_escape(alt) + "\" src=\"data:image/svg+xml;base64," + base64(svg) +
         "\">\n";
}

std::string chart_note(const std::string& what, const std::string& why) {
  return "<p class=\"note\">No " + html_escape(what) + " chart: " + html_escape(why) + ".</p>\n";
}

std::string format_number(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return "-";
  const double v = *value;
  const double a = std::fabs(v);
  char buf[64];
  if (a < 1e-9) return "0";  // zero, or floating-point noise around it
  if (a >= 1000 || (v == std::floor(v) && a < 1e15)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    // Thousands separators for readability.
    std::string digits = buf, out;
    const std::size_t start = digits[0] == '-' ? 1 : 0;
    for (std::size_t i = start; i < digits.size(); ++i) {
      if (i > start && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return (start ? "-" : "") + out;
  }
  if (a >= 100)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 10)
    std::snprintf(buf, sizeof buf, "%.1f", v);
  else if (a >= 0.01)
    std::snprintf(buf, sizeof buf, "%.3g", v);
  else
    std::snprintf(buf, sizeof buf, "%.2g", v);  // 0.0021, not 2.10e-03
  return buf;
}

std::string format_seconds(std::optional<double> seconds) {
  if (!seconds || !std::isfinite(*seconds)) return "-";
  const double s = *seconds;
  const double a = std::fabs(s);
  if (a < 0.01) return "0 s";  // zero, or noise from floating point: not a duration
  if (a < 60) return format_number(s) + " s";
  // As a clock reads: 7m05s, 1h05m (whole seconds, whole minutes).
  char buf[48];
  const long long whole = std::llround(a);
  if (whole < 3600)
    std::snprintf(buf, sizeof buf, "%s%lldm%02llds", s < 0 ? "-" : "", whole / 60, whole % 60);
  else
    std::snprintf(buf, sizeof buf, "%s%lldh%02lldm", s < 0 ? "-" : "", std::llround(a / 60) / 60,
                  std::llround(a / 60) % 60);
  return buf;
}

std::string page_begin(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
         "</title>\n<style>\n"
         "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px 32px;color:#1d2733;max-width:1320px}\n"
         "h1{font-size:26px;margin-bottom:4px}h2{font-size:20px;border-bottom:2px solid #d7dde5;padding-bottom:4px;"
         "margin-top:36px}h3{font-size:16px;margin-bottom:6px}\n"
         ".meta{color:#566373;font-size:14px}.note{color:#8a5a00;background:#fff7e0;padding:6px 10px;"
         "border-left:4px solid #e0a800}\n"
         "table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}th,td{border:1px solid #d7dde5;"
         "padding:3px 8px;text-align:right}th{background:#eef2f7}td.l,th.l{text-align:left}\n"
         "tr:nth-child(even) td{background:#fafbfd}td.heat{text-align:center;min-width:70px}\n"
         ".sig{font-weight:bold;color:#0b6b2b}.worse{font-weight:bold;color:#a51d1d}.na{color:#8c96a3}\n"
         "img.chart{max-width:100%;border:1px solid #e3e8ee;margin:6px 0}\n"
         "pre.narration{white-space:pre-wrap;background:#f5f7fa;padding:10px 14px;border-left:4px solid #5b7fa6;"
         "font-size:13px;max-height:340px;overflow:auto}\n.wide{overflow:auto;max-height:900px;border:1px solid "
         "#e3e8ee}"
         ".wide img{max-width:none}summary{cursor:pointer;color:#1f6fb2;margin:4px "
         "0}\n.kpi{display:inline-block;margin:4px 18px 4px 0;padding:8px 14px;background:#eef2f7;"
         "border-radius:6px}.kpi b{display:block;font-size:20px}\n"
         "</style>\n</head>\n<body>\n";
}

std::string page_end() { return "</body>\n</html>\n"; }

}  // namespace lakesim::presentation::report
