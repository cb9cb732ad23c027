#pragma once
// GroupRecord: a set of legs the strategy manages as one unit — an iron condor ("condor") or a VIX
// ladder cohort ("ladder"). The journal keeps them so a restarted strategy knows which positions
// belong together, what they cost and whether they are still open.
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/clock.hpp"
#include "alvh/core/instrument.hpp"

namespace alvh::journal {

struct GroupLeg {
  Instrument instrument;
  int quantity = 0;  // signed contracts: + long, - short
};

struct GroupRecord {
  std::string id;            // strategy-chosen, unique, e.g. "ic:2024-03-14" or "ladder:2024-04:1"
  std::string kind;          // "condor" | "ladder" (free text; the journal does not interpret it)
  std::string tag;           // tag of the orders that built it
  std::vector<GroupLeg> legs;
  bool open = true;
  double cost = 0;           // $ paid (+) or received (-) to open, commissions included
  double close_value = 0;    // $ received (+) or paid (-) to close; 0 while open
  Timestamp opened{};
  std::optional<Timestamp> closed;
};

}  // namespace alvh::journal
