#include "sim/local_disk.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/run_state.hpp"
#include "sim/wakeup.hpp"

namespace lakesim::sim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// I/Os whose ends lie within this many seconds of each other end together, and a caller waking
// this close before its I/O's end finds it ended: the engine's clock is exact only to rounding.
constexpr double kTimeSlack = 1e-9;

// The rate of each read and of each write with `reads` and `writes` in progress (max-min fair
// under the read, write and read-write bounds; see the header).
struct Rates {
  double read = 0;
  double write = 0;
};

Rates share(int reads, int writes, double read_bw, double write_bw, double both_bw) {
  Rates r;
  const double all = both_bw / (reads + writes);
  const double by_read = reads > 0 ? read_bw / reads : kInfinity;
  const double by_write = writes > 0 ? write_bw / writes : kInfinity;
  if (all <= by_read && all <= by_write) {
    r.read = r.write = all;
  } else if (by_read <= by_write) {
    r.read = by_read;
    if (writes > 0) r.write = std::min(by_write, (both_bw - read_bw) / writes);
  } else {
    r.write = by_write;
    if (reads > 0) r.read = std::min(by_read, (both_bw - write_bw) / reads);
  }
  return r;
}

struct InProgress {
  std::size_t id;
  double remaining;  // bytes
  bool write;
};

class DiskShare {
 public:
  DiskShare(double read_bw, double write_bw, double both_bw)
      : read_bw_(read_bw), write_bw_(write_bw), both_bw_(both_bw) {}

  std::size_t submit(bool write, double bytes, const sg4::Host* issuer, WakeupPtr wake) {
    std::size_t id;
    if (free_.empty()) {
      id = callers_.size();
      callers_.emplace_back();
    } else {
      id = free_.back();
      free_.pop_back();
    }
    callers_[id] = Caller{issuer, std::move(wake), true};
    active_.push_back(InProgress{id, bytes, write});
    return id;
  }

  // Plays the disk forward to `to`: every I/O that ends by then leaves it.
  void advance(double to) {
    now_ = play(active_, now_, to, [this](std::size_t id, double) {
      callers_[id].in_progress = false;
      return false;
    });
  }

  bool ended(std::size_t id) const { return !callers_[id].in_progress; }

  // When the I/O will end if no other I/O arrives (the model is up to date).
  double projected_end(std::size_t id) const {
    std::vector<InProgress>& copy = projection_;
    copy = active_;
    double end = kInfinity;
    play(copy, now_, kInfinity, [&](std::size_t ended_id, double at) {
      if (ended_id != id) return false;
      end = at;
      return true;
    });
    return end;
  }

  // The caller is done with its I/O; one still in progress (its caller was killed) stops now.
  void forget(std::size_t id) {
    if (callers_[id].in_progress) remove(id);
    callers_[id] = Caller{};
    free_.push_back(id);
  }

  // `host` went down and its actors with it: their I/Os stop, which speeds the others up, so
  // their callers are woken to look again.
  void stop_issued_by(const sg4::Host* host, double now) {
    advance(now);
    bool stopped = false;
    for (std::size_t k = active_.size(); k-- > 0;) {
      const std::size_t id = active_[k].id;
      if (callers_[id].issuer != host) continue;
      remove(id);
      stopped = true;
    }
    if (!stopped) return;
    for (const InProgress& io : active_) callers_[io.id].wake->signal();
  }

 private:
  struct Caller {
    const sg4::Host* issuer = nullptr;
    WakeupPtr wake;
    bool in_progress = false;
  };

  void remove(std::size_t id) {
    callers_[id].in_progress = false;
    active_.erase(std::find_if(active_.begin(), active_.end(), [id](const InProgress& io) { return io.id == id; }));
  }

  // Plays `active` forward from `now` to `to`, calling `on_end(id, instant)` for each I/O that
  // ends, in the order they were submitted when they end together; stops after a call that
  // returns true. Returns the instant reached.
  template <typename OnEnd>
  double play(std::vector<InProgress>& active, double now, double to, OnEnd&& on_end) const {
    while (!active.empty()) {
      int reads = 0;
      for (const InProgress& io : active) reads += io.write ? 0 : 1;
      const int writes = static_cast<int>(active.size()) - reads;
      const Rates rates = share(reads, writes, read_bw_, write_bw_, both_bw_);
      double step = kInfinity;
      for (const InProgress& io : active) step = std::min(step, io.remaining / (io.write ? rates.write : rates.read));
      if (now + step > to + kTimeSlack) {
        const double span = to - now;
        if (span > 0)
          for (InProgress& io : active) io.remaining -= (io.write ? rates.write : rates.read) * span;
        return std::max(now, to);
      }
      now += step;
      bool stop = false;
      std::size_t kept = 0;
      for (std::size_t k = 0; k < active.size(); ++k) {
        InProgress io = active[k];
        const double rate = io.write ? rates.write : rates.read;
        io.remaining -= rate * step;
        if (io.remaining > rate * kTimeSlack) {
          active[kept++] = io;
        } else if (!stop) {
          stop = on_end(io.id, now);
        }
      }
      active.resize(kept);
      if (stop) return now;
    }
    return std::max(now, to);
  }

  double read_bw_, write_bw_, both_bw_;
  double now_ = 0;
  std::vector<InProgress> active_;  // in the order they were submitted
  std::vector<Caller> callers_;     // by id
  std::vector<std::size_t> free_;
  mutable std::vector<InProgress> projection_;
};

// The run's disks (sim/run_state.hpp), kept in the order of first use, so that a host going down
// wakes callers in the same order in every run.
struct Disks {
  std::unordered_map<const sg4::Disk*, DiskShare*> by_disk;
  std::vector<std::unique_ptr<DiskShare>> in_order;
  std::uint64_t computed = 0;
};

Disks& disks() { return RunState::current().get<Disks>(); }

DiskShare& share_of(sg4::Disk* disk) {
  Disks& all = disks();
  auto it = all.by_disk.find(disk);
  if (it != all.by_disk.end()) return *it->second;
  const double read_bw = disk->get_read_bandwidth();
  const double write_bw = disk->get_write_bandwidth();
  if (!(read_bw > 0) || !(write_bw > 0))
    throw std::invalid_argument("disk " + disk->get_name() + ": read and write bandwidths must be positive");
  // SimGrid's read-write bound when none is set, as lakesim never sets one.
  all.in_order.push_back(std::make_unique<DiskShare>(read_bw, write_bw, std::max(read_bw, write_bw)));
  all.by_disk.emplace(disk, all.in_order.back().get());
  return *all.in_order.back();
}

}  // namespace

void disk_io(sg4::Disk* disk, double bytes, sg4::Io::OpType op) {
  // Connected to SimGrid's process-wide signal once, at first use: a host that goes down stops
  // the I/O it issued, as SimGrid cancels it.
  static const bool connected = [] {
    sg4::Host::on_state_change_cb([](const sg4::Host& h) {
      if (h.is_on() || !RunState::active()) return;
      const double now = sg4::Engine::get_clock();
      for (const auto& share : disks().in_order) share->stop_issued_by(&h, now);
    });
    return true;
  }();
  (void)connected;
  const double size = std::floor(std::max(0.0, bytes));  // SimGrid's I/O sizes are whole bytes
  if (size == 0) {
    ++disks().computed;
    return;
  }
  DiskShare& share = share_of(disk);
  share.advance(sg4::Engine::get_clock());
  const WakeupPtr wake = Wakeup::create();
  const std::size_t id = share.submit(op == sg4::Io::OpType::WRITE, size, sg4::this_actor::get_host(), wake);
  // However the wait ends (a kill unwinds the stack too), the disk forgets the I/O.
  struct Forget {
    DiskShare& share;
    std::size_t id;
    ~Forget() {
      share.advance(sg4::Engine::get_clock());
      share.forget(id);
    }
  } forget{share, id};
  for (;;) {
    const double now = sg4::Engine::get_clock();
    share.advance(now);
    if (share.ended(id)) break;
    wake->wait_for(std::max(0.0, share.projected_end(id) - now));
  }
  ++disks().computed;
}

std::uint64_t computed_disk_ios() { return disks().computed; }

}  // namespace lakesim::sim
