#include "sim/activity_start.hpp"

#include <simgrid/simix.hpp>

#include "sim/wakeup.hpp"

namespace lakesim::sim {
namespace {

void set_up(const sg4::ExecPtr& exec, const ExecRequest& r) {
  exec->set_flops_amount(r.flops);
  exec->set_host(r.host);
  if (r.bound > 0) exec->set_bound(r.bound);
  if (r.threads > 1) exec->set_thread_count(r.threads);
  exec->start();
}

}  // namespace

sg4::ExecPtr start_exec(const ExecRequest& request) {
  sg4::ExecPtr exec = sg4::Exec::init();
  count_own_execution(1);
  simgrid::kernel::actor::simcall_answered([&] { set_up(exec, request); });
  return exec;
}

std::vector<sg4::ExecPtr> start_execs(const std::vector<ExecRequest>& requests) {
  std::vector<sg4::ExecPtr> execs;
  execs.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) execs.push_back(sg4::Exec::init());
  count_own_execution(static_cast<int>(requests.size()));
  simgrid::kernel::actor::simcall_answered([&] {
    for (std::size_t i = 0; i < requests.size(); ++i) set_up(execs[i], requests[i]);
  });
  return execs;
}

void wait_exec(const sg4::ExecPtr& exec) {
  struct Over {
    ~Over() { count_own_execution(-1); }
  } over;
  exec->wait();
}

sg4::IoPtr start_io(sg4::Disk* disk, double bytes, sg4::Io::OpType op) {
  sg4::IoPtr io = sg4::Io::init();
  count_own_execution(1);
  const auto size = static_cast<sg_size_t>(bytes);  // whole bytes, as Disk::read and write take them
  simgrid::kernel::actor::simcall_answered([&] {
    io->set_disk(disk);
    io->set_size(size);
    io->set_op_type(op);
    io->start();
  });
  return io;
}

}  // namespace lakesim::sim
