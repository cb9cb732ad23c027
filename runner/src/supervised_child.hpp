#pragma once
// A child process of `alvh paper` that dies with its supervisor: started with fork + exec (not
// posix_spawn, which cannot set it) after PR_SET_PDEATHSIG(SIGKILL), so a supervisor killed by any
// signal, SIGKILL included, takes alvh-host and alvh-paper-broker with it.
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace alvh::runner {

struct SupervisedChild {
  pid_t pid = -1;
  std::string name;            // "alvh-host", for messages
  std::optional<int> status;   // wait status once reaped
};

// Starts args[0] with args. stdout_fd/stderr_fd >= 0 replace the child's stdout/stderr. Throws
// std::runtime_error naming the program when it cannot be started (exec failure included).
SupervisedChild start_supervised(std::string name, const std::vector<std::string>& args, int stdout_fd = -1,
                                 int stderr_fd = -1);

// Collects the wait status if the child has ended (block: wait for it). True once reaped.
bool reap(SupervisedChild& child, bool block);

// SIGTERM, up to 1 s to end, then SIGKILL; always reaps.
void stop(SupervisedChild& child);

// "exit status 1", "killed by SIGSEGV (Segmentation fault)".
std::string describe_wait_status(int status);

}  // namespace alvh::runner
