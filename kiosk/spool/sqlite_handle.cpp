// sqlite_handle: thin on purpose; the spool's SQL is all in sqlite_spool.cpp.
#include "kiosk/spool/sqlite_handle.hpp"

#include <sqlite3.h>

namespace classbook::kiosk {

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::bind(int index, const std::string& text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Result<bool> SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = make_error(Errc::unavailable, "spool.failed", sqlite3_errmsg(db_));
  sqlite3_reset(stmt_);
  return e;
}

Status SqliteStatement::run() {
  for (;;) {
    auto more = step();
    if (!more) return more.error();
    if (!*more) break;
  }
  reset();
  return ok_status();
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t SqliteStatement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string SqliteStatement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

Result<SqliteDb> SqliteDb::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return make_error(Errc::unavailable, "spool.cannot_open", "cannot open the tap spool " + path + ": " + why +
                                             " — check that the data folder exists and is writable by the kiosk");
  }
  sqlite3_extended_result_codes(db, 1);
  return SqliteDb(db, path);
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

Status SqliteDb::exec(const std::string& sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return ok_status();
  Error e = make_error(Errc::unavailable, "spool.failed", "the tap spool " + path_ + ": " + (msg ? msg : "error"));
  sqlite3_free(msg);
  return e;
}

Result<SqliteStatement> SqliteDb::prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
    return error("preparing a statement");
  return SqliteStatement(db_, stmt);
}

Result<std::string> SqliteDb::pragma(const std::string& assignment) {
  auto st = prepare("PRAGMA " + assignment);
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return error("PRAGMA " + assignment);
  return *row ? st->text(0) : std::string();
}

std::int64_t SqliteDb::changes() const { return sqlite3_changes64(db_); }

std::int64_t SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

Error SqliteDb::error(const std::string& doing) const {
  return make_error(Errc::unavailable, "spool.failed", "the tap spool " + path_ + ": " + doing + ": " + sqlite3_errmsg(db_));
}

}  // namespace classbook::kiosk
