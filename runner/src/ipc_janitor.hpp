#pragma once
// Removes the ipc socket directory of `alvh paper` when the supervisor dies without removing it
// itself (SIGKILL, a crash). A forked helper blocks on a pipe from the supervisor: end of file
// without the supervisor's "cleaned up" byte means the supervisor is gone, so it removes the
// directory and exits. It ignores SIGINT/SIGTERM/SIGHUP/SIGQUIT, which a terminal sends to the
// whole process group, so it outlives the supervisor long enough to clean up.
#include <sys/types.h>

#include <filesystem>

namespace alvh::runner {

class IpcJanitor {
 public:
  // Starts the helper. Fork it before other pipes exist, so it holds none of them open.
  explicit IpcJanitor(std::filesystem::path dir);
  ~IpcJanitor();  // as release()
  IpcJanitor(const IpcJanitor&) = delete;
  IpcJanitor& operator=(const IpcJanitor&) = delete;

  // The supervisor removed the directory itself: the helper exits without touching it; reaped here.
  void release();

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
};

}  // namespace alvh::runner
