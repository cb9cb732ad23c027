#pragma once
// An order that ended, as a backend's snapshot may report it (the optional `finished_orders`,
// docs/protocol.md section 4): its terminal order event and every fill it made. A host restarted
// after a crash books this record for an order it sent but never heard the end of, instead of
// sending the order again.
#include <vector>

#include "alvh/core/orders.hpp"

namespace alvh::wire {

struct FinishedOrder {
  OrderEvent event;         // client order id, terminal state, cumulative filled quantity, reason, time
  std::vector<Fill> fills;  // as published on exec.<account>
};

}  // namespace alvh::wire
