#include "alvh/journal/account_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "alvh/journal/journal_error.hpp"

namespace alvh::journal {

namespace {
std::string read_holder(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() ? std::string("unknown (it has not written its pid yet)") : pid;
}
}  // namespace

std::filesystem::path AccountLock::lock_path_for(const std::filesystem::path& journal_file) {
  std::filesystem::path p = journal_file;
  p += ".lock";
  return p;
}

AccountLock::AccountLock(const std::filesystem::path& journal_file) : path_(lock_path_for(journal_file)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw JournalError("account lock " + path_.string() + " cannot be opened: " + std::strerror(errno));
  int rc;
  do rc = ::flock(fd_, LOCK_EX | LOCK_NB);
  while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int err = errno;
    const std::string holder = err == EWOULDBLOCK ? read_holder(fd_) : std::string();
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw JournalError("account lock " + path_.string() + " is held by process " + holder +
                         ": another strategy process is trading this account");
    throw JournalError("account lock " + path_.string() + " cannot be taken: " + std::strerror(err));
  }
  // Informational only: the kernel lock is what excludes; the pid names the holder in errors.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    const int err = errno;
    release();
    throw JournalError("account lock " + path_.string() + " cannot record the pid: " + std::strerror(err));
  }
}

AccountLock::~AccountLock() { release(); }

AccountLock::AccountLock(AccountLock&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

AccountLock& AccountLock::operator=(AccountLock&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void AccountLock::release() {
  if (fd_ < 0) return;
  // Truncate before unlocking so the next holder never sees our pid; the file itself stays (removing
  // it would race with a process that has opened but not yet locked it).
  [[maybe_unused]] const int rc = ::ftruncate(fd_, 0);
  ::close(fd_);  // closing the last descriptor drops the flock
  fd_ = -1;
}

}  // namespace alvh::journal
