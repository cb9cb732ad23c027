#include "alvh/core/signals/advance_decline.hpp"

#include "valid_subsequence.hpp"

namespace alvh {

Value net_advances(const BreadthRow& row) {
  if (detail::is_valid(row.advancers) && detail::is_valid(row.decliners)) return *row.advancers - *row.decliners;
  if (detail::is_valid(row.ad)) return row.ad;
  return std::nullopt;
}

AdvanceDecline::AdvanceDecline(AdlParams params)
    : line_ema_(params.ema), fast_(params.fast), slow_(params.slow) {}

void AdvanceDecline::reset() {
  line_ = 0.0;
  line_ema_.reset();
  fast_.reset();
  slow_.reset();
}

AdlPoint AdvanceDecline::update(Value net) {
  if (!detail::is_valid(net)) return {};
  line_ += *net;
  AdlPoint p;
  p.line = line_;
  p.ema = line_ema_.update(line_);
  const Value f = fast_.update(net);
  const Value s = slow_.update(net);
  if (f && s) p.mcclellan = *f - *s;
  return p;
}

AdlSeries advance_decline(std::span<const Value> net, AdlParams params) {
  AdlSeries out{std::vector<Value>(net.size()), {}, std::vector<Value>(net.size())};
  double line = 0.0;
  for (std::size_t i = 0; i < net.size(); ++i) {
    if (!detail::is_valid(net[i])) continue;
    line += *net[i];
    out.line[i] = line;
  }
  out.ema = ema(out.line, params.ema);
  const auto fast = ema(net, params.fast);
  const auto slow = ema(net, params.slow);
  for (std::size_t i = 0; i < net.size(); ++i) {
    if (fast[i] && slow[i]) out.mcclellan[i] = *fast[i] - *slow[i];
  }
  return out;
}

}  // namespace alvh
