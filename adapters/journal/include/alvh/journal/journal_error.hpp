#pragma once
// JournalError: every failure of the journal names the file, so an operator knows which account's
// journal is broken (corrupt, not a SQLite file, written by a newer alvh, locked by another process).
#include <stdexcept>
#include <string>

namespace alvh::journal {

class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace alvh::journal
