#include "presentation/report/external_tool.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lakesim::presentation::report {

namespace {

std::string find_on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0 ? program : "";
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

bool tool_available(const std::string& program) { return !find_on_path(program).empty(); }

ToolResult run_tool(const std::vector<std::string>& argv, const std::string& input, double timeout_seconds) {
  ToolResult result;
  if (argv.empty()) return result;
  const std::string program = find_on_path(argv[0]);
  if (program.empty()) {
    result.note = argv[0] + " is not installed";
    return result;
  }
  int in_pipe[2], out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
    result.note = "cannot start " + argv[0];
    return result;
  }
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    result.note = "cannot start " + argv[0];
    return result;
  }
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (std::string& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    const int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, 2);  // the tools' warnings would garble the terminal
    ::execv(program.c_str(), c_args.data());
    ::_exit(127);
  }
  int to_child = in_pipe[1], from_child = out_pipe[0];
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  if (child < 0) {
    close_fd(to_child);
    close_fd(from_child);
    result.note = "cannot start " + argv[0];
    return result;
  }
  // A tool that stops reading must not make the writer die of SIGPIPE.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  ::fcntl(to_child, F_SETFL, O_NONBLOCK);
  std::size_t written = 0;
  if (input.empty()) close_fd(to_child);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  bool timed_out = false;
  char buffer[65536];
  // Write and read together: a tool may fill its output pipe before it has read all its input.
  while (from_child >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd fds[2] = {{from_child, POLLIN, 0}, {to_child, POLLOUT, 0}};
    const int n = ::poll(fds, to_child >= 0 ? 2 : 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (n < 0 && errno != EINTR) break;
    if (n <= 0) continue;
    if (to_child >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t w = ::write(to_child, input.data() + written, input.size() - written);
      if (w > 0) written += static_cast<std::size_t>(w);
      if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) close_fd(to_child);
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t r = ::read(from_child, buffer, sizeof buffer);
      if (r > 0)
        result.output.append(buffer, static_cast<std::size_t>(r));
      else if (r == 0 || (errno != EINTR && errno != EAGAIN))
        close_fd(from_child);
    }
  }
  close_fd(to_child);
  close_fd(from_child);
  if (timed_out) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
  if (timed_out) {
    result.note = argv[0] + " took longer than " + std::to_string(static_cast<int>(timeout_seconds)) + " s";
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    result.note = argv[0] + " failed";
  } else if (result.output.empty()) {
    result.note = argv[0] + " produced nothing";
  } else {
    result.ok = true;
    return result;
  }
  result.output.clear();
  return result;
}

}  // namespace lakesim::presentation::report
