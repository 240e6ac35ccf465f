// id_list: internal ids bound to a query as one JSON array, read back with json_each.
#pragma once

#include <string>
#include <vector>

namespace classbook::store {

// Id lists travel as one JSON array bound to json_each, so each query keeps one SQL text (one
// cached statement) however many ids it is given.
template <class Int>
std::string id_array(const std::vector<Int>& ids) {
  std::string out = "[";
  for (Int id : ids) out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + "]";
}

}  // namespace classbook::store
