// query_sql: OneRoster's `filter` turned into SQL, and the one paged query over roster and journal rows.
// Only this file knows the grammar; when server/sync/oneroster's parser lands, it replaces parse_filter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"

namespace classbook::portal {

inline constexpr std::int64_t kDefaultPageLimit = 100;    // OneRoster's default
inline constexpr std::int64_t kMaxPageLimit = 10000;      // the box asks 1000; a comparison may ask more
inline constexpr std::size_t kMaxFilterClauses = 8;

struct SqlWhere {
  std::string sql = "1";             // a condition over the columns status, date_ms, sourced_id
  std::vector<SqlValue> values;      // bound to its `?` in order
};

// `dateLastModified>'2026-12-07T22:00:01Z'`, `status='active'`, `sourcedId='…'` with = != > >= < <=,
// joined by one kind of logical operator (` AND ` or ` OR `). Anything else is refused as
// "filter.invalid" naming the part at fault (OneRoster: invalid_filter_field).
Result<SqlWhere> parse_filter(std::string_view filter);

// Which rows: `table` is "roster" (key column collection) or "journal" (kind).
struct RowSet {
  std::string table;
  std::string key_column;
  std::string key;
};

struct Page {
  std::vector<std::string> objects;  // the stored JSON texts, in order
  std::int64_t total = 0;            // rows matching the filter, for X-Total-Count
};

// Rows in (dateLastModified, sourcedId) order: a delta read sees changes in the order they happened.
Result<Page> read_page(Db& db, const RowSet& set, const SqlWhere& where, std::int64_t limit, std::int64_t offset);
Result<std::string> read_one(Db& db, const RowSet& set, const std::string& sourced_id);  // not_found when absent

}  // namespace classbook::portal
