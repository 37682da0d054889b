#pragma once
// A host's local disk, its reads and writes computed in closed form rather than run as SimGrid
// I/O activities.
//
// SimGrid's disk model shares a disk max-min fairly under three bounds: the read bandwidth over
// the reads in progress, the write bandwidth over the writes, and a read-write bandwidth (the
// larger of the two unless set) over both. With nR reads and nW writes that is, whichever binds
// first: every I/O at RW / (nR + nW); or the reads at R / nR and the writes sharing what is left
// of RW (up to W / nW); or the writes at W / nW and the reads sharing what is left (up to R / nR).
// Between arrivals and departures the rates are constant, so the model plays the disk forward
// from event to event, and a caller waits until its I/O's end given the I/Os known so far. A
// later arrival can only slow the others down, never speed them up, so a caller that wakes too
// early (it never does too late) just waits again.
//
// Why: Spark tasks write and read their shuffle files on local disks. As SimGrid activities those
// I/Os cost the engine a pass over every disk I/O in progress at each of its events, and SimGrid
// 3.32 keeps each one in its actor's activity list until the actor ends, so the task workers had
// to retire every few tasks (sim/worker_pool.hpp): together a third of a busy run's wall time.
//
// What is not SimGrid's: its disk model rounds each I/O's progress to whole bytes at every engine
// event, so its ends drift from the exact ones by up to half a byte's time per event (nanoseconds
// at these bandwidths; tests/validation/test_local_disk.cpp bounds the difference). Disks do not
// fail in SimGrid 3.32, and they do not here: an I/O ends only early when its caller is killed,
// with the host it runs on, which frees its share at that instant as a cancelled I/O does.
//
// SimGrid allows one engine per process, so the disks' models are process-wide and reset with
// each simulation.
#include <cstdint>

#include <simgrid/s4u.hpp>

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

// Reads or writes `bytes` (whole bytes, as SimGrid's I/O takes them) on `disk`, blocking the
// calling actor until the I/O has ended, when a SimGrid I/O started now would have.
void disk_io(sg4::Disk* disk, double bytes, sg4::Io::OpType op);

// I/Os computed this way (they count as disk I/O among the activities).
std::uint64_t computed_disk_ios();

}  // namespace lakesim::sim
