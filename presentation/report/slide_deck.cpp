#include "presentation/report/slide_deck.hpp"

#include "analysis/atomic_file.hpp"
#include "presentation/report/charts.hpp"
#include "presentation/report/html.hpp"
#include "presentation/report/outage_walkthrough.hpp"
#include "scenario/units.hpp"

namespace lakesim::presentation::report {

namespace {

// 1920 x 1080 px sections; titles of 48 px (36 pt), text of 32 px (24 pt).
const char* const kStyle =
    "<style>\nbody{margin:0;font-family:'DejaVu Sans',Arial,sans-serif;color:#1d2733;background:#fff}\n"
    "section.slide{width:1920px;height:1080px;box-sizing:border-box;padding:36px 60px;display:flex;"
    "flex-direction:column;overflow:hidden;border-bottom:2px solid #d7dde5;break-after:page}\n"
    "section.slide h2{font-size:48px;margin:0 0 16px}section.slide p{font-size:32px;margin:6px 0}\n"
    "section.slide .fig{flex:1;min-height:0;display:flex;justify-content:center;align-items:center}\n"
    "section.slide .fig img,section.slide .fig svg{max-width:100%;max-height:100%;width:1800px}\n"
    "section.slide ul{font-size:36px;line-height:1.5}\n</style>\n";

std::string slide(const std::string& title, const std::string& body) {
  return "<section class=\"slide\">\n<h2>" + html_escape(title) + "</h2>\n" + body + "</section>\n";
}

std::string figure(const ToolResult& chart, const std::string& what, std::vector<std::string>& notes) {
  if (chart.ok) return "<div class=\"fig\">" + svg_image(chart.output, what) + "</div>\n";
  notes.push_back(what + ": " + chart.note);
  return "<p>" + html_escape(what + ": " + chart.note) + "</p>\n";
}

double number_or(const nlohmann::json& object, const char* key, double fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

}  // namespace

std::string slide_deck_html(const RunFiles& run, std::vector<std::string>& notes) {
  const nlohmann::json& r = run.results;
  const nlohmann::json scenario = r.value("scenario", nlohmann::json::object());
  std::string name = scenario.value("name", std::string("run"));
  if (!scenario.value("variant", std::string()).empty()) name += " (" + scenario["variant"].get<std::string>() + ")";
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                     html_escape("lakesim slides: " + name) + "</title>\n" + kStyle + "</head>\n<body>\n";

  // The key figures, as the report's header gives them.
  double completed = 0, failed = 0;
  for (const auto& w : r.value("workloads", nlohmann::json::array())) {
    completed += number_or(w, "completed", 0);
    failed += number_or(w, "failed", 0);
  }
  std::string items = "<li>" + html_escape(sim::format_whole_duration(number_or(r, "simulated_seconds", 0))) +
                      " simulated, seed " + html_escape(r.value("seed", nlohmann::json(0)).dump()) + "</li>";
  items += "<li>requests completed " + html_escape(format_number(completed)) + ", failed " +
           html_escape(format_number(failed)) + "</li>";
  for (const auto& f : r.value("dr", nlohmann::json::object()).value("failovers", nlohmann::json::array()))
    items += "<li>RTO after " + html_escape(f.value("outage", std::string("the outage"))) + ": " +
             html_escape(format_seconds(number_or(f, "rto_seconds", 0))) + "</li>";
  for (const auto& o : r.value("data_loss", nlohmann::json::object()).value("region_outages", nlohmann::json::array()))
    items += "<li>worst RPO of a protected component at the loss of " +
             html_escape(o.value("region", std::string("the region"))) + ": " +
             html_escape(format_seconds(number_or(o, "worst_protected_rpo_seconds", 0))) + "</li>";
  if (r.contains("cost"))
    items += "<li>cost " + html_escape(format_number(number_or(r["cost"], "total_usd", 0))) + " USD</li>";
  html += slide("lakesim run: " + name, "<ul>" + items + "</ul>\n");

  html += slide("Throughput over time", figure(throughput_chart(r, kSlideLook), "throughput", notes));
  for (const auto& f : r.value("dr", nlohmann::json::object()).value("failovers", nlohmann::json::array()))
    html += slide("Recovery steps after " + f.value("outage", std::string("the outage")),
                  figure(recovery_gantt_chart(f, kSlideLook), "recovery timeline", notes));
  const std::vector<WalkFrame> frames = walkthrough_frames(r);
  for (std::size_t i = 0; i < frames.size(); ++i)
    html += slide(sim::format_clock(frames[i].time) + "  " + frames[i].title,
                  "<div class=\"fig\">" + walkthrough_frame_svg(r, frames, i) + "</div>\n");
  return html + "</body>\n</html>\n";
}

std::vector<std::string> write_slide_deck(const std::string& dir) {
  const RunFiles run = read_run_files(dir);
  std::vector<std::string> notes;
  sim::write_file_atomically(dir + "/slides.html", slide_deck_html(run, notes));
  return notes;
}

}  // namespace lakesim::presentation::report
