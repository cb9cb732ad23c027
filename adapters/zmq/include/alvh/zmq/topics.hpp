#pragma once
// PUB/SUB topic names (first frame of every published message). SUB filters are byte prefixes, so
// "md.SPXW" receives every SPXW quote; clients match exec topics exactly.
#include <string>
#include <string_view>

#include "alvh/core/instrument.hpp"

namespace alvh::wire {

inline constexpr std::string_view kStatusTopic = "status";  // backend heartbeats

inline std::string exec_topic(std::string_view account) { return "exec." + std::string(account); }
inline std::string md_topic(const Instrument& i) { return "md." + symbol(i); }
inline std::string chain_topic(std::string_view root) { return "chain." + std::string(root); }
inline bool is_exec_topic(std::string_view topic) { return topic.substr(0, 5) == "exec."; }

}  // namespace alvh::wire
