#include "supervised_child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "alvh/host/crash_handler.hpp"

namespace alvh::runner {

SupervisedChild start_supervised(std::string name, const std::vector<std::string>& args, int stdout_fd, int stderr_fd) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // exec failures come back through a close-on-exec pipe: EOF = exec succeeded.
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int e = errno;
    ::close(report[0]);
    ::close(report[1]);
    throw std::runtime_error("cannot start " + args[0] + ": fork: " + std::strerror(e));
  }
  if (pid == 0) {  // child: async-signal-safe calls only until exec
    ::close(report[0]);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the supervisor died before prctl took effect
    if (stdout_fd >= 0) ::dup2(stdout_fd, STDOUT_FILENO);
    if (stderr_fd >= 0) ::dup2(stderr_fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    const int e = errno;
    [[maybe_unused]] const ssize_t w = ::write(report[1], &e, sizeof e);
    ::_exit(127);
  }
  ::close(report[1]);
  int child_errno = 0;
  ssize_t n;
  do n = ::read(report[0], &child_errno, sizeof child_errno);
  while (n < 0 && errno == EINTR);
  ::close(report[0]);
  SupervisedChild child{pid, std::move(name), std::nullopt};
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    reap(child, true);
    throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(child_errno));
  }
  return child;
}

bool reap(SupervisedChild& c, bool block) {
  if (c.status) return true;
  int st = 0;
  pid_t r;
  do r = ::waitpid(c.pid, &st, block ? 0 : WNOHANG);
  while (r < 0 && errno == EINTR);
  if (r == c.pid) c.status = st;
  return c.status.has_value();
}

void stop(SupervisedChild& c) {
  if (c.pid <= 0 || c.status) return;
  ::kill(c.pid, SIGTERM);
  for (int i = 0; i < 50 && !reap(c, false); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (!c.status) {
    ::kill(c.pid, SIGKILL);
    reap(c, true);
  }
}

std::string describe_wait_status(int st) {
  if (WIFEXITED(st)) return "exit status " + std::to_string(WEXITSTATUS(st));
  if (WIFSIGNALED(st))
    return "killed by " + host::signal_name(WTERMSIG(st)) + " (" + ::strsignal(WTERMSIG(st)) + ")";
  return "wait status " + std::to_string(st);
}

}  // namespace alvh::runner
