#include "alvh/host/crash_handler.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace alvh::host {
namespace {

std::atomic<const char*> g_callback{nullptr};
const char* g_program = "alvh-host";
constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
constexpr std::string_view kMarker = " in the plug-in's ";  // null-terminated literals: put() takes .data()
constexpr std::string_view kSentBy = " sent by another process (pid ";
constexpr std::string_view kMarkerEnd = " callback";

const char* name_of(int signal) noexcept {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    case SIGQUIT: return "SIGQUIT";
    case SIGPIPE: return "SIGPIPE";
    case SIGSYS: return "SIGSYS";
    case SIGTRAP: return "SIGTRAP";
    case SIGXCPU: return "SIGXCPU";
    case SIGXFSZ: return "SIGXFSZ";
    default: return nullptr;
  }
}

void put(const char* s) noexcept {
  std::size_t n = std::strlen(s);
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, s, n);
    if (w <= 0) return;
    s += w;
    n -= static_cast<std::size_t>(w);
  }
}

void put_number(long v) noexcept {
  char buf[24];
  char* p = buf + sizeof buf;
  *--p = '\0';
  const bool negative = v < 0;
  unsigned long u = negative ? 0UL - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) *--p = '-';
  put(p);
}

void on_fatal(int signal, siginfo_t* info, void*) {
  // Only async-signal-safe calls: strlen, write, raise.
  const char* name = name_of(signal);
  const char* callback = g_callback.load(std::memory_order_relaxed);
  put(g_program);
  put(": fatal ");
  put(name ? name : "signal");
  if (info && info->si_code <= 0) {
    // kill(), sigqueue(), tgkill(): not a fault of the code that was running.
    put(kSentBy.data());
    put_number(info->si_pid);
    put(")");
    if (callback) {
      put(" while the plug-in ran ");
      put(callback);
    }
    put("\n");
  } else if (callback) {
    put(kMarker.data());
    put(callback);
    put(" callback\n");
  } else {
    put(" outside any plug-in callback\n");
  }
  // SA_RESETHAND restored the default action: the signal now ends the process with its usual status.
  ::raise(signal);
}

}  // namespace

PluginCallScope::PluginCallScope(const char* callback) noexcept
    : previous_(g_callback.exchange(callback, std::memory_order_relaxed)) {}

PluginCallScope::~PluginCallScope() { g_callback.store(previous_, std::memory_order_relaxed); }

const char* current_plugin_callback() noexcept { return g_callback.load(std::memory_order_relaxed); }

void install_crash_handler(const char* program) {
  g_program = program;
  static char alt_stack[64 * 1024];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction sa{};
  sa.sa_sigaction = on_fatal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_ONSTACK;
  for (int s : kSignals) ::sigaction(s, &sa, nullptr);
}

std::string signal_name(int signal) {
  if (const char* n = name_of(signal)) return n;
  return "signal " + std::to_string(signal);
}

std::optional<long> signal_sender(std::string_view text) {
  const auto at = text.rfind(kSentBy);
  if (at == std::string_view::npos) return std::nullopt;
  long pid = 0;
  bool digits = false;
  for (std::size_t i = at + kSentBy.size(); i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    pid = pid * 10 + (text[i] - '0');
    digits = true;
  }
  if (!digits) return std::nullopt;
  return pid;
}

std::optional<std::string> crashed_in_callback(std::string_view text) {
  const auto at = text.rfind(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const auto start = at + kMarker.size();
  const auto end = text.find(kMarkerEnd, start);
  if (end == std::string_view::npos || text.find('\n', start) < end) return std::nullopt;
  return std::string(text.substr(start, end - start));
}

}  // namespace alvh::host
