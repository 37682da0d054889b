#pragma once
// The story of a run in the lines a person should notice: what broke and when, how the outage
// was detected, each failover step, failback, what happened to streams and replication, and
// bursts of failures summarised instead of listed one by one. Fed with timeline events as they
// are recorded, so `lakesim run --narrate` can print it live; the same lines go to narration.txt.
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run_output.hpp"
#include "scenario/scenario.hpp"
#include "sim/event_log.hpp"

namespace lakesim::analysis {

// Simulated seconds as a clock: "04:00:00" (hours go past 24 on runs longer than a day).
std::string clock_text(double seconds);

class Narrator {
 public:
  explicit Narrator(const sim::Scenario& scenario);

  // Takes the next event (in time order) and returns the lines it completes: those of the
  // events of earlier instants, and the summaries of bursts that ended before them. Events of one
  // instant are told together once the instant is over, faults first: the simulation may record
  // a fault's effects before the fault itself, a person should read the cause first.
  std::vector<std::string> add(const sim::Event& event);

  // Closes the bursts still open at `end` and adds what the results say about the run as a
  // whole (failures, data lost at region outages, replication backlog). Returns the new lines.
  std::vector<std::string> finish(double end, const nlohmann::json& results);

  // Every line so far, each ending in a newline.
  std::string text() const;

 private:
  // A run of events of one frequent kind, no more than quiet_gap(kind) apart.
  struct Burst {
    double first = 0;
    double last = 0;
    double next_report = 0;  // when a long burst says it is still going
    std::uint64_t count = 0;
    std::uint64_t reported = 0;                      // count already told in "still" lines
    std::map<std::string, std::uint64_t> by_source;  // workload, job or sync
    std::map<std::string, std::uint64_t> by_cause;
  };

  void tell(const sim::Event& e, std::vector<std::string>& out);
  void tell_held(std::vector<std::string>& out);  // the held instant's events, causes first
  void close_quiet_bursts(double now, std::vector<std::string>& out);
  void close_burst(const std::string& kind, double at, std::vector<std::string>& out);
  double quiet_gap(const std::string& kind) const;
  void add_to_burst(const sim::Event& e, std::vector<std::string>& out);
  std::string fault_line(const sim::Event& e, bool started) const;
  void replication_lines(const sim::FaultSpec& fault, bool started, double at, std::vector<std::string>& out);
  std::string describe(const sim::Event& e);  // one-off events; empty when not worth a line
  void emit(double time, const std::string& text, std::vector<std::string>& out);

  const sim::Scenario& scenario_;
  std::map<std::string, Burst> bursts_;        // open bursts by event kind
  std::map<std::string, double> stream_down_;  // stream -> when it stopped
  std::vector<std::string> lines_;
  std::vector<sim::Event> held_;  // the events of the latest instant, not told yet
};

// The run's hooks with narration added: every event goes to `narrator`, and when `live` is not
// null the lines are printed there as they come. The hooks' own on_event, if any, still runs.
RunHooks with_narration(RunHooks hooks, Narrator& narrator, std::ostream* live);

}  // namespace lakesim::analysis
