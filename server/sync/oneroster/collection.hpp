// collection: a collection response from outside ({"users": […]}) read item by item — the good items
// kept, each bad one listed with its index, its sourcedId when readable and why — never thrown,
// never half-parsed. Only a body that is not such a response at all is refused whole.
//
// Error codes (Errc::invalid_input): oneroster.malformed_json, oneroster.too_large,
// oneroster.not_a_collection.
#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"
#include "sync/oneroster/model.hpp"

namespace classbook::oneroster {

// A body larger than this is refused before parsing (a page of 1,000 users is well under 4 MiB).
inline constexpr std::size_t max_body_bytes = 32u * 1024u * 1024u;
// Deeper nesting than this is refused (OneRoster records nest 4 levels; metadata may add some).
inline constexpr std::size_t max_json_depth = 32;

// JSON text → a value; malformed or too deep or too large gives an Error, never an exception.
classbook::Result<boost::json::value> parse_json_text(std::string_view text);

struct ItemRefusal {
  std::size_t index = 0;   // position in the array, from 0
  std::string sourced_id;  // "" when the item has no readable sourcedId
  Error reason;            // reason.field: "users[3].roles[0].role"
};

template <class T>
struct Collection {
  std::vector<T> items;               // the good ones, in their order
  std::vector<ItemRefusal> refused;   // the bad ones, in their order
};

// The key of each record type's collection ("users", "academicSessions", …). Endpoints such as
// /students or /terms use their record type's key too.
template <class T>
std::string_view collection_key();

// {"<key>": [ … ]} → each item parsed on its own; refusal names "<key>[i].<field>". Instantiated for
// Org, AcademicSession, Course, Class, User, Enrollment, Demographics, Category, ScoreScale, LineItem
// and ResultRecord.
template <class T>
classbook::Result<Collection<T>> parse_collection(const boost::json::value& body);

}  // namespace classbook::oneroster
