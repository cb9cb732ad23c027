#include "alvh/core/signals/term_structure.hpp"

#include "valid_subsequence.hpp"

namespace alvh {

Value term_ratio(Value a, Value b) {
  if (!detail::is_valid(a) || !detail::is_valid(b) || *b <= 0.0) return std::nullopt;
  return *a / *b;
}

Value contango(Value near, Value far) {
  if (!detail::is_valid(near) || !detail::is_valid(far) || *near <= 0.0) return std::nullopt;
  return *far / *near - 1.0;
}

}  // namespace alvh
