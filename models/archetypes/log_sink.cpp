#include "models/archetypes/log_sink.hpp"
#include "models/transfer.hpp"

#include <stdexcept>

namespace lakesim::models {

void LogSinkConfig::check(const std::string& who) const {
  if (!(ship_interval > 0)) throw std::invalid_argument(who + ": ship interval must be positive");
  if (!(bytes_per_record > 0)) throw std::invalid_argument(who + ": record size must be positive");
}

LogSink::LogSink(const Component& entry, std::string region, sg4::Host* source, sg4::Host* destination,
                 LogSinkConfig config)
    : DeployedComponent(entry, std::move(region), {source}),
      source_(source),
      destination_(destination),
      config_(config) {
  config_.check(label());
  if (!source_ || !destination_) throw std::invalid_argument(label() + ": a log sink needs a source and a destination");
}

void LogSink::append(std::uint64_t records, double bytes) {
  const double size = bytes < 0 ? static_cast<double>(records) * config_.bytes_per_record : bytes;
  appended_ += records;
  pending_bytes_ += size;
  ++appends_;
  if (on_append_) on_append_(sg4::Engine::get_clock(), size);
}

void LogSink::ship_once() {
  if (appended_ == shipped_ || !is_up()) return;
  const std::uint64_t batch_end = appended_;
  const std::uint64_t batch_appends = appends_;
  const double batch_bytes = pending_bytes_;
  const double start = sg4::Engine::get_clock();
  try {
    transfer(source_, destination_, batch_bytes, label());
  } catch (const RequestFailed& failure) {
    // The batch stays pending and goes with the next one.
    count_failure(failure.cause());
    ++failed_batches_;
    return;
  }
  pending_bytes_ -= batch_bytes;
  shipped_bytes_ += batch_bytes;
  shipped_ = batch_end;
  shipped_appends_ = batch_appends;
  if (on_shipped_) on_shipped_(shipped_appends_, sg4::Engine::get_clock());
  count_served(sg4::Engine::get_clock() - start);
}

void LogSink::start() {
  // Restarted with its host after an outage; what was pending is still pending then.
  sg4::ActorPtr shipper = sg4::Actor::create("ship:" + label(), source_, [this] {
    while (true) {
      sg4::this_actor::sleep_for(config_.ship_interval);
      ship_once();
    }
  });
  shipper->daemonize();
  shipper->set_auto_restart(true);
}

}  // namespace lakesim::models
