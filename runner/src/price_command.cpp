// `alvh price`: one option's price and greeks (or implied vol) through the OptionPricer port.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "alvh/quantlib/quantlib_pricer.hpp"
#include "command.hpp"

namespace alvh::runner {

namespace {

struct PriceArgs {
  std::string model, type;
  std::optional<double> spot, div, forward, strike, years, rate, vol, implied;
  bool json = false;
};

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

int run_price(const PriceArgs& a, Io io) {
  const bool bsm = a.model == "bsm";
  if (bsm && !a.spot) throw UsageError("--model bsm needs --spot");
  if (bsm && a.forward) throw UsageError("--forward is for --model black76; bsm takes --spot [--div]");
  if (!bsm && !a.forward) throw UsageError("--model black76 needs --forward");
  if (!bsm && (a.spot || a.div)) throw UsageError("--spot/--div are for --model bsm; black76 takes --forward");
  if (a.vol.has_value() == a.implied.has_value()) throw UsageError("give exactly one of --vol or --implied");
  auto positive = [](const char* flag, std::optional<double> v) {
    if (v && !(*v > 0)) throw UsageError(std::string(flag) + " must be > 0");
  };
  positive("--spot", a.spot);
  positive("--forward", a.forward);
  positive("--strike", a.strike);
  positive("--years", a.years);
  positive("--vol", a.vol);
  if (a.implied && !(*a.implied >= 0)) throw UsageError("--implied must be >= 0");

  const OptionType type = a.type == "call" ? OptionType::Call : OptionType::Put;
  QuantLibPricer pricer;
  double vol = a.vol.value_or(0.0);
  OptionGreeks g;
  if (bsm) {
    BsmInput in{type, *a.spot, *a.strike, *a.years, *a.rate, a.div.value_or(0.0), vol};
    if (a.implied) {
      ImpliedVol iv = pricer.bsm_implied_vol(in, *a.implied);
      if (!iv) {
        io.err << "alvh price: no implied volatility: " << iv.error << "\n";
        return 1;
      }
      in.vol = vol = *iv.vol;
    }
    g = pricer.bsm(in);
  } else {
    Black76Input in{type, *a.forward, *a.strike, *a.years, *a.rate, vol};
    if (a.implied) {
      ImpliedVol iv = pricer.black76_implied_vol(in, *a.implied);
      if (!iv) {
        io.err << "alvh price: no implied volatility: " << iv.error << "\n";
        return 1;
      }
      in.vol = vol = *iv.vol;
    }
    g = pricer.black76(in);
  }
  if (a.json) {
    nlohmann::ordered_json j{{"price", g.price}, {"delta", g.delta}, {"gamma", g.gamma},
                             {"vega", g.vega},   {"theta", g.theta}, {"vol", vol}};
    io.out << j.dump() << "\n";
  } else {
    io.out << "price " << fmt(g.price) << "\n"
           << "delta " << fmt(g.delta) << "\n"
           << "gamma " << fmt(g.gamma) << "\n"
           << "vega  " << fmt(g.vega) << "   (per 1 vol point)\n"
           << "theta " << fmt(g.theta) << "   (per calendar day)\n"
           << "vol   " << fmt(vol) << (a.implied ? "   (implied)" : "") << "\n";
  }
  return 0;
}

}  // namespace

Action add_price_command(CLI::App& app, Io io) {
  auto args = std::make_shared<PriceArgs>();
  auto* sub = app.add_subcommand("price", "Price a European option and its greeks (or solve its implied vol)");
  sub->add_option("--model", args->model, "bsm (spot, dividend yield) or black76 (forward)")
      ->required()->check(CLI::IsMember({"bsm", "black76"}));
  sub->add_option("--type", args->type, "call or put")->required()->check(CLI::IsMember({"call", "put"}));
  sub->add_option("--spot", args->spot, "spot price (bsm)");
  sub->add_option("--div", args->div, "continuous dividend yield, e.g. 0.015 (bsm, default 0)");
  sub->add_option("--forward", args->forward, "forward/future price (black76)");
  sub->add_option("--strike", args->strike, "strike")->required();
  sub->add_option("--years", args->years, "time to expiry in years (ACT/365)")->required();
  sub->add_option("--rate", args->rate, "continuously compounded risk-free rate, e.g. 0.05")->required();
  sub->add_option("--vol", args->vol, "volatility, e.g. 0.20");
  sub->add_option("--implied", args->implied, "option price: solve the implied vol instead of --vol");
  sub->add_flag("--json", args->json, "one JSON object: price, delta, gamma, vega, theta, vol");
  sub->footer("Greeks: vega per 1 vol point, theta per calendar day.\n"
              "Example: alvh price --model black76 --type call --forward 19 --strike 19 --years 0.75 --rate 0.1 --vol 0.28");
  return [args, io] { return run_price(*args, io); };
}

}  // namespace alvh::runner
