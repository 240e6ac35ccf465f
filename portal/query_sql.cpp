// query_sql: a small hand parser for the filter clauses the box and tests use; SQL built from fixed
// column names only, every value bound.
#include "query_sql.hpp"

#include <array>

#include "classbook/common/clock.hpp"

namespace classbook::portal {
namespace {

Error invalid(const std::string& what) {
  return make_error(Errc::invalid_input, "filter.invalid",
                    "the filter cannot be used: " + what +
                        " (this portal filters on dateLastModified, status and sourcedId with = != > >= < <=)",
                    "filter");
}

struct Field {
  std::string_view name;
  std::string_view column;
  bool is_time;
};
constexpr std::array kFields = {Field{"dateLastModified", "date_ms", true}, Field{"status", "status", false},
                                Field{"sourcedId", "sourced_id", false}};
// Longest first, so ">=" is not read as ">" followed by "=".
constexpr std::array<std::string_view, 6> kOperators = {"!=", ">=", "<=", "=", ">", "<"};

Result<std::string> clause(std::string_view text, std::vector<SqlValue>& values) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const Field* field = nullptr;
  for (const auto& f : kFields)
    if (text.starts_with(f.name)) field = &f;
  if (!field) return invalid("unknown field in '" + std::string(text) + "'");
  text.remove_prefix(field->name.size());
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::string_view op;
  for (auto o : kOperators)
    if (text.starts_with(o)) {
      op = o;
      break;
    }
  if (op.empty()) return invalid("no comparison after " + std::string(field->name));
  text.remove_prefix(op.size());
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.size() < 2 || text.front() != '\'' || text.back() != '\'')
    return invalid("the value of " + std::string(field->name) + " is not in single quotes");
  const std::string value(text.substr(1, text.size() - 2));
  if (field->is_time) {
    TimePoint t;
    if (!parse_utc(value, t)) return invalid("'" + value + "' is not a time like 2026-12-07T22:00:01Z");
    values.emplace_back(static_cast<std::int64_t>(t.time_since_epoch().count()));
  } else {
    values.emplace_back(value);
  }
  return std::string(field->column) + " " + std::string(op == "!=" ? "<>" : op) + " ?";
}

}  // namespace

Result<SqlWhere> parse_filter(std::string_view filter) {
  SqlWhere where;
  if (filter.empty()) return where;
  const bool has_and = filter.find(" AND ") != std::string_view::npos;
  const bool has_or = filter.find(" OR ") != std::string_view::npos;
  if (has_and && has_or) return invalid("AND and OR together");
  const std::string_view joiner = has_or ? " OR " : " AND ";
  std::string sql;
  std::size_t clauses = 0;
  while (true) {
    const auto at = filter.find(joiner);
    auto part = clause(filter.substr(0, at), where.values);
    if (!part) return part.error();
    if (++clauses > kMaxFilterClauses) return invalid("more than " + std::to_string(kMaxFilterClauses) + " clauses");
    sql += (sql.empty() ? "(" : std::string(has_or ? " OR " : " AND ")) + *part;
    if (at == std::string_view::npos) break;
    filter.remove_prefix(at + joiner.size());
  }
  where.sql = sql + ")";
  return where;
}

Result<Page> read_page(Db& db, const RowSet& set, const SqlWhere& where, std::int64_t limit, std::int64_t offset) {
  const std::string from = " FROM " + set.table + " WHERE " + set.key_column + " = ? AND " + where.sql;
  Page page;
  auto count = db.prepare("SELECT count(*)" + from);
  if (!count) return count.error();
  count->bind(1, set.key).bind_all(where.values, 2);
  if (auto r = count->step(); !r) return r.error();
  page.total = count->int64(0);
  auto rows = db.prepare("SELECT object" + from + " ORDER BY date_ms, sourced_id LIMIT ? OFFSET ?");
  if (!rows) return rows.error();
  rows->bind(1, set.key).bind_all(where.values, 2);
  const int next = 2 + static_cast<int>(where.values.size());
  rows->bind(next, limit).bind(next + 1, offset);
  for (;;) {
    auto r = rows->step();
    if (!r) return r.error();
    if (!*r) break;
    page.objects.push_back(rows->text(0));
  }
  return page;
}

Result<std::string> read_one(Db& db, const RowSet& set, const std::string& sourced_id) {
  auto q = db.prepare("SELECT object FROM " + set.table + " WHERE " + set.key_column + " = ? AND sourced_id = ?");
  if (!q) return q.error();
  q->bind(1, set.key).bind(2, sourced_id);
  auto r = q->step();
  if (!r) return r.error();
  if (!*r) return make_error(Errc::not_found, "portal.unknown_object", "no " + set.key + " with sourcedId " + sourced_id);
  return q->text(0);
}

}  // namespace classbook::portal
