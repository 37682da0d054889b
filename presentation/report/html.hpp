#pragma once
// Pieces of a self-contained HTML page: escaping, numbers for people, images as data URIs (so
// a report opens from disk with no network), and the shared page frame and style.
#include <optional>
#include <string>

namespace lakesim::presentation::report {

std::string html_escape(const std::string& text);
std::string base64(const std::string& bytes);
// An <img> whose source is the SVG itself, base64-encoded: SVGs from different tools keep their
// own element ids apart.
std::string svg_image(const std::string& svg, const std::string& alt);
// A paragraph saying why a chart is missing.
std::string chart_note(const std::string& what, const std::string& why);

// A number with a precision that suits its size ("1,234", "12.3", "0.0412"); "-" for none.
std::string format_number(std::optional<double> value);
// Seconds as "45 s", "27.5 min", "3.2 h"; "-" for none.
std::string format_seconds(std::optional<double> seconds);

std::string page_begin(const std::string& title);
std::string page_end();

}  // namespace lakesim::presentation::report
