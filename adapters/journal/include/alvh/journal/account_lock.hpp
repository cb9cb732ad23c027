#pragma once
// AccountLock: at most one strategy process per account. An exclusive flock() on "<journal>.lock",
// held for the lifetime of the object. The kernel drops the lock when the process dies, however it
// dies (SIGKILL included), so a crash never leaves a stale lock behind; the pid written into the file
// is only informational (it names the holder in the error a second process gets).
//
// flock() locks belong to the open file description: a second AccountLock on the same file fails
// even inside the same process, and the descriptor is close-on-exec so spawned programs do not
// inherit it. (A fork()ed child shares the parent's lock until both have closed it.)
#include <filesystem>
#include <string>

namespace alvh::journal {

class AccountLock {
 public:
  // Locks `journal_file` + ".lock". Throws JournalError naming the lock file and the holder's pid
  // when another process holds it, or naming the file and errno text when it cannot be opened.
  explicit AccountLock(const std::filesystem::path& journal_file);
  ~AccountLock();
  AccountLock(const AccountLock&) = delete;
  AccountLock& operator=(const AccountLock&) = delete;
  AccountLock(AccountLock&& other) noexcept;
  AccountLock& operator=(AccountLock&& other) noexcept;

  const std::filesystem::path& path() const { return path_; }
  bool held() const { return fd_ >= 0; }
  void release();  // idempotent; the destructor calls it

  static std::filesystem::path lock_path_for(const std::filesystem::path& journal_file);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace alvh::journal
