#include "scenario/gcp_defaults.hpp"

#include <utility>

namespace lakesim::sim::gcp_defaults {
namespace {
constexpr double GiB = 1073741824.0;
constexpr double MiB = 1048576.0;
constexpr double Gbps = 1e9 / 8;
constexpr double kReferenceCore = 1e9;  // workloads are written in core-seconds of a 1 Gf core

// One local SSD: 375 GiB; NVMe, 660 MiB/s read and 350 MiB/s write per device; USD 0.080 per
// GiB-month over Google's 730-hour month.
constexpr double kLocalSsdSize = 375 * GiB;
constexpr double kLocalSsdRead = 660 * MiB;
constexpr double kLocalSsdWrite = 350 * MiB;
constexpr double kLocalSsdPricePerHour = 375 * 0.080 / 730;

// N2 on-demand in us-central1: USD 0.031611 per vCPU-hour and 0.004237 per GiB-hour.
constexpr double n2_price(int vcpus, double memory_gib) { return vcpus * 0.031611 + memory_gib * 0.004237; }

InstanceType make(const char* name, int vcpus, double memory_gib, double egress_gbps, int local_ssds) {
  InstanceType t;
  t.name = name;
  t.cores = vcpus;
  t.core_speed = kReferenceCore;
  t.memory = memory_gib * GiB;
  t.network_bandwidth = egress_gbps * Gbps;
  if (local_ssds > 0)
    t.disk = DiskSpec{local_ssds * kLocalSsdRead, local_ssds * kLocalSsdWrite, local_ssds * kLocalSsdSize};
  t.price_per_hour = n2_price(vcpus, memory_gib) + local_ssds * kLocalSsdPricePerHour;
  return t;
}

// Round-trip times in seconds (estimates: see docs/scenario-format.md); one-way = RTT / 2.
const std::map<std::pair<std::string, std::string>, double>& round_trips() {
  static const std::map<std::pair<std::string, std::string>, double> rtt = {
      {{"us-central1", "us-east1"}, 0.032},      {{"us-central1", "us-east4"}, 0.026},
      {{"us-central1", "us-west1"}, 0.035},      {{"us-central1", "us-west2"}, 0.040},
      {{"us-central1", "europe-west1"}, 0.100},  {{"us-central1", "europe-west2"}, 0.095},
      {{"us-central1", "europe-west4"}, 0.105},  {{"us-east1", "us-east4"}, 0.013},
      {{"us-east1", "us-west1"}, 0.065},         {{"us-east1", "us-west2"}, 0.062},
      {{"us-east1", "europe-west1"}, 0.092},     {{"us-east1", "europe-west2"}, 0.088},
      {{"us-east1", "europe-west4"}, 0.097},     {{"us-east4", "us-west1"}, 0.060},
      {{"us-east4", "us-west2"}, 0.060},         {{"us-east4", "europe-west1"}, 0.080},
      {{"us-east4", "europe-west2"}, 0.075},     {{"us-east4", "europe-west4"}, 0.085},
      {{"us-west1", "us-west2"}, 0.025},         {{"us-west1", "europe-west1"}, 0.135},
      {{"us-west1", "europe-west2"}, 0.130},     {{"us-west1", "europe-west4"}, 0.140},
      {{"us-west2", "europe-west1"}, 0.140},     {{"us-west2", "europe-west2"}, 0.135},
      {{"us-west2", "europe-west4"}, 0.145},     {{"europe-west1", "europe-west2"}, 0.008},
      {{"europe-west1", "europe-west4"}, 0.007}, {{"europe-west2", "europe-west4"}, 0.010},
  };
  return rtt;
}
}  // namespace

const std::map<std::string, InstanceType>& instance_types() {
  // Network is the per-VM egress cap (2 Gbps per vCPU, at least 10 and at most 32 Gbps for N2),
  // a ceiling rather than a burst; local SSDs are the count Databricks attaches by default (estimate).
  static const std::map<std::string, InstanceType> table = [] {
    std::map<std::string, InstanceType> t;
    for (InstanceType it : {
             make("n2-standard-8", 8, 32, 16, 0),
             make("n2-highmem-4", 4, 32, 10, 1),
             make("n2-highmem-8", 8, 64, 16, 2),
             make("n2-highmem-16", 16, 128, 32, 4),
         })
      t.emplace(it.name, it);
    return t;
  }();
  return table;
}

RequestRateRampUp gcs_ramp_up() {
  RequestRateRampUp r;
  r.doubling_period = 20 * 60;  // "no faster than doubling over a period of 20 minutes"
  r.demand_threshold = 0.5;     // estimate: load near the cap is what the service scales for
  r.max_factor = 1024;          // estimate: "no limit to writes across multiple objects"
  r.sample = 60;                // estimate: redistribution is detected "on the order of minutes"
  r.decay_period = 24 * 3600;   // estimate: buckets idle "for several days" need a new ramp-up
  return r;
}

S3Spec gcs() {
  S3Spec s;
  s.first_byte_latency = 0.040;            // estimate: tens of milliseconds, no published figure
  s.per_connection_bandwidth = 200 * MiB;  // about 200 MiB/s for a single stream
  s.read_rate = 5000;                      // object reads per second per bucket, initially
  s.write_rate = 1000;                     // object writes per second per bucket, initially
  s.bandwidth = 200 * Gbps;                // estimate: default egress to Google services per region
  s.ramp_up = gcs_ramp_up();
  return s;
}

LinkSpec intra_zone() { return {100e-6, 100 * Gbps}; }  // as inside an AWS AZ (estimate)
LinkSpec inter_zone() { return {400e-6, 100 * Gbps}; }  // RTT 0.8 ms: "<1 ms at the 95th percentile"
LinkSpec external() { return {0.015, 10 * Gbps}; }      // users near the region (estimate)

const std::vector<std::string>& regions() {
  static const std::vector<std::string> names = {"us-central1", "us-east1",     "us-east4",     "us-west1",
                                                 "us-west2",    "europe-west1", "europe-west2", "europe-west4"};
  return names;
}

std::optional<LinkSpec> inter_region(const std::string& a, const std::string& b) {
  const auto& rtt = round_trips();
  auto it = rtt.find({a, b});
  if (it == rtt.end()) it = rtt.find({b, a});
  if (it == rtt.end()) return std::nullopt;
  return LinkSpec{it->second / 2, 100 * Gbps};
}

bool is_zone_of(const std::string& zone, const std::string& region) {
  return zone.size() == region.size() + 2 && zone.compare(0, region.size(), region) == 0 &&
         zone[region.size()] == '-' && zone.back() >= 'a' && zone.back() <= 'z';
}

}  // namespace lakesim::sim::gcp_defaults
