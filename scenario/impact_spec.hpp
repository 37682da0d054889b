#pragma once
// The typed form of a scenario's `impact` section: what an outage costs the business, as rates
// in US dollars per failed request, per hour a workload is unavailable, and per lost commit or
// byte of data. Inputs to the analysis of a run's figures; they change nothing in the simulation.
#include <optional>
#include <string>
#include <vector>

namespace lakesim::sim {

// Rates for the requests of a workload (or of every workload of a class).
struct RequestImpact {
  std::optional<double> usd_per_failed_request;
  std::optional<double> usd_per_unavailable_second;
};

// Rates for lost data: per lost Delta commit (tables) and per lost byte (every other data
// component: datasets, metadata stores, logs).
struct DataImpact {
  std::optional<double> usd_per_lost_commit;
  std::optional<double> usd_per_lost_byte;
};

struct NamedRequestImpact {
  std::string name;
  RequestImpact rates;
};

struct NamedDataImpact {
  std::string name;
  DataImpact rates;
};

struct ImpactSpec {
  std::vector<NamedRequestImpact> workloads;  // by workload name; before the class's rates
  std::vector<NamedRequestImpact> classes;    // by workload class ("sql", "job", ...)
  DataImpact lost_data;                       // for every table and data component
  std::vector<NamedDataImpact> tables;        // by table name; before `lost_data`

  // The rates that apply to a workload: its own, else its class's, field by field.
  RequestImpact for_workload(const std::string& name, const std::string& workload_class) const;
  // The rates that apply to a table (or other data component) of this name.
  DataImpact for_table(const std::string& name) const;
};

}  // namespace lakesim::sim
