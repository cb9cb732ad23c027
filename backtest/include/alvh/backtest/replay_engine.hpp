#pragma once
// Historical replay of one Strategy over the daily panel, through a StrategyContext backed by the
// option model and the paper fill model. Daily data only, so each replayed day is a fixed script:
//   09:30  VIX options expiring today settle at the VIX open (SOQ stand-in); signals of the
//          previous close (no look-ahead) and the rules they fire are delivered
//   15:40  index values (the day's closes stand in for 15:40 levels); held positions re-marked
//          and quoted (stop checks); timers fire in time order (condor entry 15:45, ladder review
//          15:50; earlier on early-close days)
//   16:00  SPXW expiring today settle at the SPX close; daily bars; marks at the close; record
// Orders are priced at the model mid (a reference) and handed to an OrderExecutor, the venue: by
// default the in-process ModelExecutor (the simulated venue: fills at once, mid -/+ slippage); the
// paper host plugs in its execution backend instead and keeps this script. The engine books what the
// venue reports (fills, partial fills, cancels, rejections, settlements). Sessions of several variants step the same days in
// lockstep and share the day's chains (ReplayDay).
#include <cstddef>
#include <functional>
#include <map>
#include <unordered_map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "alvh/backtest/backtest_result.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/backtest/ledger.hpp"
#include "alvh/venue/market_day.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/venue/simulated_market.hpp"
#include "alvh/backtest/order_executor.hpp"
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/core/market_events.hpp"
#include "alvh/core/strategy.hpp"

namespace alvh::backtest {

struct ReplaySettings {
  double initial_equity = 100000.0;
  int open_minutes = hhmm(9, 30);
  int index_minutes = hhmm(15, 40);  // moved to close - 20 on early-close days
  // Enforce order limits against the model fill (mid -/+ slippage). Off by default: strategies
  // price at the mid, and the slippage stands for working the order down from it (docs/model.md).
  bool enforce_limits = false;
  std::vector<std::string> ladder_layers = {"front", "mid", "back"};
  // SPXW chain: strikes within +/- (band_sigmas x 1-day move + band_pad) of the spot, OTM side
  // of each right. VIX chain: calls with strikes from low x F to high x F on the listed grid.
  double spxw_band_sigmas = 4.0;
  double spxw_band_pad = 60.0;
  double spxw_strike_step = 5.0;
  double vix_strike_low = 0.7;
  double vix_strike_high = 2.5;
  double vix_grid_switch = 15.0;  // 0.50 strikes below, 1.00 at and above
};

// Inputs shared by every variant of a run. Everything is borrowed.
struct ReplayMarket {
  const DailyPanel* panel = nullptr;
  const ExchangeCalendar* calendar = nullptr;
  const OptionPricer* pricer = nullptr;
  const venue::OptionModel* model = nullptr;
  const venue::FillModel* fills = nullptr;
  const venue::SimulatedMarket* venue = nullptr;  // the in-process venue (ModelExecutor); its model and fills above
};
// A ReplayMarket reading everything from `venue`.
ReplayMarket replay_market(const venue::SimulatedMarket& venue);

// One replayed day as every session sees it, plus the chains already built for it.
class ReplayDay {
 public:
  ReplayDay(const ReplayMarket& market, const ReplaySettings& settings, std::size_t row,
            std::optional<SignalSnapshot> signals);

  const PanelRow& row() const { return *row_; }
  const venue::MarketDay& market() const { return day_; }
  const std::optional<SignalSnapshot>& signals() const { return signals_; }
  int close_minutes() const { return close_minutes_; }
  int index_minutes() const { return index_minutes_; }
  IndexValues index_values() const;

  // Quotes for one expiry of a root at `minutes`, built once per day and shared.
  const std::vector<Quote>& chain_quotes(const std::string& root, Date expiry, int minutes);
  std::optional<double> chain_forward(const std::string& root, Date expiry, int minutes) const;
  // The model's quote of one instrument at `minutes`, worked out once per day for every session
  // (marks, book greeks and daily records of many variants ask for the same contracts); null where
  // the model has none. The pointer stays valid for the day.
  const venue::ModelQuote* model_quote(const Instrument& instrument, int minutes);
  // The whole chain a strategy asked for, at `now`: forwards and quotes of every requested expiry
  // (all listed VX expiries for "VIX" when none are named), plus every `held` instrument of the
  // root, however far from the strike band (a deep in-the-money call must stay sellable).
  OptionChainSnapshot chain_snapshot(const ChainRequest& request, ExchangeTime now, Timestamp observed,
                                     std::span<const Instrument> held = {});
  // The same chain, shared: sessions that ask for the same expiries at the same time and hold
  // nothing outside the band get one snapshot instead of a copy each.
  std::shared_ptr<const OptionChainSnapshot> shared_chain_snapshot(const ChainRequest& request, ExchangeTime now,
                                                                   Timestamp observed,
                                                                   std::span<const Instrument> held = {});

 private:
  const ReplayMarket* market_;
  const ReplaySettings* settings_;
  const PanelRow* row_;
  venue::MarketDay day_;
  std::optional<SignalSnapshot> signals_;
  int close_minutes_ = hhmm(16, 0);
  int index_minutes_ = hhmm(15, 40);
  std::map<std::tuple<std::string, int, int>, std::vector<Quote>> chains_;
  // Band snapshots by root, expiries (day numbers), minutes and observation time.
  std::map<std::tuple<std::string, std::vector<int>, int, Timestamp>, std::shared_ptr<const OptionChainSnapshot>> snapshots_;
  OptionChainSnapshot band_snapshot(const ChainRequest& request, ExchangeTime now, Timestamp observed);
  struct QuoteKey {
    Instrument instrument;
    int minutes = 0;
    bool operator==(const QuoteKey& o) const { return minutes == o.minutes && instrument == o.instrument; }
  };
  struct QuoteKeyHash {
    std::size_t operator()(const QuoteKey& k) const noexcept;
  };
  std::unordered_map<QuoteKey, std::optional<venue::ModelQuote>, QuoteKeyHash> model_quotes_;
};

using LogSink = std::function<void(std::string_view variant, LogLevel, std::string_view source, std::string_view message)>;

// One variant: the strategy, its context, its ledger and its daily records.
class ReplaySession {
 public:
  // Orders fill in-process (ModelExecutor: a simulated-venue account on market.venue).
  ReplaySession(const ReplayMarket& market, const ReplaySettings& settings, std::string name,
                std::unique_ptr<Strategy> strategy, LogSink log = {});
  // Borrowed strategy, orders executed by `executor` (the paper host's execution backend).
  ReplaySession(const ReplayMarket& market, const ReplaySettings& settings, std::string name, Strategy& strategy,
                OrderExecutor& executor, LogSink log = {});
  ~ReplaySession();
  ReplaySession(const ReplaySession&) = delete;
  // Whether the log sink reads every decision text. When it only picks lines that are always
  // formatted (run_backtest's own extractors without a user log), strategies may skip the rest.
  void set_sink_reads_all_decisions(bool reads_all);
  ReplaySession& operator=(const ReplaySession&) = delete;

  const std::string& name() const;
  // The strategy is initialised with `facing` when given: a decorator of context() (the journal).
  void start(const ReplayDay& first, StrategyContext* facing = nullptr);
  void step(ReplayDay& day);
  void stop();

  // The session's own context: clock, models, account, timers, chains; orders under engine ids.
  StrategyContext& context();
  // Submits under an id chosen by the caller (a journal's deterministic ids) instead of the engine's.
  void submit_as(const ClientOrderId& id, const ComboOrder& order);
  void submit_as(const ClientOrderId& id, const SingleOrder& order);

  const Ledger& ledger() const;
  const std::vector<DailyRecord>& daily() const;
  // "hedge fills on an extrapolated VX forward" -> count, and similar modelling labels.
  const std::map<std::string, int>& diagnostics() const;

 private:
  class Context;
  std::unique_ptr<Context> ctx_;
};

}  // namespace alvh::backtest
