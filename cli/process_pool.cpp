#include "cli/process_pool.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lakesim::cli {

namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

void on_stop_signal(int signal) { g_stop_signal = signal; }

struct Running {
  std::size_t job = 0;
  pid_t pid = -1;
  int progress_fd = -1;
  double clock = 0;
  double horizon = 0;
};

// Temporary files a killed child may leave: sim/atomic_file names them <file>.tmp.<pid>.
void remove_temporaries(const fs::path& dir, pid_t pid) {
  std::error_code ec;
  const std::string suffix = ".tmp." + std::to_string(pid);
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      fs::remove(it->path(), ec);
    }
  }
}

int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 1;
}

// Reads every progress message the child has sent; keeps the last.
void drain(Running& r) {
  double message[2];
  for (;;) {
    const ssize_t n = ::read(r.progress_fd, message, sizeof message);
    if (n == static_cast<ssize_t>(sizeof message)) {
      r.clock = message[0];
      r.horizon = message[1];
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
}

[[noreturn]] void child_main(const PoolJob& job, int progress_fd) {
  ::setpgid(0, 0);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  int code = 1;
  try {
    ChildProgress progress(progress_fd);
    code = job.run(progress);
  } catch (const std::exception& e) {
    std::cerr << "lakesim: " << job.label << ": " << e.what() << "\n";
  }
  std::cout << std::flush;
  std::cerr << std::flush;
  ::_exit(code);
}

}  // namespace

void ChildProgress::report(double clock, double horizon) {
  const double message[2] = {clock, horizon};
  // Non-blocking: a full pipe only loses an update.
  [[maybe_unused]] const ssize_t n = ::write(fd_, message, sizeof message);
}

PoolOutcome run_pool(const std::vector<PoolJob>& jobs, int parallel, ProgressLine& progress) {
  PoolOutcome outcome;
  outcome.exit_codes.assign(jobs.size(), -1);
  if (parallel < 1) parallel = 1;
  g_stop_signal = 0;
  struct sigaction stop {
  }, old_int{}, old_term{};
  stop.sa_handler = on_stop_signal;
  sigemptyset(&stop.sa_mask);
  ::sigaction(SIGINT, &stop, &old_int);
  ::sigaction(SIGTERM, &stop, &old_term);
  std::cout << std::flush;

  std::vector<Running> running;
  std::size_t next = 0, done = 0;
  while ((next < jobs.size() || !running.empty())) {
    if (g_stop_signal) break;
    while (next < jobs.size() && static_cast<int>(running.size()) < parallel) {
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("cannot create a pipe for a run");
      const pid_t pid = ::fork();
      if (pid < 0) throw std::runtime_error("cannot start a run (fork failed)");
      if (pid == 0) {
        ::close(fds[0]);
        child_main(jobs[next], fds[1]);
      }
      ::setpgid(pid, pid);  // also done by the child: whichever runs first
      ::close(fds[1]);
      running.push_back({next, pid, fds[0], 0, 0});
      ++next;
    }
    std::vector<pollfd> fds;
    for (const Running& r : running) fds.push_back({r.progress_fd, POLLIN, 0});
    ::poll(fds.data(), fds.size(), 200);
    double work = 0;
    std::string note;
    for (std::size_t i = 0; i < running.size();) {
      Running& r = running[i];
      drain(r);
      int status = 0;
      const pid_t ended = ::waitpid(r.pid, &status, WNOHANG);
      if (ended == r.pid) {
        outcome.exit_codes[r.job] = exit_code(status);
        ::close(r.progress_fd);
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
        ++done;
        continue;
      }
      if (r.horizon > 0) {
        work += r.clock / r.horizon;
        if (note.size() < 90) {
          note += (note.empty() ? "" : ", ") + jobs[r.job].label + " at " + compact_duration(r.clock) + " of " +
                  compact_duration(r.horizon);
        }
      }
      ++i;
    }
    progress.runs(done, jobs.size(), work, note);
  }

  if (g_stop_signal) {
    outcome.interrupted = true;
    for (const Running& r : running) ::kill(-r.pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    for (const Running& r : running) {
      int status = 0;
      while (::waitpid(r.pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
          ::kill(-r.pid, SIGKILL);
          ::waitpid(r.pid, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      ::close(r.progress_fd);
      remove_temporaries(jobs[r.job].dir, r.pid);
    }
  }
  progress.clear();
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  return outcome;
}

}  // namespace lakesim::cli
