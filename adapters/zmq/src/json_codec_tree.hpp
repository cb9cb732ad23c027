#pragma once
// from_json_text on an already parsed tree (private to alvh::wire): the envelope decoder hands the
// payload over as a tree, so it is not dumped to text and parsed a second time.
#include "alvh/zmq/json_codec.hpp"
#include "json_fields.hpp"

namespace alvh::wire::detail {

// Same results as from_json_text<T>(j.dump()); instantiated for the same types.
template <class T>
Result<T> from_json_value(const json& j);

}  // namespace alvh::wire::detail
