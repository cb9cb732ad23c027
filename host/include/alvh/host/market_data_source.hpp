#pragma once
// alvh-host --market-data: the days of a paper session come from alvh-feed over ZeroMQ instead of
// the bundled files. Each received day's row is appended to the panel the session reads; the option
// model, chains, marks and the mirror of the account then work on it exactly as on a loaded panel.
#include <memory>

#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/zmq/md_subscriber.hpp"
#include "alvh/host/paper_session.hpp"

namespace alvh::host {

class MarketDataSource final : public DaySource {
 public:
  // `panel` is the one given to the session (BacktestInputs::panel); it must start empty.
  MarketDataSource(wire::SubscriberSettings settings, DailyPanel& panel, wire::MdSubscriber::Report report = {});
  ~MarketDataSource() override;
  std::optional<SourcedDay> next() override;
  const wire::SubscriberStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::host
