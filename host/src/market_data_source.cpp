#include "alvh/host/market_data_source.hpp"

#include <stdexcept>

#include "alvh/zmq/context.hpp"

namespace alvh::host {

struct MarketDataSource::Impl {
  wire::Context context;
  wire::MdSubscriber subscriber;
  DailyPanel& panel;
  Impl(wire::SubscriberSettings s, DailyPanel& p, wire::MdSubscriber::Report r)
      : subscriber(context.native(), std::move(s), std::move(r)), panel(p) {}
};

MarketDataSource::MarketDataSource(wire::SubscriberSettings settings, DailyPanel& panel, wire::MdSubscriber::Report report)
    : impl_(std::make_unique<Impl>(std::move(settings), panel, std::move(report))) {
  if (!panel.rows.empty()) throw std::invalid_argument("MarketDataSource: the session's panel must start empty");
}
MarketDataSource::~MarketDataSource() = default;

std::optional<SourcedDay> MarketDataSource::next() {
  auto day = impl_->subscriber.next();
  if (!day) return std::nullopt;
  auto& rows = impl_->panel.rows;
  // The panel keeps strictly increasing dates; the subscriber already delivers in sequence.
  if (!rows.empty() && day->row.date <= rows.back().date)
    throw std::runtime_error("market-data feed sent " + to_iso(day->row.date) + " after " + to_iso(rows.back().date));
  rows.push_back(std::move(day->row));
  return SourcedDay{rows.size() - 1, std::move(day->signals), std::move(day->signal_columns)};
}

const wire::SubscriberStats& MarketDataSource::stats() const { return impl_->subscriber.stats(); }

}  // namespace alvh::host
