// `alvh paper`: a paper-trading session over replayed bundled history, or over the days of a
// ZeroMQ market-data feed (adapters.market_data of the config, or --market-data). Starts
// alvh-paper-broker (ZeroMQ backend on the backtest fill model; or, with --backend, uses an
// external execution backend instead) and alvh-host (the plug-in, the journal and the ZeroMQ
// adapters) as child processes on fresh endpoints, forwards SIGINT/SIGTERM/SIGHUP to the host,
// and ends with the outputs of `alvh backtest` for the config's own sizing mode (docs/paper.md).
// alvh-host reads the config itself, so the feed settings are resolved there.
//
// The supervisor owns its children (docs/paper.md, "The supervisor"): every input is checked
// before anything is created or deleted; an unfinished session in --out is continued only with
// --resume and discarded only with --fresh; the children die with the supervisor
// (PR_SET_PDEATHSIG) and a helper removes the ipc directory if the supervisor could not; a child
// that dies is reported by name and cause with the journal's last order.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "alvh/config/config_loader.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/host/crash_handler.hpp"
#include "alvh/host/plugin_library.hpp"
#include "alvh/journal/journal.hpp"
#include "command.hpp"
#include "ipc_janitor.hpp"
#include "paper_out_dir.hpp"
#include "supervised_child.hpp"

namespace alvh::runner {

namespace {

namespace fs = std::filesystem;

struct PaperArgs {
  std::string config, out = "out/paper", transport = "ipc", account = "paper";
  std::optional<std::string> from, to, data, plugin, log, market_data, market_data_snapshot, broker_curve_secret_key;
  std::optional<std::string> backend, backend_events;
  double speed = 0;
  bool resume = false, fresh = false, quiet = false, no_market_data = false;
  long host_kill_at = 0, broker_kill_at = 0;  // test hooks passed to the children as --kill-at
};

volatile std::sig_atomic_t g_signal = 0;
void on_signal(int s) { g_signal = s; }

fs::path self_dir() {
  std::error_code ec;
  const auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path{} : p.parent_path();
}

// Next to `alvh` first (installed: bin/alvh-host), then the build tree.
fs::path find_exe(const char* name, const char* built) {
  const fs::path here = self_dir() / name;
  if (!here.empty() && fs::exists(here)) return here;
  if (built && fs::exists(built)) return built;
  throw std::runtime_error(std::string("cannot find ") + name + " next to alvh (" + self_dir().string() +
                           ") or in the build tree");
}

fs::path find_plugin() {
  for (const fs::path& p : std::vector<fs::path>{self_dir() / "libalvh_plugin.so", self_dir().parent_path() / "lib" / "libalvh_plugin.so"})
    if (fs::exists(p)) return p;
#ifdef ALVH_BUILD_PLUGIN
  if (fs::exists(ALVH_BUILD_PLUGIN)) return ALVH_BUILD_PLUGIN;
#endif
  throw std::runtime_error("cannot find libalvh_plugin.so (use --plugin)");
}

// A free loopback port: bind port 0 and read it back (the broker binds it right after).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket(): " + std::string(std::strerror(errno)));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free loopback port");
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

// A ZeroMQ endpoint given on the command line: tcp://HOST:PORT (a loopback host unless the config
// allows others, as for adapters.zmq), ipc://PATH or inproc://NAME.
void check_endpoint(const char* flag, const std::string& ep, bool allow_non_loopback) {
  const std::string shape = std::string(flag) + ": '" + ep + "' ";
  if (ep.starts_with("ipc://")) {
    if (ep.size() == 6) throw UsageError(shape + "has no path after ipc://");
    if (ep.size() - 6 > 107) throw UsageError(shape + "is longer than an ipc socket path may be (107 bytes)");
    return;
  }
  if (ep.starts_with("inproc://")) throw UsageError(shape + "is inproc://, which does not reach another process");
  if (!ep.starts_with("tcp://")) throw UsageError(shape + "is not tcp://HOST:PORT or ipc://PATH");
  const std::string rest = ep.substr(6);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) throw UsageError(shape + "needs tcp://HOST:PORT");
  const std::string host = rest.substr(0, colon), port = rest.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) < 1 ||
      std::stoi(port) > 65535)
    throw UsageError(shape + "has no port 1-65535");
  const bool loopback = host == "localhost" || host == "[::1]" || host.starts_with("127.");
  if (!loopback && !allow_non_loopback)
    throw UsageError(shape + "is not a loopback address; set adapters.zmq.allow_non_loopback: true in the config to "
                             "trade with a backend on another host");
}

// What the journal says after a child died: the last order it recorded and how far it got.
std::string journal_extent(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return "no journal was written (" + file.string() + " does not exist)";
  try {
    const journal::Journal j(file);
    const auto intents = j.intents();
    if (intents.empty()) return "the journal " + file.string() + " holds no order yet";
    const auto& last = intents.back();
    return "the journal " + file.string() + " is consistent up to order " + last.id + " (" +
           std::string(journal::to_string(last.status)) + "; " + std::to_string(intents.size()) + " orders, " +
           std::to_string(j.open_intents().size()) + " still open)";
  } catch (const std::exception& e) {
    return "the journal could not be read: " + std::string(e.what());
  }
}

// One line for a child that ended abnormally: by name, cause and (for the host) the plug-in
// callback its crash handler named on stderr.
std::string death_report(const SupervisedChild& c, const std::string& stderr_tail) {
  const int st = *c.status;
  std::string line = c.name + " (pid " + std::to_string(c.pid) + ")";
  if (WIFSIGNALED(st)) {
    line += " died of " + host::signal_name(WTERMSIG(st));
    if (const auto sender = host::signal_sender(stderr_tail)) line += " (sent by another process, pid " + std::to_string(*sender) + ")";
    else if (const auto cb = host::crashed_in_callback(stderr_tail)) line += " in the plug-in's " + *cb;
    else if (c.name == "alvh-host" && (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGBUS || WTERMSIG(st) == SIGILL ||
                                      WTERMSIG(st) == SIGFPE || WTERMSIG(st) == SIGABRT))
      line += " outside the plug-in's callbacks";
  } else {
    line += " failed (" + describe_wait_status(st) + ")";
  }
  return line;
}

// The host's stderr passes through the supervisor (to keep the tail for the crash report).
struct StderrRelay {
  int fd = -1;
  std::string tail;
  std::ostream* to = nullptr;
  // Reads what is there (or waits up to timeout_ms); false at end of file.
  bool pump(int timeout_ms) {
    if (fd < 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return true;
    char buf[4096];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) return true;
    if (n <= 0) {
      ::close(fd);
      fd = -1;
      return false;
    }
    *to << std::string_view(buf, static_cast<std::size_t>(n)) << std::flush;
    tail.append(buf, static_cast<std::size_t>(n));
    if (tail.size() > 8192) tail.erase(0, tail.size() - 8192);
    return true;
  }
  void drain() {
    while (pump(200)) {
    }
  }
};

// Reads the broker's "ready ..." line (it binds before printing it), watching for an early death.
std::string wait_ready(int fd, SupervisedChild& broker) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) > 0) {
      char buf[512];
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n > 0) {
        line.append(buf, static_cast<std::size_t>(n));
        const auto nl = line.find('\n');
        if (nl != std::string::npos && line.starts_with("ready ")) return line.substr(0, nl);
        if (nl != std::string::npos) line.erase(0, nl + 1);
        continue;
      }
    }
    if (reap(broker, false))
      throw std::runtime_error(death_report(broker, "") + " before it was ready; nothing was traded");
    if (g_signal) throw std::runtime_error("interrupted");
  }
  throw std::runtime_error("alvh-paper-broker was not ready within 60 s");
}

// Everything a run needs, checked before anything is created, moved or deleted.
struct Checked {
  fs::path host_exe, broker_exe, plugin;
  std::optional<std::string> host_public_key;  // with adapters.zmq.curve: admitted by the paper broker
};

Checked check_inputs(const PaperArgs& a, const PaperOutDir& dir) {
  // Arguments.
  if (a.from) check_iso_date("--from", *a.from);
  if (a.to) check_iso_date("--to", *a.to);
  if (a.from && a.to && *a.to < *a.from) throw UsageError("--to is before --from");
  if (a.transport != "ipc" && a.transport != "tcp") throw UsageError("--transport: '" + a.transport + "' is not ipc or tcp");
  if (a.market_data.has_value() != a.market_data_snapshot.has_value())
    throw UsageError("--market-data and --market-data-snapshot go together");
  if (a.no_market_data && a.market_data) throw UsageError("--no-market-data contradicts --market-data");
  if (a.backend && !a.backend_events) throw UsageError("--backend needs --backend-events (the backend's event PUB endpoint)");
  if (a.backend_events && !a.backend) throw UsageError("--backend-events needs --backend (the backend's command endpoint)");
  if (a.backend && a.broker_curve_secret_key)
    throw UsageError("--broker-curve-secret-key is for the paper broker, which --backend does not start");
  if (a.resume && a.fresh) throw UsageError("--fresh contradicts --resume");
  if (a.log) {
    static const char* const levels[] = {"debug", "info", "decision", "warning", "error"};
    if (std::find(std::begin(levels), std::end(levels), *a.log) == std::end(levels))
      throw UsageError("--log: '" + *a.log + "' is not one of debug, info, decision, warning, error");
  }

  // The config.
  std::error_code ec;
  if (!fs::exists(a.config, ec)) throw std::runtime_error(a.config + ": no such config file");
  const auto loaded = config::load_config(a.config);
  if (!loaded.ok()) throw std::runtime_error(loaded.format_errors());
  const config::AlvhConfig& cfg = *loaded.config;

  // Endpoints.
  const bool allow_remote = cfg.adapters.zmq.allow_non_loopback;
  if (a.backend) check_endpoint("--backend", *a.backend, allow_remote);
  if (a.backend_events) check_endpoint("--backend-events", *a.backend_events, allow_remote);
  if (a.market_data) check_endpoint("--market-data", *a.market_data, cfg.adapters.market_data.allow_non_loopback);
  if (a.market_data_snapshot)
    check_endpoint("--market-data-snapshot", *a.market_data_snapshot, cfg.adapters.market_data.allow_non_loopback);

  // CURVE on the broker link: the host takes its keys from adapters.zmq.curve; the broker this
  // command starts needs the secret half of the server key and admits the host's public key.
  Checked c;
  if (cfg.adapters.zmq.curve_client_public_key) c.host_public_key = cfg.adapters.zmq.curve_client_public_key->string();
  if (!a.backend) {
    if (c.host_public_key && !a.broker_curve_secret_key)
      throw UsageError("adapters.zmq.curve is set: give the paper broker its key with --broker-curve-secret-key FILE "
                       "(the secret half of server_public_key_file)");
    if (a.broker_curve_secret_key && !c.host_public_key)
      throw UsageError("--broker-curve-secret-key needs adapters.zmq.curve in the config (the host's keys)");
    if (a.broker_curve_secret_key && !fs::is_regular_file(*a.broker_curve_secret_key, ec))
      throw std::runtime_error(*a.broker_curve_secret_key + ": no such key file (--broker-curve-secret-key)");
  }

  // The executables and the plug-in (read, not mapped: a truncated library is refused here).
#ifdef ALVH_BUILD_HOST_EXE
  c.host_exe = find_exe("alvh-host", ALVH_BUILD_HOST_EXE);
  if (!a.backend) c.broker_exe = find_exe("alvh-paper-broker", ALVH_BUILD_BROKER_EXE);
#else
  c.host_exe = find_exe("alvh-host", nullptr);
  if (!a.backend) c.broker_exe = find_exe("alvh-paper-broker", nullptr);
#endif
  c.plugin = a.plugin ? fs::path(*a.plugin) : find_plugin();
  host::check_library_file(c.plugin);

  // The data files, unless the days come from a market-data feed.
  const bool feed = a.market_data || (cfg.adapters.market_data.enabled && !a.no_market_data);
  if (!feed) {
    const fs::path data_dir = a.data ? fs::path(*a.data) : cfg.data.dir;
    if (auto history = try_load_market_history(data_dir); !history.ok())
      throw std::runtime_error(history.error().what());
  }

  // The output directory and the session it holds.
  if (fs::exists(dir.path(), ec) && !fs::is_directory(dir.path(), ec))
    throw std::runtime_error(dir.path().string() + ": --out exists and is not a directory");
  const PaperSessionStatus status = dir.status();
  if (dir.unfinished() && !a.resume && !a.fresh)
    throw UsageError(dir.path().string() + " holds an unfinished paper session (" + to_string(status) + ", " +
                     dir.record().filename().string() + "); nothing was changed: continue it with --resume, or delete "
                     "its journal and broker state and start over with --fresh");
  if (a.resume && status == PaperSessionStatus::None)
    throw UsageError("--resume: " + dir.path().string() + " holds no paper session to continue (no " +
                     dir.journal().filename().string() + ", no " + dir.record().filename().string() + ")");
  return c;
}

std::vector<std::string> record_details(const PaperArgs& a, const Checked& c) {
  std::vector<std::string> d{"config: " + a.config, "plugin: " + c.plugin.string(), "account: " + a.account};
  if (a.from) d.push_back("from: " + *a.from);
  if (a.to) d.push_back("to: " + *a.to);
  if (a.data) d.push_back("data: " + *a.data);
  if (a.backend) d.push_back("backend: " + *a.backend + " " + *a.backend_events);
  if (a.market_data) d.push_back("market-data: " + *a.market_data + " " + *a.market_data_snapshot);
  return d;
}

int run_paper_cmd(const PaperArgs& a, Io io) {
  const PaperOutDir dir{fs::path(a.out)};
  const Checked checked = check_inputs(a, dir);  // throws, having written nothing

  // From here on the run changes things: the output directory, the session record, the children.
  fs::create_directories(dir.path());
  if (!a.resume) dir.discard();  // a new session (--fresh, or the previous one finished)
  if (a.resume && fs::exists(dir.record()))
    dir.set_status(PaperSessionStatus::Running);
  else
    dir.write_record(PaperSessionStatus::Running, record_details(a, checked));
  const fs::path journal = dir.journal(), state = dir.broker_state();

  // Endpoints: the external backend's, or the paper broker's: ipc sockets in a private temporary
  // directory (default) or free loopback ports.
  std::string cmd, evt, clk;
  fs::path ipc_dir;
  std::optional<IpcJanitor> janitor;
  if (a.backend) {
    cmd = *a.backend;
    evt = *a.backend_events;
  } else if (a.transport == "ipc") {
    std::string tmpl = (fs::temp_directory_path() / "alvh-paper-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp: " + std::string(std::strerror(errno)));
    ipc_dir = tmpl;
    io.out << std::flush;
    io.err << std::flush;
    try {
      janitor.emplace(ipc_dir);  // removes ipc_dir should this process die without doing so
    } catch (...) {
      std::error_code ec;
      fs::remove_all(ipc_dir, ec);
      throw;
    }
    cmd = "ipc://" + (ipc_dir / "command").string();
    evt = "ipc://" + (ipc_dir / "events").string();
    clk = "ipc://" + (ipc_dir / "clock").string();
  } else {
    cmd = "tcp://127.0.0.1:" + std::to_string(free_port());
    evt = "tcp://127.0.0.1:" + std::to_string(free_port());
    clk = "tcp://127.0.0.1:" + std::to_string(free_port());
  }

  struct sigaction sa{}, old_int{}, old_term{}, old_hup{};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  sigaction(SIGHUP, &sa, &old_hup);
  g_signal = 0;

  SupervisedChild broker{}, host{};
  int broker_out = -1;
  StderrRelay relay;
  relay.to = &io.err;
  int rc = 1;
  auto cleanup = [&] {
    stop(host);
    stop(broker);
    if (broker_out >= 0) ::close(broker_out);
    if (relay.fd >= 0) ::close(relay.fd);
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    sigaction(SIGHUP, &old_hup, nullptr);
    if (!ipc_dir.empty()) {
      std::error_code ec;
      fs::remove_all(ipc_dir, ec);
    }
    if (janitor) janitor->release();
  };
  try {
    io.out << std::flush;
    if (!a.backend) {
      int pipefd[2];
      if (::pipe2(pipefd, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
      broker_out = pipefd[0];
      std::vector<std::string> bargs{checked.broker_exe.string(), "--config", a.config, "--command-endpoint", cmd,
                                     "--event-endpoint", evt, "--clock-endpoint", clk, "--state", state.string(),
                                     "--account", a.account};
      if (a.data) bargs.insert(bargs.end(), {"--data", *a.data});
      if (a.broker_kill_at > 0) bargs.insert(bargs.end(), {"--kill-at", std::to_string(a.broker_kill_at)});
      if (a.broker_curve_secret_key)
        bargs.insert(bargs.end(),
                     {"--curve-secret-key", *a.broker_curve_secret_key, "--curve-allowed-key", *checked.host_public_key});
      try {
        broker = start_supervised("alvh-paper-broker", bargs, pipefd[1]);
      } catch (...) {
        ::close(pipefd[1]);
        throw;
      }
      ::close(pipefd[1]);
      const std::string ready = wait_ready(broker_out, broker);
      io.out << "=== PAPER TRADING (simulated fills, no real orders) === broker pid " << broker.pid << ": " << ready
             << "\n";
    } else {
      io.out << "=== PAPER: orders to the execution backend at " << cmd << " (events " << evt
             << "); alvh-paper-broker is not started ===\n";
    }
    io.out << std::flush;
    std::vector<std::string> hargs{checked.host_exe.string(), "--plugin", checked.plugin.string(), "--config", a.config,
                                   "--broker-command", cmd, "--broker-events", evt};
    if (!a.backend) hargs.insert(hargs.end(), {"--broker-clock", clk});
    hargs.insert(hargs.end(), {"--journal", journal.string(), "--account", a.account, "--out", dir.path().string()});
    if (a.from) hargs.insert(hargs.end(), {"--from", *a.from});
    if (a.to) hargs.insert(hargs.end(), {"--to", *a.to});
    if (a.data) hargs.insert(hargs.end(), {"--data", *a.data});
    if (a.host_kill_at > 0) hargs.insert(hargs.end(), {"--kill-at", std::to_string(a.host_kill_at)});
    if (a.speed > 0) hargs.insert(hargs.end(), {"--speed", std::to_string(a.speed)});
    if (!a.quiet) hargs.push_back("--progress");
    if (a.log) hargs.insert(hargs.end(), {"--log", *a.log});
    // A ZeroMQ market-data feed (e.g. alvh-feed, or a bridge to live data) replaces the in-process
    // replay of the data files. Without these flags the host uses adapters.market_data of the
    // config when it is enabled; the flags override it.
    if (a.market_data) hargs.insert(hargs.end(), {"--market-data", *a.market_data});
    if (a.market_data_snapshot) hargs.insert(hargs.end(), {"--market-data-snapshot", *a.market_data_snapshot});
    if (a.no_market_data) hargs.push_back("--no-market-data");
    {
      int errpipe[2];
      if (::pipe2(errpipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
      relay.fd = errpipe[0];
      try {
        host = start_supervised("alvh-host", hargs, -1, errpipe[1]);
      } catch (...) {
        ::close(errpipe[1]);
        throw;
      }
      ::close(errpipe[1]);
    }
    int forwarded = 0;
    for (;;) {
      if (g_signal && forwarded != g_signal) {
        forwarded = g_signal;
        ::kill(host.pid, g_signal);
      }
      relay.pump(20);
      if (reap(host, false)) break;
      if (!a.backend && reap(broker, false)) {
        stop(host);
        relay.drain();
        throw std::runtime_error(death_report(broker, "") + " during the session; alvh-host was stopped, and " +
                                 journal_extent(journal) + ". Continue the session with --resume.");
      }
    }
    relay.drain();
    const int st = *host.status;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
      dir.set_status(PaperSessionStatus::Finished);
      rc = 0;
    } else if (WIFEXITED(st) && WEXITSTATUS(st) == 3) {
      dir.set_status(PaperSessionStatus::Halted);
      io.err << "alvh paper: the session ended HALTED (see the state line above); outputs were written. It stays "
                "unfinished: continue it with --resume once the cause is fixed, or start over with --fresh\n";
      rc = 1;
    } else if (g_signal && (!WIFSIGNALED(st) || WTERMSIG(st) == forwarded)) {
      io.err << "alvh paper: interrupted (" << strsignal(g_signal) << "); the journal in " << dir.path().string()
             << " keeps the session: continue it with --resume\n";
      rc = 128 + g_signal;
    } else {
      const bool traded = fs::exists(journal);  // every order is journaled before it is sent
      throw std::runtime_error(death_report(host, relay.tail) + "; " + journal_extent(journal) +
                               (traded || a.resume ? ". Continue the session with --resume (after fixing the cause)."
                                                   : ". Nothing was traded: fix the cause and run the same command again."));
    }
  } catch (...) {
    cleanup();
    // A new session that never reached the host (e.g. the broker could not start), or whose host
    // ended before it opened the journal, sent no order and left nothing to continue: remove its
    // record, so the next run is not refused as "unfinished".
    std::error_code ec;
    if (!a.resume && (host.pid <= 0 || !fs::exists(journal, ec))) {
      fs::remove(dir.record(), ec);
      fs::remove(state, ec);
    }
    throw;
  }
  cleanup();
  return rc;
}

}  // namespace

Action add_paper_command(CLI::App& app, Io io) {
  auto args = std::make_shared<PaperArgs>();
  auto* sub = app.add_subcommand("paper",
                                  "Paper-trade the plug-in against alvh-paper-broker over ZeroMQ on replayed history, or on "
                                  "a ZeroMQ market-data feed (adapters.market_data of the config, or --market-data)");
  sub->add_option("--config", args->config, "YAML config (execution.mode live is required to trade a live backend)")->required();
  sub->add_option("--from", args->from, "first date, YYYY-MM-DD (default: data.from, else the first VX day)");
  sub->add_option("--to", args->to, "last date, YYYY-MM-DD (default: data.to, else the last day)");
  sub->add_option("--speed", args->speed, "replayed days per second (default 0: as fast as possible)")->check(CLI::NonNegativeNumber);
  sub->add_option("--out", args->out, "outputs, the journal and the broker's state file")->capture_default_str();
  sub->add_option("--data", args->data, "data directory (default: data.dir of the config)");
  sub->add_option("--plugin", args->plugin, "plug-in library (default: libalvh_plugin.so next to alvh, else the build's)");
  sub->add_option("--transport", args->transport, "ipc (sockets in a temporary directory) or tcp (free loopback ports)")
      ->capture_default_str();
  sub->add_option("--account", args->account, "account name at the broker")->capture_default_str();
  sub->add_option("--log", args->log, "lowest strategy log level printed: debug, info, decision, warning, error");
  sub->add_option("--market-data", args->market_data,
                  "PUB endpoint of a ZeroMQ market-data feed (protocol v1, docs/protocol.md section 11) to trade "
                  "from instead of the data files. Precedence: --market-data/--market-data-snapshot, then "
                  "adapters.market_data of the config when enabled: true, then the data files");
  sub->add_option("--market-data-snapshot", args->market_data_snapshot,
                  "ROUTER endpoint of that feed for gap recovery (required with --market-data)");
  sub->add_flag("--no-market-data", args->no_market_data,
                "replay the data files even when the config enables adapters.market_data");
  sub->add_option("--broker-curve-secret-key", args->broker_curve_secret_key,
                  "CURVE secret key file (Z85) for the paper broker when adapters.zmq.curve is set: the secret half "
                  "of server_public_key_file; the broker then admits the host's client_public_key_file");
  sub->add_option("--backend", args->backend,
                  "command (ROUTER) endpoint of an external execution backend (docs/protocol.md): trade through it "
                  "instead of starting alvh-paper-broker; needs --backend-events. No broker state file is kept then; "
                  "a tcp endpoint off this host needs adapters.zmq.allow_non_loopback");
  sub->add_option("--backend-events", args->backend_events,
                  "event (PUB) endpoint of that backend (required with --backend)");
  sub->add_flag("--resume", args->resume,
                "continue the unfinished session in --out (after a crash, an interrupt or a HALT): keep its journal "
                "and broker state. Refused when --out holds no session");
  sub->add_flag("--fresh", args->fresh,
                "start a new session even though --out holds an unfinished one: its journal and broker state are "
                "deleted (without --resume or --fresh, an unfinished session is refused and nothing is changed)");
  sub->add_flag("--quiet", args->quiet, "no progress line");
  sub->add_option("--host-kill-at", args->host_kill_at, "")->group("");      // test hooks (scripts/recovery-sweep)
  sub->add_option("--broker-kill-at", args->broker_kill_at, "")->group("");
  return [args, io] { return run_paper_cmd(*args, io); };
}

}  // namespace alvh::runner
