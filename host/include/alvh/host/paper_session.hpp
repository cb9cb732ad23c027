#pragma once
// A paper-trading session: the replay engine itself (ReplaySession: open / 15:40 / timers / close)
// drives the strategy over replayed history, with the session as its OrderExecutor: orders go to an
// execution backend over ZeroMQ (alvh-paper-broker, which serves the simulated venue, or any other
// protocol-v1 backend) through the crash-safe journal. The backend is the truth: its acks, fills
// (prices, quantities, legs, fees), partial fills, cancels, rejections and settlements are what the
// ledger, the strategy, the journal and trades.csv record. The chain model prices every order as a
// reference only: a fill far from it raises an alarm (a warning, then REDUCING), never a halt.
// A fill whose legs do not match its order's, or a fill for an order the host never sent, is
// logged, counted and starts a reconciliation with the backend's snapshot.
// With alvh-paper-broker the replay time is announced on its clock channel (a paper-only extension)
// before anything is priced at it; a backend without one settles on its own (settlement events) or,
// if it never does, the model's reference value settles expired legs (counted in the notes).
//
// Recovery after a crash is a re-drive: the restarted host replays the session from its start;
// orders the journal already holds are answered from the journal (never sent again); an order left
// in flight that the backend's snapshot reports as ended (its optional finished_orders) is answered
// from that record, booked as if it had arrived live and not sent again; any other order left in
// flight is re-sent under its deterministic id (the backend answers duplicates without executing
// them). The strategy state rebuilt this way is compared with the last one persisted, and the
// journal is reconciled with the backend's snapshot where the re-drive reaches the backend.
// Any unexplained difference puts the session in REDUCING (only closing orders) or HALTED (no
// orders), with the reason printed.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "alvh/backtest/backtest_result.hpp"
#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/core/strategy.hpp"
#include "alvh/core/trading_state.hpp"
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
  // Fill-price alarm, points per unit away from the model's reference fill: a warning above `warn`,
  // REDUCING above `reduce` (execution.fill_deviation in the config).
  double deviation_warn = 0.25, deviation_reduce = 1.00;
  bool backend_settles = false;                 // without a clock channel: the backend publishes settlements
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

// The session's trading state is the book's (alvh::TradingState, core/trading_state.hpp).
using alvh::TradingState;

struct PaperSessionReport {
  backtest::BacktestResult result;  // one variant, as run_backtest builds it
  TradingState state = TradingState::Active;
  std::string state_reason;
  bool recovered = false;           // the journal held an earlier run of this session
  std::size_t orders_sent = 0, orders_from_journal = 0, orders_resent = 0;
  std::size_t orders_adopted = 0;   // in flight at the crash, ended at the backend: its record booked, not sent
  std::size_t fills_off_model = 0;  // fills beyond the deviation alarm's warning level
  std::string reconcile_summary;
};

// Inputs are borrowed. `checkpoint` persists the strategy's state through the context it is given
// (the plug-in: save_state -> state_put); called after every replayed day.
PaperSessionReport run_paper_session(const backtest::BacktestInputs& inputs, const PaperSessionSettings& settings,
                                     Strategy& strategy, const std::function<void()>& checkpoint, BrokerLink& broker,
                                     journal::Journal& journal, const backtest::ProgressFn& progress = {},
                                     const backtest::LogSink& log = {}, DaySource* source = nullptr);

}  // namespace alvh::host
