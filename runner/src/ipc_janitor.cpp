#include "ipc_janitor.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace alvh::runner {

IpcJanitor::IpcJanitor(std::filesystem::path dir) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int e = errno;
    ::close(p[0]);
    ::close(p[1]);
    throw std::runtime_error("fork: " + std::string(std::strerror(e)));
  }
  if (pid == 0) {  // the helper (the supervisor is single-threaded here, so the C++ runtime is usable)
    ::close(p[1]);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) ::signal(s, SIG_IGN);
    ::prctl(PR_SET_NAME, "alvh-ipc-clean");
    bool released = false;
    char c = 0;
    for (;;) {
      const ssize_t n = ::read(p[0], &c, 1);
      if (n == 1 && c == 'r') released = true;
      if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
    if (!released) {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
    ::_exit(0);
  }
  ::close(p[0]);
  pid_ = pid;
  fd_ = p[1];
}

IpcJanitor::~IpcJanitor() { release(); }

void IpcJanitor::release() {
  if (fd_ >= 0) {
    const char r = 'r';
    [[maybe_unused]] const ssize_t w = ::write(fd_, &r, 1);
    ::close(fd_);
    fd_ = -1;
  }
  if (pid_ > 0) {
    int st = 0;
    while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
}

}  // namespace alvh::runner
