#pragma once
// Non-throwing face of the loaders: callers that prefer values to exceptions wrap any loader call
// in try_load() and inspect the result.
#include <type_traits>
#include <utility>
#include <variant>

#include "alvh/data/data_error.hpp"

namespace alvh {

template <class T>
class LoadResult {
 public:
  LoadResult(T value) : state_(std::move(value)) {}             // NOLINT: implicit by design
  LoadResult(DataError error) : state_(std::move(error)) {}     // NOLINT: implicit by design

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // Precondition: ok(). Calling it on an error rethrows that error rather than invoking UB.
  const T& value() const& {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(state_);
  }
  T&& value() && {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(std::move(state_));
  }
  // Precondition: !ok().
  const DataError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, DataError> state_;
};

// Runs a loader and turns a DataError (or any other std::exception escaping it, reported at
// line 0) into a value. Only allocation failure while building the result can still throw.
template <class F>
auto try_load(F&& loader) -> LoadResult<std::invoke_result_t<F>> {
  try {
    return std::forward<F>(loader)();
  } catch (const DataError& e) {
    return e;
  } catch (const std::exception& e) {
    return DataError("", 0, 0, e.what());
  }
}

}  // namespace alvh
