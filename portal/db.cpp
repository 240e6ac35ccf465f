// db: SQLite behind values; every failure names the file and what was being done.
#include "db.hpp"

#include <sqlite3.h>

namespace classbook::portal {

// A second process (an import while the portal runs) waits this long for the write lock.
constexpr int kBusyTimeoutMs = 10000;

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}
Statement& Statement::bind(int index, const std::string& text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}
Statement& Statement::bind_all(const std::vector<SqlValue>& values, int first_index) {
  int i = first_index;
  for (const auto& v : values) {
    if (const auto* n = std::get_if<std::int64_t>(&v)) bind(i++, *n);
    else bind(i++, std::get<std::string>(v));
  }
  return *this;
}
Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return make_error(Errc::unavailable, "portal.store_failed",
                    std::string("the portal's database failed: ") + sqlite3_errmsg(db_));
}
Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) return r.error();
    if (!*r) {
      sqlite3_reset(stmt_);  // ready to be bound and run again
      return ok_status();
    }
  }
}
void Statement::reset() { sqlite3_reset(stmt_); }
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Result<Db> Db::open(const std::string& path) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return make_error(Errc::unavailable, "portal.store_open_failed",
                      "cannot open the portal's database " + path + ": " + message);
  }
  Db db(raw, path);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // synchronous=FULL: a 200 says the portal has the batch durably. A 64 MiB page cache keeps the
  // journal's keys (random uuids) and the date index's inner pages in memory as they grow to millions
  // of rows; a larger WAL between checkpoints writes each hot page back once per many batches.
  if (auto s = db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                       "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;");
      !s)
    return s.error();
  return db;
}
Db::~Db() {
  if (db_) sqlite3_close(db_);
}
Status Db::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return make_error(Errc::unavailable, "portal.store_failed", "the portal's database " + path_ + " failed: " + text);
  }
  return ok_status();
}
Result<Statement> Db::prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    return error("preparing a query");
  return Statement(db_, stmt);
}
std::int64_t Db::changes() const { return sqlite3_changes64(db_); }
Error Db::error(const std::string& doing) const {
  return make_error(Errc::unavailable, "portal.store_failed",
                    "the portal's database " + path_ + " failed while " + doing + ": " + sqlite3_errmsg(db_));
}

Result<Transaction> Transaction::begin(Db& db) {
  if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s.error();
  return Transaction(db);
}
Transaction::~Transaction() {
  if (db_) (void)db_->exec("ROLLBACK");
}
Status Transaction::commit() {
  auto s = db_->exec("COMMIT");
  if (s) db_ = nullptr;
  return s;
}

}  // namespace classbook::portal
