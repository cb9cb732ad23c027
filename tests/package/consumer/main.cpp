// Prices Haug's Black-76 example through the installed package.
#include <cstdio>

#include "alvh/core/date.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"

int main() {
  alvh::QuantLibPricer pricer;
  alvh::Black76Input in{alvh::OptionType::Call, 19.0, 19.0, 0.75, 0.10, 0.28};
  std::printf("%s %.4f\n", alvh::to_iso(alvh::make_date(2026, 1, 2)).c_str(), pricer.black76(in).price);
  return 0;
}
