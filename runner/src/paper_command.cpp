// `alvh paper`: a paper-trading session over replayed bundled history, or over the days of a
// ZeroMQ market-data feed (adapters.market_data of the config, or --market-data). Starts
// alvh-paper-broker (ZeroMQ backend on the backtest fill model) and alvh-host (the plug-in, the
// journal and the ZeroMQ adapters) as child processes on fresh endpoints, forwards SIGINT/SIGTERM
// to them, and ends with the outputs of `alvh backtest` for the config's own sizing mode
// (docs/paper.md). alvh-host reads the config itself, so the feed settings are resolved there.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "alvh/config/config_loader.hpp"
#include "command.hpp"

extern char** environ;

namespace alvh::runner {

namespace {

namespace fs = std::filesystem;

struct PaperArgs {
  std::string config, out = "out/paper", transport = "ipc", account = "paper";
  std::optional<std::string> from, to, data, plugin, log, market_data, market_data_snapshot, broker_curve_secret_key;
  double speed = 0;
  bool resume = false, quiet = false, no_market_data = false;
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

struct Child {
  pid_t pid = -1;
  std::string name;
  std::optional<int> status;  // wait status once reaped
};

Child spawn(const std::string& name, const std::vector<std::string>& args, int stdout_fd) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&fa, stdout_fd, STDOUT_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
  return Child{pid, name, std::nullopt};
}

bool reap(Child& c, bool block) {
  if (c.status) return true;
  int st = 0;
  const pid_t r = ::waitpid(c.pid, &st, block ? 0 : WNOHANG);
  if (r == c.pid) c.status = st;
  return c.status.has_value();
}

std::string describe(int st) {
  if (WIFEXITED(st)) return "exit status " + std::to_string(WEXITSTATUS(st));
  if (WIFSIGNALED(st)) return std::string("killed by signal ") + std::to_string(WTERMSIG(st)) + " (" + strsignal(WTERMSIG(st)) + ")";
  return "status " + std::to_string(st);
}

void stop(Child& c) {
  if (c.status) return;
  ::kill(c.pid, SIGTERM);
  for (int i = 0; i < 50 && !reap(c, false); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (!c.status) {
    ::kill(c.pid, SIGKILL);
    reap(c, true);
  }
}

// Reads the broker's "ready ..." line (it binds before printing it), watching for an early death.
std::string wait_ready(int fd, Child& broker) {
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
    if (reap(broker, false)) throw std::runtime_error("alvh-paper-broker exited before it was ready (" + describe(*broker.status) + ")");
    if (g_signal) throw std::runtime_error("interrupted");
  }
  throw std::runtime_error("alvh-paper-broker was not ready within 60 s");
}

int run_paper_cmd(const PaperArgs& a, Io io) {
  if (a.from) check_iso_date("--from", *a.from);
  if (a.to) check_iso_date("--to", *a.to);
  if (a.from && a.to && *a.to < *a.from) throw UsageError("--to is before --from");
  if (a.transport != "ipc" && a.transport != "tcp") throw UsageError("--transport: '" + a.transport + "' is not ipc or tcp");
  if (a.market_data.has_value() != a.market_data_snapshot.has_value())
    throw UsageError("--market-data and --market-data-snapshot go together");
  if (a.no_market_data && a.market_data) throw UsageError("--no-market-data contradicts --market-data");
  if (!fs::exists(a.config)) throw std::runtime_error(a.config + ": no such config file");
  // CURVE on the broker link: the host takes its keys from adapters.zmq.curve; the broker this
  // command starts needs the secret half of the server key and admits the host's public key.
  std::optional<std::string> host_public_key;
  if (const auto loaded = config::load_config(a.config); loaded.ok() && loaded.config->adapters.zmq.curve_client_public_key)
    host_public_key = loaded.config->adapters.zmq.curve_client_public_key->string();
  if (host_public_key && !a.broker_curve_secret_key)
    throw UsageError("adapters.zmq.curve is set: give the paper broker its key with --broker-curve-secret-key FILE "
                     "(the secret half of server_public_key_file)");
  if (a.broker_curve_secret_key && !host_public_key)
    throw UsageError("--broker-curve-secret-key needs adapters.zmq.curve in the config (the host's keys)");
#ifdef ALVH_BUILD_HOST_EXE
  const fs::path host_exe = find_exe("alvh-host", ALVH_BUILD_HOST_EXE);
  const fs::path broker_exe = find_exe("alvh-paper-broker", ALVH_BUILD_BROKER_EXE);
#else
  const fs::path host_exe = find_exe("alvh-host", nullptr);
  const fs::path broker_exe = find_exe("alvh-paper-broker", nullptr);
#endif
  const fs::path plugin = a.plugin ? fs::path(*a.plugin) : find_plugin();

  const fs::path out = a.out;
  fs::create_directories(out);
  const fs::path journal = out / "journal.sqlite", state = out / "broker-state.jsonl";
  if (!a.resume)  // a fresh session: the journal and the broker's record of the previous one go
    for (const fs::path& f : {journal, fs::path(journal.string() + "-wal"), fs::path(journal.string() + "-shm"), state})
      fs::remove(f);

  // Endpoints: ipc sockets in a private temporary directory (default), or free loopback ports.
  std::string cmd, evt, clk;
  fs::path ipc_dir;
  if (a.transport == "ipc") {
    std::string tmpl = (fs::temp_directory_path() / "alvh-paper-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp: " + std::string(std::strerror(errno)));
    ipc_dir = tmpl;
    cmd = "ipc://" + (ipc_dir / "command").string();
    evt = "ipc://" + (ipc_dir / "events").string();
    clk = "ipc://" + (ipc_dir / "clock").string();
  } else {
    cmd = "tcp://127.0.0.1:" + std::to_string(free_port());
    evt = "tcp://127.0.0.1:" + std::to_string(free_port());
    clk = "tcp://127.0.0.1:" + std::to_string(free_port());
  }

  struct sigaction sa{}, old_int{}, old_term{};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  g_signal = 0;

  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  std::vector<std::string> bargs{broker_exe.string(), "--config", a.config, "--command-endpoint", cmd,
                                 "--event-endpoint", evt, "--clock-endpoint", clk, "--state", state.string(),
                                 "--account", a.account};
  if (a.data) bargs.insert(bargs.end(), {"--data", *a.data});
  if (a.broker_curve_secret_key)
    bargs.insert(bargs.end(), {"--curve-secret-key", *a.broker_curve_secret_key, "--curve-allowed-key", *host_public_key});
  Child broker = spawn("alvh-paper-broker", bargs, pipefd[1]);
  ::close(pipefd[1]);
  Child host{};
  int rc = 1;
  auto cleanup = [&] {
    if (host.pid > 0) stop(host);
    stop(broker);
    ::close(pipefd[0]);
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    if (!ipc_dir.empty()) {
      std::error_code ec;
      fs::remove_all(ipc_dir, ec);
    }
  };
  try {
    const std::string ready = wait_ready(pipefd[0], broker);
    io.out << "=== PAPER TRADING (simulated fills, no real orders) === broker pid " << broker.pid << ": " << ready << "\n"
           << std::flush;
    std::vector<std::string> hargs{host_exe.string(), "--plugin", plugin.string(), "--config", a.config,
                                   "--broker-command", cmd, "--broker-events", evt, "--broker-clock", clk,
                                   "--journal", journal.string(), "--account", a.account, "--out", out.string()};
    if (a.from) hargs.insert(hargs.end(), {"--from", *a.from});
    if (a.to) hargs.insert(hargs.end(), {"--to", *a.to});
    if (a.data) hargs.insert(hargs.end(), {"--data", *a.data});
    if (a.speed > 0) hargs.insert(hargs.end(), {"--speed", std::to_string(a.speed)});
    if (!a.quiet) hargs.push_back("--progress");
    if (a.log) hargs.insert(hargs.end(), {"--log", *a.log});
    // A ZeroMQ market-data feed (e.g. alvh-feed, or a bridge to live data) replaces the in-process
    // replay of the data files. Without these flags the host uses adapters.market_data of the
    // config when it is enabled; the flags override it.
    if (a.market_data) hargs.insert(hargs.end(), {"--market-data", *a.market_data});
    if (a.market_data_snapshot) hargs.insert(hargs.end(), {"--market-data-snapshot", *a.market_data_snapshot});
    if (a.no_market_data) hargs.push_back("--no-market-data");
    io.out << std::flush;
    host = spawn("alvh-host", hargs, -1);
    int forwarded = 0;
    for (;;) {
      if (g_signal && forwarded != g_signal) {
        forwarded = g_signal;
        ::kill(host.pid, g_signal);
      }
      if (reap(host, false)) break;
      if (reap(broker, false)) {
        stop(host);
        throw std::runtime_error("alvh-paper-broker (pid " + std::to_string(broker.pid) + ") died during the session (" +
                                 describe(*broker.status) + "); the host was stopped. Resume with --resume.");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const int st = *host.status;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
      rc = 0;
    } else if (WIFEXITED(st) && WEXITSTATUS(st) == 3) {
      io.err << "alvh paper: the session ended HALTED (see the state line above); outputs were written\n";
      rc = 1;
    } else if (g_signal) {
      io.err << "alvh paper: interrupted (" << strsignal(g_signal) << "); the journal in " << out.string()
             << " keeps the session: continue it with --resume\n";
      rc = 128 + g_signal;
    } else {
      throw std::runtime_error("alvh-host (pid " + std::to_string(host.pid) + ") failed (" + describe(st) +
                               "); the journal keeps the session: continue it with --resume");
    }
  } catch (...) {
    cleanup();
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
  sub->add_flag("--resume", args->resume, "continue the session in --out after a crash (keep its journal and broker state)");
  sub->add_flag("--quiet", args->quiet, "no progress line");
  return [args, io] { return run_paper_cmd(*args, io); };
}

}  // namespace alvh::runner
