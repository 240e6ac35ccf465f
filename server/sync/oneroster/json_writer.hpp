// json_writer (internal to the library): the small helpers every to_json shares, so that absent
// optionals and empty lists are left out the same way everywhere (a round trip gives back the same
// record).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/oneroster/json.hpp"

namespace classbook::oneroster::detail {

inline void put_base(boost::json::object& o, const Base& b) {
  o["sourcedId"] = b.sourced_id;
  o["status"] = to_string(b.status);
  o["dateLastModified"] = b.date_last_modified;
  if (b.metadata) o["metadata"] = *b.metadata;
}

inline void put(boost::json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

inline void put_bool_text(boost::json::object& o, std::string_view key, const std::optional<bool>& v) {
  if (v) o[key] = *v ? "true" : "false";
}

// Whole numbers are written as integers ("score": 5, not 5E0); others as doubles.
inline void put_number(boost::json::object& o, std::string_view key, const std::optional<double>& v) {
  if (!v) return;
  const double d = *v;
  if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.0e15)
    o[key] = static_cast<std::int64_t>(d);
  else
    o[key] = d;
}

inline void put_list(boost::json::object& o, std::string_view key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  o[key] = std::move(a);
}

inline void put_refs(boost::json::object& o, std::string_view key, const std::vector<GuidRef>& v, bool always = false) {
  if (v.empty() && !always) return;
  boost::json::array a;
  for (const auto& r : v) a.emplace_back(to_json(r));
  o[key] = std::move(a);
}

inline void put_ref(boost::json::object& o, std::string_view key, const std::optional<GuidRef>& v) {
  if (v) o[key] = to_json(*v);
}

template <class E>
void put_vocabulary(boost::json::object& o, std::string_view key, const std::optional<Extensible<E>>& v) {
  if (v) o[key] = v->text();
}

}  // namespace classbook::oneroster::detail
