#include "alvh/backtest/replay_day_inputs.hpp"

#include <algorithm>
#include <cstdio>

namespace alvh::backtest {

ReplayDayInputs::ReplayDayInputs(const DailyPanel& panel, const SignalTable* signals, const RuleBook* rules,
                                 int open_minutes)
    : panel_(&panel), signals_(signals), rules_(rules), open_minutes_(open_minutes) {
  if (signals_) recorded_.columns = signals_->columns;
  recorded_.values.assign(recorded_.columns.size(), {});
}

std::optional<SignalSnapshot> ReplayDayInputs::signals_for(std::size_t r) {
  const auto& rows = panel_->rows;
  std::optional<SignalSnapshot> snapshot;
  if (signals_ && r > 0) {
    auto today = signals_->values_on(rows[r - 1].date);
    if (r > 1) previous_ = signals_->values_on(rows[r - 2].date);
    if (today) {
      SignalSnapshot s;
      s.time = {rows[r].date, open_minutes_};
      if (rules_) {
        RuleBookResult fired = rules_->evaluate(*today, previous_.value_or(SignalValues{}));
        rule_errors_ += static_cast<int>(fired.errors.size());
        s.fired = std::move(fired.fired);
      }
      s.values = std::move(*today);
      snapshot = std::move(s);
    }
  }
  record_values(r, snapshot ? &snapshot->values : nullptr);
  return snapshot;
}

void ReplayDayInputs::record(std::size_t r, const std::optional<SignalSnapshot>& snapshot,
                             const std::vector<std::string>& columns) {
  if (snapshot && recorded_.columns.empty() && days_ == 0) {
    recorded_.columns = columns;
    if (recorded_.columns.empty()) {
      for (const auto& [name, v] : snapshot->values) recorded_.columns.push_back(name);
      std::sort(recorded_.columns.begin(), recorded_.columns.end());
    }
    recorded_.values.assign(recorded_.columns.size(), {});
  }
  record_values(r, snapshot ? &snapshot->values : nullptr);
}

void ReplayDayInputs::record_values(std::size_t r, const SignalValues* values) {
  for (std::size_t c = 0; c < recorded_.columns.size(); ++c) {
    Value v;
    if (values)
      if (auto it = values->find(recorded_.columns[c]); it != values->end()) v = it->second;
    recorded_.values[c].push_back(v);
  }
  recorded_.dates.push_back(panel_->rows[r].date);
  ++days_;
}

void ReplayDayInputs::count_fallbacks(const venue::MarketDay& m, const venue::OptionModel& model) {
  if (const auto atm = model.spxw().atm_vol(m.vols, m.vix_close))
    ++fallbacks_[std::string("SPXW ATM vol from ") + venue::atm_vol_source_name(atm->source)];
  if (model.vix().atm_vol(m.vols.get(VolIndex::VVIX), m.date, 30).source == venue::VvixSource::fallback)
    ++fallbacks_["VIX option vol from the VVIX fallback (86)"];
  if (!m.curve) ++fallbacks_["no VX curve (VX forward from the VIX-index proxy)"];
}

std::vector<std::string> ReplayDayInputs::notes() const {
  std::vector<std::string> out;
  for (const auto& [label, count] : fallbacks_) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%s: %d of %zu days", label.c_str(), count, days());
    out.emplace_back(buf);
  }
  if (rule_errors_ > 0) out.push_back("rule evaluation errors: " + std::to_string(rule_errors_));
  return out;
}

std::vector<CrashEvent> replay_crash_days(const DailyPanel& panel, std::vector<CrashEvent> named, double threshold,
                                          Date from, Date to) {
  OhlcSeries spx;
  spx.bars.reserve(panel.rows.size());
  for (const PanelRow& row : panel.rows) spx.bars.push_back(row.spx);
  return merge_crash_days(std::move(named), spx_drop_days(spx, threshold, from, to));
}

std::vector<CrashEvent> replay_crash_days(const DailyPanel& panel, std::vector<CrashEvent> named, double threshold,
                                          std::optional<double> gap_threshold, std::optional<double> vix_jump_threshold,
                                          Date from, Date to) {
  OhlcSeries spx, vix;
  spx.bars.reserve(panel.rows.size());
  vix.bars.reserve(panel.rows.size());
  for (const PanelRow& row : panel.rows) {
    spx.bars.push_back(row.spx);
    OhlcBar v = row.vix;
    v.date = row.date;
    if (!v.close) v.close = row.vol.get(VolIndex::VIX);
    vix.bars.push_back(v);
  }
  // Drops first, so a day that is both a drop and a gap keeps the drop's name.
  std::vector<CrashEvent> days = spx_drop_days(spx, threshold, from, to);
  if (gap_threshold)
    for (auto& e : spx_gap_days(spx, *gap_threshold, from, to)) days.push_back(std::move(e));
  if (vix_jump_threshold)
    for (auto& e : vix_jump_days(vix, *vix_jump_threshold, from, to)) days.push_back(std::move(e));
  std::vector<CrashEvent> unique;
  for (auto& e : days)
    if (std::none_of(unique.begin(), unique.end(), [&](const CrashEvent& u) { return u.first == e.first; }))
      unique.push_back(std::move(e));
  return merge_crash_days(std::move(named), unique);
}

}  // namespace alvh::backtest
