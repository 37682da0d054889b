#pragma once
// Runs `body` in a forked child and returns what it printed: SimGrid allows one engine per
// process, and a test that sweeps many runs starts one child per run.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>

namespace lakesim::test {

inline std::string run_in_child(const std::function<std::string()>& body) {
  std::fflush(nullptr);  // what the parent buffered must not be written twice
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    int status = 0;
    std::string out;
    try {
      out = body();
    } catch (const std::exception& e) {
      out = std::string("error ") + e.what() + "\n";
      status = 1;
    }
    for (std::size_t done = 0; done < out.size();) {
      const ssize_t n = write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) _exit(2);
      done += static_cast<std::size_t>(n);
    }
    _exit(status);
  }
  close(fds[1]);
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("child run failed: " + out);
  return out;
}

}  // namespace lakesim::test
