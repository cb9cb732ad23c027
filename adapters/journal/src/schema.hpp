#pragma once
// The journal's schema as an ordered list of migrations. Migration N brings a database from
// version N-1 to N; each runs in one transaction and is recorded in schema_migrations.
#include <vector>

namespace alvh::journal::detail {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

const std::vector<Migration>& migrations();

inline constexpr int kApplicationId = 0x616c7668;  // "alvh": PRAGMA application_id of every journal

}  // namespace alvh::journal::detail
