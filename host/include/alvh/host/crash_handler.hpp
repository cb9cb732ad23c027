#pragma once
// What alvh-host was doing when it died of a signal. PluginStrategy marks every call into the
// plug-in with a PluginCallScope; the handler that install_crash_handler() sets for SIGSEGV,
// SIGBUS, SIGILL, SIGFPE and SIGABRT writes one line to stderr with async-signal-safe write():
//   alvh-host: fatal SIGSEGV in the plug-in's on_chain callback
//   alvh-host: fatal SIGSEGV outside any plug-in callback
//   alvh-host: fatal SIGSEGV sent by another process (pid 812) while the plug-in ran on_chain
// (the last when si_code says kill()/sigqueue(): then no code of the host or plug-in faulted)
// and then lets the signal kill the process as before (the wait status still says SIGSEGV).
// `alvh paper` reads that line back (crashed_in_callback) to say which callback crashed.
//
// A signal handler can reach only process-wide state, so the current callback is one global
// (std::atomic, lock-free); the host calls the plug-in from one thread.
#include <optional>
#include <string>
#include <string_view>

namespace alvh::host {

class PluginCallScope {
 public:
  // `callback` must be a string literal (the handler reads it after the scope may be gone).
  explicit PluginCallScope(const char* callback) noexcept;
  ~PluginCallScope();
  PluginCallScope(const PluginCallScope&) = delete;
  PluginCallScope& operator=(const PluginCallScope&) = delete;

 private:
  const char* previous_;
};

// The callback running now, or nullptr.
const char* current_plugin_callback() noexcept;

// Installs the handler (on an alternate stack, so a stack overflow is reported too). `program`
// (a string literal) starts the line.
void install_crash_handler(const char* program);

// "SIGSEGV" for SIGSEGV, ...; "signal N" for one without a name here.
std::string signal_name(int signal);

// The callback named by the handler's line in `text` (the tail of a dead host's stderr); empty
// when the line is absent, says "outside any plug-in callback" or names a sender.
std::optional<std::string> crashed_in_callback(std::string_view text);
// The pid named by a "sent by another process (pid N)" line in `text`, if any.
std::optional<long> signal_sender(std::string_view text);

}  // namespace alvh::host
