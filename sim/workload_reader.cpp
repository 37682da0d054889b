#include "sim/workload_reader.hpp"

namespace lakesim::sim {

void read_workloads(const nlohmann::json& root, FieldReader& in, Scenario& scenario) {
  (void)scenario;
  for (const char* key : {"workloads", "tables", "prices"})
    if (root.contains(key)) in.error(std::string("/") + key, "this section is not read yet", "");
}

}  // namespace lakesim::sim
