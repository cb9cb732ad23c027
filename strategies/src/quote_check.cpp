#include "alvh/strategies/quote_check.hpp"

#include <cmath>
#include <cstdio>

namespace alvh::strategies {

std::optional<std::string> quote_problem(const Quote& q, Timestamp now, const QuoteLimits& limits) {
  // The symbol is formatted only for a problem: this check runs on every leg of every order.
  const auto who = [&] { return symbol(q.instrument) + ": "; };
  if (!std::isfinite(q.bid) || !std::isfinite(q.ask)) return who() + "NaN or infinite bid/ask";
  char buf[96];
  if (q.bid < 0 || q.ask <= 0) {
    std::snprintf(buf, sizeof buf, "non-positive price %.2f/%.2f", q.bid, q.ask);
    return who() + buf;
  }
  if (q.bid > q.ask) {
    std::snprintf(buf, sizeof buf, "crossed quote %.2f/%.2f", q.bid, q.ask);
    return who() + buf;
  }
  if (q.bid == 0) return who() + "zero bid";
  const auto age = (now - q.time).count();
  if (age > limits.max_age_seconds) {
    std::snprintf(buf, sizeof buf, "stale quote, %lld s old (limit %d s)", static_cast<long long>(age),
                  limits.max_age_seconds);
    return who() + buf;
  }
  const double rel = (q.ask - q.bid) / q.mid();
  if (rel > limits.max_relative_spread) {
    std::snprintf(buf, sizeof buf, "spread %.0f%% of mid exceeds %.0f%%", rel * 100, limits.max_relative_spread * 100);
    return who() + buf;
  }
  return std::nullopt;
}

}  // namespace alvh::strategies
