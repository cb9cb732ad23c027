#include "alvh/journal/account_lock.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "alvh/journal/journal_error.hpp"
#include "journal_test_support.hpp"

using namespace alvh::journal;
using namespace alvh::journal::test;

namespace {
std::string lock_error(const std::filesystem::path& file) {
  try {
    AccountLock second(file);
  } catch (const JournalError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a second lock on the same account fails naming the holder pid and succeeds once released") {
  TempDir dir;
  const auto file = dir / "DU1.db";
  AccountLock first(file);
  CHECK(first.held());
  CHECK(first.path() == dir / "DU1.db.lock");

  const std::string error = lock_error(file);
  CAPTURE(error);
  CHECK_THAT(error, Catch::Contains("process " + std::to_string(::getpid())) &&
                        Catch::Contains(first.path().string()));

  first.release();
  CHECK_FALSE(first.held());
  AccountLock again(file);
  CHECK(again.held());
}

TEST_CASE("locks of different accounts do not exclude each other") {
  TempDir dir;
  AccountLock a(dir / "DU1.db");
  AccountLock b(dir / "DU2.db");
  CHECK(a.held());
  CHECK(b.held());
}

TEST_CASE("a moved lock keeps holding and the moved-from object releases nothing") {
  TempDir dir;
  AccountLock a(dir / "DU1.db");
  AccountLock b(std::move(a));
  CHECK(b.held());
  CHECK_FALSE(lock_error(dir / "DU1.db").empty());
}

TEST_CASE("a child process holding the lock and killed with SIGKILL releases it") {
  TempDir dir;
  const auto file = dir / "DU1.db";
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(ready[0]);
    try {
      AccountLock held(file);
      const char ok = 'L';
      if (::write(ready[1], &ok, 1) != 1) ::_exit(2);
      for (;;) ::pause();  // until killed
    } catch (...) {
      ::_exit(3);
    }
  }
  ::close(ready[1]);
  char got = 0;
  REQUIRE(::read(ready[0], &got, 1) == 1);  // blocks until the child holds the lock
  ::close(ready[0]);
  REQUIRE(got == 'L');

  const std::string error = lock_error(file);
  CAPTURE(error);
  CHECK_THAT(error, Catch::Contains("process " + std::to_string(child)));

  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  AccountLock mine(file);  // the kernel dropped the dead child's lock: no stale lock
  CHECK(mine.held());
}
