// json_in: strict reading of request bodies — an object, known fields only, the right types.
// Pure Boost.JSON, no sockets: the fuzz target drives it directly.
#pragma once

#include <boost/json/value.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::http {

constexpr std::size_t json_max_depth = 8;

// Parses `body` as one JSON object; invalid JSON, invalid UTF-8, another type or too deep nesting fail.
Result<boost::json::object> parse_object(std::string_view body);

class Fields {
 public:
  // Fails on any field not in `known`, naming it.
  static Result<Fields> of(const boost::json::object& obj, std::initializer_list<std::string_view> known);

  Result<std::string> string(std::string_view name) const;
  Result<std::optional<std::string>> optional_string(std::string_view name) const;
  Result<std::int64_t> integer(std::string_view name) const;
  Result<std::optional<std::int64_t>> optional_integer(std::string_view name) const;
  Result<std::optional<bool>> optional_boolean(std::string_view name) const;
  // An array of strings, empty when absent or null; more than `max` items is refused, naming `max`.
  Result<std::vector<std::string>> optional_strings(std::string_view name, std::size_t max) const;
  const boost::json::value* find(std::string_view name) const;

 private:
  explicit Fields(const boost::json::object& o) : obj_(&o) {}
  const boost::json::object* obj_;
};

}  // namespace classbook::http
