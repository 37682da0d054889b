#include "presentation/report/outage_walkthrough.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "presentation/failover_state.hpp"
#include "presentation/report/html.hpp"
#include "scenario/units.hpp"

namespace lakesim::presentation::report {

namespace {

double number_or(const nlohmann::json& object, const char* key, double fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string text_of(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const nlohmann::json& array_of(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!object.is_object()) return empty;
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

// The three layers a region is drawn with, from a component's plane and archetype.
enum class Layer { ControlPlane, Compute, Storage };
constexpr Layer kLayers[] = {Layer::ControlPlane, Layer::Compute, Layer::Storage};

const char* label(Layer layer) {
  switch (layer) {
    case Layer::ControlPlane: return "Control plane";
    case Layer::Compute: return "Compute";
    case Layer::Storage: return "S3 data and logs";
  }
  return "";
}

Layer layer_of(const nlohmann::json& component) {
  if (text_of(component, "plane") == "control") return Layer::ControlPlane;
  return text_of(component, "archetype") == "compute_pool" ? Layer::Compute : Layer::Storage;
}

// The regions in a stable order: the DR primary, its secondary, then the others alphabetically.
std::vector<std::string> regions_of(const nlohmann::json& results) {
  std::set<std::string> all;
  for (const nlohmann::json& c : array_of(results, "components")) all.insert(text_of(c, "region"));
  all.erase("");
  std::vector<std::string> ordered;
  const nlohmann::json dr = results.value("dr", nlohmann::json::object());
  for (const std::string& r : {text_of(dr, "primary"), text_of(dr, "secondary")})
    if (all.erase(r)) ordered.push_back(r);
  ordered.insert(ordered.end(), all.begin(), all.end());
  return ordered;
}

bool active(const nlohmann::json& outage, double t) {
  return number_or(outage, "start", 0) <= t && t < number_or(outage, "end", std::numeric_limits<double>::infinity());
}

// What one frame draws: per region and layer, how many components there are and how many are down.
struct Counts {
  int total = 0;
  int down = 0;
};

std::map<std::pair<std::string, Layer>, Counts> layer_counts(const nlohmann::json& results, double t) {
  std::map<std::pair<std::string, Layer>, Counts> counts;
  std::map<std::string, std::pair<std::string, Layer>> by_label;  // "Workspace UI@us-east-1"
  for (const nlohmann::json& c : array_of(results, "components")) {
    const auto key = std::make_pair(text_of(c, "region"), layer_of(c));
    ++counts[key].total;
    by_label[text_of(c, "name") + "@" + key.first] = key;
  }
  std::set<std::string> down;
  for (const nlohmann::json& o : array_of(results, "outages"))
    if (active(o, t))
      for (const nlohmann::json& name : array_of(o, "components_down"))
        if (name.is_string()) down.insert(name.get<std::string>());
  for (const std::string& name : down)
    if (const auto it = by_label.find(name); it != by_label.end()) ++counts[it->second].down;
  return counts;
}

std::string fmt(double value) {
  std::ostringstream out;
  out << static_cast<long long>(value);
  return out.str();
}

std::string text_element(double x, double y, int size, const std::string& text, const std::string& extra = "") {
  return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"" + std::to_string(size) + "\"" + extra + ">" +
         html_escape(text) + "</text>";
}

}  // namespace

std::string walkthrough_frame_svg(const nlohmann::json& results, const std::vector<WalkFrame>& frames,
                                  std::size_t index) {
  const WalkFrame& frame = frames[index];
  const double t = frame.time;
  const std::vector<std::string> regions = regions_of(results);
  const FailoverState state = failover_state_at(results, t);
  const auto counts = layer_counts(results, t);
  const double width = 1000, height = 470;
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 470\" role=\"img\" "
      "font-family=\"DejaVu Sans,Arial,sans-serif\">";
  svg += "<defs><marker id=\"arrow-" + std::to_string(index) +
         "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
         "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1a7f37\"/></marker></defs>";
  svg += "<rect width=\"1000\" height=\"470\" fill=\"#ffffff\"/>";
  // Users.
  svg += "<rect x=\"410\" y=\"8\" width=\"180\" height=\"42\" rx=\"8\" fill=\"#eef2f7\" stroke=\"#5b6b7d\"/>";
  svg += text_element(500, 36, 20, "Users", " text-anchor=\"middle\" font-weight=\"bold\"");

  const double gap = 30, left = 20;
  const double box = regions.empty() ? 0 : (width - 2 * left - gap * (regions.size() - 1)) / regions.size();
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const std::string& region = regions[r];
    const double x = left + r * (box + gap), y = 110;
    const bool serves = state.has_dr && state.serving == region;
    int down = 0, total = 0;
    for (const Layer layer : kLayers) {
      const auto it = counts.find({region, layer});
      if (it == counts.end()) continue;
      down += it->second.down;
      total += it->second.total;
    }
    const std::string frame_colour = down == total && total > 0 ? "#b42318" : serves ? "#1a7f37" : "#5b6b7d";
    svg += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(box) + "\" height=\"230\" rx=\"10\" " +
           "fill=\"#fbfcfe\" stroke=\"" + frame_colour + "\" stroke-width=\"" + (serves ? "4" : "2") + "\"" +
           (down == total && total > 0 ? " stroke-dasharray=\"10 6\"" : "") + "/>";
    std::string role = region == state.primary ? " (primary)" : region == state.secondary ? " (secondary)" : "";
    svg += text_element(x + 14, y + 30, 20, region + role, " font-weight=\"bold\"");
    if (serves)
      svg += text_element(x + box - 14, y + 30, 18, "serves users",
                          " text-anchor=\"end\" fill=\"#1a7f37\" font-weight=\"bold\"");
    else if (down == total && total > 0)
      svg +=
          text_element(x + box - 14, y + 30, 18, "DOWN", " text-anchor=\"end\" fill=\"#b42318\" font-weight=\"bold\"");
    double ly = y + 48;
    for (const Layer layer : kLayers) {
      const auto it = counts.find({region, layer});
      const Counts c = it == counts.end() ? Counts{} : it->second;
      const bool all = c.total > 0 && c.down == c.total;
      const std::string fill = c.total == 0 ? "#f2f4f7" : all ? "#fde2e1" : c.down > 0 ? "#fff1d6" : "#e6f4ea";
      const std::string stroke = c.total == 0 ? "#c4ccd6" : all ? "#b42318" : c.down > 0 ? "#b26b00" : "#4c9a63";
      svg += "<rect x=\"" + fmt(x + 14) + "\" y=\"" + fmt(ly) + "\" width=\"" + fmt(box - 28) +
             "\" height=\"52\" rx=\"6\" fill=\"" + fill + "\" stroke=\"" + stroke + "\"/>";
      const std::string status = c.total == 0  ? "not deployed"
                                 : c.down == 0 ? "up"
                                 : all         ? "DOWN"
                                               : std::to_string(c.down) + " of " + std::to_string(c.total) + " down";
      svg += text_element(x + 28, ly + 33, 18, label(layer));
      svg += text_element(x + box - 28, ly + 33, 18, status, " text-anchor=\"end\" font-weight=\"bold\"");
      ly += 60;
    }
    // The users' arrow goes to the region that serves them.
    if (serves) {
      svg += "<line x1=\"500\" y1=\"50\" x2=\"" + fmt(x + box / 2) + "\" y2=\"" + fmt(y - 2) +
             "\" stroke=\"#1a7f37\" stroke-width=\"4\" marker-end=\"url(#arrow-" + std::to_string(index) + ")\"/>";
    }
  }
  if (state.has_dr && state.serving.empty()) {
    svg += text_element(500, 86, 18, "no region answers users",
                        " text-anchor=\"middle\" fill=\"#b42318\" font-weight=\"bold\"");
  }
  // Faults active at this instant, those outside the regions' components included (an identity
  // provider, a backbone link).
  double fy = 372;
  int listed = 0;
  const double run_end = number_or(results, "simulated_seconds", std::numeric_limits<double>::infinity());
  for (const nlohmann::json& o : array_of(results, "outages")) {
    if (!active(o, t) || listed == 2) continue;
    // A fault may be configured to last past the run: say so rather than show an end never seen.
    const double fault_end = number_or(o, "end", 0);
    svg += text_element(20, fy, 17,
                        "fault " + text_of(o, "name") + ": " + text_of(o, "kind") + " on " + text_of(o, "target") +
                            ", " + sim::format_clock(number_or(o, "start", 0)) + " to " + sim::format_clock(fault_end) +
                            (fault_end > run_end ? " (after the run ends)" : ""),
                        " fill=\"#b42318\"");
    fy += 22;
    ++listed;
  }
  if (listed == 0) svg += text_element(20, fy, 17, "no fault active", " fill=\"#4c5866\"");
  // The time line: every frame a tick, this one a dot.
  const double end = std::max(1.0, number_or(results, "simulated_seconds", frames.back().time));
  const double x0 = 20, x1 = width - 20, ty = height - 28;
  svg += "<line x1=\"" + fmt(x0) + "\" y1=\"" + fmt(ty) + "\" x2=\"" + fmt(x1) + "\" y2=\"" + fmt(ty) +
         "\" stroke=\"#9aa5b1\" stroke-width=\"3\"/>";
  for (const nlohmann::json& o : array_of(results, "outages")) {
    const double a = x0 + (x1 - x0) * std::clamp(number_or(o, "start", 0) / end, 0.0, 1.0);
    const double b = x0 + (x1 - x0) * std::clamp(number_or(o, "end", end) / end, 0.0, 1.0);
    svg += "<rect x=\"" + fmt(a) + "\" y=\"" + fmt(ty - 5) + "\" width=\"" + fmt(std::max(2.0, b - a)) +
           "\" height=\"10\" fill=\"#f4a6a0\"/>";
  }
  for (std::size_t k = 0; k < frames.size(); ++k) {
    const double x = x0 + (x1 - x0) * std::clamp(frames[k].time / end, 0.0, 1.0);
    svg += k == index ? "<circle cx=\"" + fmt(x) + "\" cy=\"" + fmt(ty) + "\" r=\"9\" fill=\"#1f6fb2\"/>"
                      : "<line x1=\"" + fmt(x) + "\" y1=\"" + fmt(ty - 9) + "\" x2=\"" + fmt(x) + "\" y2=\"" +
                            fmt(ty + 9) + "\" stroke=\"#4c5866\" stroke-width=\"2\"/>";
  }
  svg += text_element(x0, height - 4, 16, "00:00:00", " fill=\"#4c5866\"");
  svg += text_element(x1, height - 4, 16, sim::format_clock(end), " text-anchor=\"end\" fill=\"#4c5866\"");
  return svg + "</svg>";
}

namespace {

// The narration's lines at a frame's clock time ("02:01:18 ...").
std::string narration_at(const std::string& narration, double t) {
  const std::string clock = sim::format_clock(t) + " ";
  std::istringstream in(narration);
  std::string out;
  for (std::string line; std::getline(in, line);)
    if (line.rfind(clock, 0) == 0) out += line + "\n";
  return out;
}

std::string walkthrough_block(const nlohmann::json& results, const std::string& narration, bool page) {
  const std::vector<WalkFrame> frames = walkthrough_frames(results);
  if (frames.empty()) return "";
  std::string out =
      "<div class=\"walk\" id=\"walk\">\n<style>\n"
      ".walk .controls{display:flex;align-items:center;gap:12px;margin:8px 0}"
      ".walk button{font-size:16px;padding:6px 14px}.walk input{flex:1}"
      ".walk .when{font-size:" +
      std::string(page ? "30" : "20") + "px;margin:6px 0}.walk .state{font-size:" + std::string(page ? "24" : "16") +
      "px;margin:4px 0 8px;color:#2b3a4a}.walk svg{width:100%;max-width:" + std::string(page ? "1800" : "1100") +
      "px;border:1px solid #e3e8ee}"
      ".walk pre{white-space:pre-wrap;font-size:" +
      std::string(page ? "20" : "13") +
      "px;background:#f5f7fa;padding:8px 12px;border-left:4px solid #5b7fa6}\n</style>\n";
  out +=
      "<div class=\"controls\"><button class=\"prev\" type=\"button\">&#9664; previous</button>"
      "<input type=\"range\" min=\"0\" max=\"" +
      std::to_string(frames.size() - 1) +
      "\" value=\"0\" aria-label=\"frame\"><button class=\"next\" type=\"button\">next &#9654;</button>"
      "<span class=\"count\">" +
      std::to_string(frames.size()) + " frames</span></div>\n";
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const WalkFrame& f = frames[i];
    const FailoverState state = failover_state_at(results, f.time);
    out += "<section class=\"frame\" id=\"" + f.id + "\">\n<p class=\"when\"><b>" + sim::format_clock(f.time) +
           "</b> " + html_escape(f.title) + "</p>\n";
    if (state.has_dr) out += "<p class=\"state\">" + html_escape(state.summary) + "</p>\n";
    out += walkthrough_frame_svg(results, frames, i) + "\n";
    const std::string said = narration_at(narration, f.time);
    if (!said.empty()) out += "<pre>" + html_escape(said) + "</pre>\n";
    out += "</section>\n";
  }
  // Without script every frame shows, one under the other; with it, one at a time.
  out +=
      "<script>\n(function(){var w=document.getElementById('walk');var f=w.querySelectorAll('.frame');"
      "var r=w.querySelector('input');var n=w.querySelector('.count');"
      "function show(i){i=Math.max(0,Math.min(f.length-1,i));for(var k=0;k<f.length;k++)"
      "f[k].style.display=k==i?'block':'none';r.value=i;n.textContent=(i+1)+' / '+f.length;}"
      "w.querySelector('.prev').onclick=function(){show(+r.value-1);};"
      "w.querySelector('.next').onclick=function(){show(+r.value+1);};"
      "r.oninput=function(){show(+r.value);};"
      "document.addEventListener('keydown',function(e){if(e.key=='ArrowRight')show(+r.value+1);"
      "if(e.key=='ArrowLeft')show(+r.value-1);});"
      "var h=location.hash.slice(1),s=0;for(var k=0;k<f.length;k++)if(f[k].id==h)s=k;show(s);})();\n"
      "</script>\n</div>\n";
  return out;
}

}  // namespace

std::vector<WalkFrame> walkthrough_frames(const nlohmann::json& results) {
  std::vector<WalkFrame> frames;
  const nlohmann::json& outages = array_of(results, "outages");
  if (outages.empty()) return frames;
  const double end = number_or(results, "simulated_seconds", std::numeric_limits<double>::infinity());
  frames.push_back({0, "before", "Before the fault: everything up", ""});
  for (const nlohmann::json& o : outages) {
    const std::string name = text_of(o, "name");
    frames.push_back({number_or(o, "start", 0), "fault",
                      "Fault " + name + " begins: " + text_of(o, "kind") + " on " + text_of(o, "target"), ""});
    const double stop = number_or(o, "end", end);
    if (stop < end)
      frames.push_back({stop, "fault-end",
                        "Fault " + name + " ends after " + sim::format_whole_duration(stop - number_or(o, "start", 0)),
                        ""});
  }
  const nlohmann::json dr = results.value("dr", nlohmann::json::object());
  const std::string primary = text_of(dr, "primary"), secondary = text_of(dr, "secondary");
  for (const nlohmann::json& f : array_of(dr, "failovers")) {
    const double start = number_or(f, "outage_start", 0);
    if (const double detected = number_or(f, "detected", -1); detected >= 0)
      frames.push_back({detected, "detection",
                        "Outage detected: " + primary + " declared down, " +
                            sim::format_whole_duration(detected - start) + " after it stopped answering",
                        ""});
    for (const nlohmann::json& step : array_of(f, "steps")) {
      const std::string name = text_of(step, "step");
      const std::string detail = text_of(step, "detail");
      frames.push_back({number_or(step, "start", 0), "step-" + name,
                        "Recovery step: " + name + ", " + sim::format_whole_duration(number_or(step, "seconds", 0)) +
                            " (" + text_of(step, "source") + (detail.empty() ? "" : ", " + detail) + ")",
                        name});
    }
    if (f.value("completed", false)) {
      const double at = number_or(f, "redirected", -1);
      if (at >= 0)
        frames.push_back({at, "failover-complete",
                          "Failover complete: users served by " + secondary + ", " +
                              sim::format_whole_duration(at - start) + " after the outage began",
                          ""});
    }
    if (const double back = number_or(f, "failed_back", -1); back >= 0)
      frames.push_back({back, "failback", "Failback: users served by " + primary + " again", ""});
  }
  if (end < std::numeric_limits<double>::infinity()) frames.push_back({end, "end", "End of the run", ""});
  std::stable_sort(frames.begin(), frames.end(),
                   [](const WalkFrame& a, const WalkFrame& b) { return a.time < b.time; });
  // Anchors are unique: a second fault's frame is "fault-2".
  std::map<std::string, int> seen;
  for (WalkFrame& f : frames)
    if (const int n = ++seen[f.id]; n > 1) f.id += "-" + std::to_string(n);
  return frames;
}

std::string outage_walkthrough(const nlohmann::json& results, const std::string& narration) {
  const std::string block = walkthrough_block(results, narration, false);
  if (block.empty()) return "";
  return "<h2>Walk through the outage</h2>\n<p class=\"meta\">One frame per key event; step with the buttons, the "
         "slider or the arrow keys. What is down, and which region serves users, as simulated.</p>\n" +
         block;
}

std::string outage_walkthrough_page(const nlohmann::json& results, const std::string& narration) {
  const std::string name = text_of(results.value("scenario", nlohmann::json::object()), "name");
  std::string html = page_begin("lakesim: walk through the outage of " + name);
  html += "<h1>Walk through the outage: " + html_escape(name) + "</h1>\n";
  const std::string block = walkthrough_block(results, narration, true);
  html += block.empty() ? "<p>This run had no fault.</p>\n" : block;
  return html + page_end();
}

}  // namespace lakesim::presentation::report
