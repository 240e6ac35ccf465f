// query: the REST binding's collection query parameters — limit, offset, sort + orderBy, fields,
// filter — parsed, then applied by any server to a vector of JSON records: a page, the total for
// X-Total-Count and the Link header. Choices where the standard is silent: docs/sync.md.
//
// Error codes (Errc::invalid_input; status_for() turns them into the standard's payload):
// oneroster.invalid_filter (→ invalid_filter_field), oneroster.invalid_selection
// (→ invalid_selection_field), oneroster.invalid_query (→ invaliddata, a bad limit/offset/orderBy).
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"
#include "sync/oneroster/dates.hpp"
#include "sync/oneroster/model.hpp"

namespace classbook::oneroster {

inline constexpr std::size_t default_limit = 100;          // the standard's default page
inline constexpr std::size_t max_limit = 1000;             // a larger limit is served as this many
inline constexpr std::size_t max_filter_bytes = 2048;      // a longer filter is refused
inline constexpr std::size_t max_filter_predicates = 8;    // more predicates than this are refused
inline constexpr std::size_t max_selected_fields = 64;     // a longer fields list is refused

// The parameters as received (already percent-decoded); nullopt when not given.
struct QueryParams {
  std::optional<std::string> limit;
  std::optional<std::string> offset;
  std::optional<std::string> sort;
  std::optional<std::string> order_by;
  std::optional<std::string> filter;
  std::optional<std::string> fields;
};

enum class SortOrder { asc, desc };
enum class Comparison { equal, not_equal, greater, greater_or_equal, less, less_or_equal, contains };
enum class Logic { and_, or_ };

// <field><op>'<value>': field may be dotted ("roles.org.sourcedId").
struct Predicate {
  std::string field;
  Comparison op = Comparison::equal;
  std::string value;
  friend bool operator==(const Predicate&, const Predicate&) = default;
};

// One or more predicates joined by one kind of logical operator.
struct Filter {
  std::vector<Predicate> predicates;
  Logic logic = Logic::and_;
  friend bool operator==(const Filter&, const Filter&) = default;
};

struct CollectionQuery {
  std::size_t limit = default_limit;
  std::size_t offset = 0;
  std::optional<std::string> sort;  // only a field the records have; else the provider's order
  SortOrder order = SortOrder::asc;
  std::optional<Filter> filter;
  std::vector<std::string> fields;  // empty: every field
  friend bool operator==(const CollectionQuery&, const CollectionQuery&) = default;
};

// The grammar alone: "familyName='Smith' AND givenName~'an'". A quote inside a value is doubled ('').
classbook::Result<Filter> parse_filter(std::string_view text);
// Back to the standard's text (for a client's request and for Link URLs).
std::string to_string(const Filter& f);

// All parameters; `known_fields` are the record type's top-level fields (record_fields<T>()).
// A filter on an unknown field is refused (invalid_filter_field); a blank selection field is refused
// (invalid_selection_field) while an unknown one selects the whole record, as the standard says; an
// unknown sort field gives the provider's order.
classbook::Result<CollectionQuery> parse_query(const QueryParams& params, std::span<const std::string_view> known_fields);

// The top-level field names of a record type (Org, User, LineItem, …) as the standard spells them.
template <class T>
std::span<const std::string_view> record_fields();
template <> std::span<const std::string_view> record_fields<Org>();
template <> std::span<const std::string_view> record_fields<AcademicSession>();
template <> std::span<const std::string_view> record_fields<Course>();
template <> std::span<const std::string_view> record_fields<Class>();
template <> std::span<const std::string_view> record_fields<User>();
template <> std::span<const std::string_view> record_fields<Enrollment>();
template <> std::span<const std::string_view> record_fields<Demographics>();
template <> std::span<const std::string_view> record_fields<Category>();
template <> std::span<const std::string_view> record_fields<ScoreScale>();
template <> std::span<const std::string_view> record_fields<LineItem>();
template <> std::span<const std::string_view> record_fields<ResultRecord>();

// Does one record satisfy the filter? Dotted fields walk into objects and across arrays (any
// element may match); date-times compare as instants; != is exactly "not =".
bool matches(const boost::json::object& record, const Filter& f);

struct Page {
  std::vector<boost::json::object> items;  // this page, fields selected
  std::size_t total = 0;                   // records after the filter, before paging: X-Total-Count
};

// Filter, sort (stable; the input order is the provider's default), page, select fields.
Page apply_query(std::vector<boost::json::object> records, const CollectionQuery& q);

// The Link header (RFC 8288) for `total` records: next and prev when they exist, first and last
// always; each URL is base_url with the query's parameters and its own offset.
std::string link_header(std::string_view base_url, const CollectionQuery& q, std::size_t total);
// "limit=…&offset=…&sort=…&orderBy=…&filter=…&fields=…", percent-encoded.
std::string query_string(const CollectionQuery& q, std::size_t offset);

// Delta: the filter a client sends for "changed after" (since_text is a DateTime, kept exact) and
// the test a provider applies.
std::string delta_filter(std::string_view since_text);
bool modified_after(const boost::json::object& record, const Instant& since);

}  // namespace classbook::oneroster
