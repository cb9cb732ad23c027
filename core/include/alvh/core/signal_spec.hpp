#pragma once
// A named signal instance as configured: which indicator, on which series, with which parameters.
// Output columns are "<name>" for single-valued indicators or "<name>.<field>" (macd_vix.hist).
#include <map>
#include <string>

namespace alvh {

struct SignalSpec {
  std::string name;       // e.g. "macd_vix"
  std::string indicator;  // e.g. "macd", "rsi", "adl", "term_ratio"
  std::string source;     // e.g. "VIX", "SPX", "VX1/VX2", "NYSE"
  std::map<std::string, double> params;  // e.g. {"fast":12,"slow":26,"signal":9}
};

}  // namespace alvh
