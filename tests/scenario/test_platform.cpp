// The platform built from the shipped two-region scenario: sizes, names and routes.
#include <catch2/catch.hpp>

#include "models/platform_probe.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

using namespace lakesim::sim;

namespace {
Scenario two_region() { return load_scenario(std::string(LAKESIM_SCENARIO_DIR) + "/two-region.json"); }

bool route_has(sg4::Host* a, sg4::Host* b, const std::string& link) {
  std::vector<sg4::Link*> links;
  double latency = 0;
  a->route_to(b, links, &latency);
  for (auto* l : links)
    if (l->get_name() == link) return true;
  return false;
}
}  // namespace

TEST_CASE("two-region platform has the hosts, disks and links the scenario implies") {
  const Scenario s = two_region();
  Simulation sim(s);
  const PlatformSize& size = sim.platform().size();
  CHECK(size.regions == 2);
  CHECK(size.azs == 6);
  // 2 S3 endpoints + 2 regions x 3 AZs x 2 control-plane hosts + 32 + 16 + 8 + 4 instances
  // + 5 hosts on the Internet (clients, identity provider, Git, SIEM, Terraform).
  CHECK(size.hosts == 2 + 12 + 60 + 5);
  // Every instance also has its S3 port, which is not a machine and not counted.
  CHECK(size.hosts + 60 == sim.engine().get_host_count());
  // Every instance type used by compute has local NVMe; the control plane's m5.2xlarge does not.
  CHECK(size.disks == 60);
  // Per host with a NIC: 2 (split duplex); per AZ: 1 uplink; per region: 3 AZ pairs + S3 + its
  // Internet edge; 1 WAN; per Internet host: 1; per instance's S3 port: 2 (split duplex).
  CHECK(size.links == 2 * 72 + 6 + 2 * 5 + 1 + 5 + 2 * 60);
}

TEST_CASE("host and link names carry their region and AZ") {
  const Scenario s = two_region();
  Simulation sim(s);
  for (const HostInfo& h : sim.platform().hosts()) {
    INFO(h.host->get_name());
    CHECK(h.host->get_name().rfind(h.az.empty() ? h.region : h.az, 0) == 0);
    CHECK(h.host->get_property("region") == h.region);
  }
  CHECK(sim.platform().control_plane("us-west-2").size() == 6);
  CHECK(sim.platform().compute("sql-dr").size() == 4);
  // us-east-1b holds 2 control-plane hosts, 11 of the 32 spark and 5 of the 16 sql instances.
  CHECK(sim.platform().links_of_az("us-east-1b").size() == 1 + 2 * (2 + 11 + 5) + 2 * (11 + 5));
}

TEST_CASE("routes cross the WAN between regions and stay inside a region otherwise") {
  const Scenario s = two_region();
  Simulation sim(s);
  auto& e = sim.engine();
  sg4::Host* east = e.host_by_name("us-east-1a/spark-0");
  sg4::Host* east_b = e.host_by_name("us-east-1b/spark-1");
  sg4::Host* west = e.host_by_name("us-west-2a/spark-dr-0");
  CHECK(route_has(east, west, "us-east-1~us-west-2"));
  CHECK(route_has(east, east_b, "us-east-1a~us-east-1b"));
  CHECK_FALSE(route_has(east, east_b, "us-east-1~us-west-2"));
  CHECK(route_has(east, sim.platform().s3_endpoint("us-east-1"), "us-east-1/s3-link"));
  CHECK(route_has(east, sim.platform().s3_endpoint("us-west-2"), "us-west-2/s3-link"));
}

TEST_CASE("an instance reaches S3 through its own port, as far away as the regional endpoint") {
  const Scenario s = two_region();
  Simulation sim(s);
  sg4::Host* east = sim.engine().host_by_name("us-east-1a/spark-0");
  sg4::Host* endpoint = sim.platform().s3_endpoint("us-east-1");
  const auto& ports = sim.platform().s3_ports("us-east-1");
  REQUIRE(ports.count(east) == 1);
  sg4::Host* port = ports.at(east);
  std::vector<sg4::Link*> to_port, to_endpoint;
  double port_latency = 0, endpoint_latency = 0;
  east->route_to(port, to_port, &port_latency);
  east->route_to(endpoint, to_endpoint, &endpoint_latency);
  CHECK(port_latency == Approx(endpoint_latency).epsilon(1e-12));
  // Only the instance's own links: its NIC and its port, nothing shared with other instances.
  REQUIRE(to_port.size() == 2);
  CHECK(to_port[0]->get_name() == "us-east-1a/spark-0/nic_UP");
  CHECK(to_port[1]->get_name() == "us-east-1a/spark-0/s3-port/link_DOWN");
  CHECK(ports.size() == 32 + 16);
  CHECK(sim.platform().s3_ports("us-west-2").size() == 8 + 4);
  CHECK(sim.platform().s3_ports("nowhere").empty());
}

TEST_CASE("the probe measures what the platform's figures predict") {
  const Scenario s = two_region();
  Simulation sim(s);
  lakesim::models::PlatformProbe probe(sim);
  const double end = sim.run();
  CHECK(end == Approx(s.duration));
  REQUIRE(probe.measurements().size() == 2 * 5);
  for (const auto& m : probe.measurements()) {
    INFO(m.name << " " << m.from << " -> " << m.to);
    CHECK(m.seconds == Approx(m.predicted).epsilon(1e-9));
  }
  CHECK(sim.activities() >= 10);
}
