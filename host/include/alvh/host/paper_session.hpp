#pragma once
// A paper-trading session: the replay engine itself (ReplaySession: open / 15:40 / timers / close)
// drives the strategy over replayed history, with the session as its OrderExecutor: orders go to an
// execution backend (alvh-paper-broker over ZeroMQ) through the crash-safe journal, and the replay
// time is announced to the broker on its clock channel before anything is priced at it.
//
// The engine's ledger is the host's mirror of the account, booked with the same option and fill
// models as the broker (ModelExecutor); every fill the broker reports is checked against the model
// fill: a difference halts trading. Because the mirror and the strategy are deterministic, recovery after a crash is a
// re-drive: the restarted host replays the session from its start; orders the journal already holds
// are answered from the journal (never sent again), orders left in flight are re-sent under their
// deterministic ids (the broker answers duplicates without executing them), the strategy state
// rebuilt this way is compared with the last one persisted, and the journal is reconciled with the
// broker's snapshot where the re-drive reaches the broker's clock. Any unexplained difference puts
// the session in REDUCING (only closing orders) or HALTED (no orders), with the reason printed.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "alvh/backtest/backtest_result.hpp"
#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/core/strategy.hpp"
#include "alvh/host/broker_link.hpp"
#include "alvh/journal/journal.hpp"

namespace alvh::host {

struct PaperSessionSettings {
  backtest::BacktestSettings backtest;  // range, replay script, models, fills, crash events
  std::string account = "paper";
  std::string variant = "paper";                // VariantResult::name in the outputs
  std::optional<std::string> sizing_mode;
  double speed = 0;                             // replayed days per wall-clock second; 0 = no pacing
  long kill_at = 0;                             // test hook: SIGKILL itself at this crash point (0 = never)
};

// Where the days come from in market-data mode (alvh-host --market-data): next() appends the day's
// panel row, as received, to the panel the session reads (BacktestInputs::panel) and returns its index
// with the day's signal snapshot; nullopt at the end of the data. Without a source the session steps
// the panel's own rows, as the backtest does.
struct SourcedDay {
  std::size_t row = 0;
  std::optional<SignalSnapshot> signals;
  std::vector<std::string> signal_columns;  // report order of the signals (empty: sorted names)
};
class DaySource {
 public:
  virtual ~DaySource() = default;
  virtual std::optional<SourcedDay> next() = 0;
};

enum class TradingState { Active, Reducing, Halted };
std::string_view to_string(TradingState s);

struct PaperSessionReport {
  backtest::BacktestResult result;  // one variant, as run_backtest builds it
  TradingState state = TradingState::Active;
  std::string state_reason;
  bool recovered = false;           // the journal held an earlier run of this session
  std::size_t orders_sent = 0, orders_from_journal = 0, orders_resent = 0;
  std::string reconcile_summary;
};

// Inputs are borrowed. `checkpoint` persists the strategy's state through the context it is given
// (the plug-in: save_state -> state_put); called after every replayed day.
PaperSessionReport run_paper_session(const backtest::BacktestInputs& inputs, const PaperSessionSettings& settings,
                                     Strategy& strategy, const std::function<void()>& checkpoint, BrokerLink& broker,
                                     journal::Journal& journal, const backtest::ProgressFn& progress = {},
                                     const backtest::LogSink& log = {}, DaySource* source = nullptr);

}  // namespace alvh::host
