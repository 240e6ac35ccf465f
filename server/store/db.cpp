// db: SQLite connection and statement wrappers.
#include "store/db.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

#include "classbook/common/log.hpp"
#include "store/wal_batch.hpp"

namespace classbook::store {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string msg = "database: " + std::string(what) + ": " +
                    (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  Errc code = Errc::unavailable;
  ErrorCode id = "store.failed";
  const int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) code = Errc::conflict, id = "store.constraint";
  if (primary == SQLITE_FULL) msg += " — the disk is full; free space and retry", id = "store.disk_full";
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) msg += " — the database is busy; retry", id = "store.busy";
  return make_error(code, id, std::move(msg));
}

namespace faults {
namespace {
std::atomic<long> fail_at{0};  // 0: off
std::atomic<long> seen{0};
}  // namespace
void fail_from(long nth) {
  seen = 0;
  fail_at = nth;
}
void off() {
  fail_at = 0;
  seen = 0;
}
long operations_seen() { return seen; }
}  // namespace faults

namespace {
// A query (as opposed to a change): its failure is told as a read that failed.
bool is_query(std::string_view sql) { return sql.starts_with("SELECT") || sql.starts_with("WITH"); }

#ifdef CLASSBOOK_FAULT_INJECTION
// Test builds only (CMake CLASSBOOK_FAULT_INJECTION): every query whose SQL contains the text of
// $CLASSBOOK_TEST_FAIL_QUERIES fails as if the database were busy, so that an integration test can
// see a failing read answered over HTTP (tests/integration/test_read_failures.py).
const std::string& failing_query_text() {
  static const std::string text = [] {
    const char* v = std::getenv("CLASSBOOK_TEST_FAIL_QUERIES");
    std::string t = v ? v : "";
    if (!t.empty()) log::warn("store", "test fault injection: queries containing '" + t + "' fail as busy");
    return t;
  }();
  return text;
}
bool busy_by_environment(std::string_view sql) {
  const auto& text = failing_query_text();
  return !text.empty() && is_query(sql) && sql.find(text) != std::string_view::npos;
}
#else
bool busy_by_environment(std::string_view) { return false; }
#endif

// True when the armed fault plan says this operation fails. A ROLLBACK is never failed: it is how
// every failure recovers (SQLite's own fault tests treat such calls as benign the same way).
bool injected_fault(std::string_view sql) {
  const long at = faults::fail_at.load(std::memory_order_relaxed);
  if (at == 0 || sql.starts_with("ROLLBACK")) return false;
  return ++faults::seen >= at;
}

std::string read_failure_reason(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "database busy";
    case SQLITE_IOERR: return "disk I/O error";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return "the database file is damaged; tell the administrator";
    case SQLITE_NOMEM: return "out of memory";
    case SQLITE_CANTOPEN: return "the database file cannot be opened";
    default: return sqlite3_errstr(rc);
  }
}

// A failed read, in words a person can act on; the SQL goes to the log, not to the client.
Error read_error(sqlite3* db, int rc, const char* sql) {
  log::warn("store", std::string("read failed: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + " in: " +
                         std::string(sql ? sql : "").substr(0, 120));
  return make_error(Errc::unavailable, "store.busy",
                    "the journal could not be read (" + read_failure_reason(rc) + "); try again in a moment");
}
}  // namespace

Stmt& Stmt::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(s_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(s_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

Result<bool> Stmt::next() {
  if (error_) return *error_;
  if (injected_fault(s_ ? sqlite3_sql(s_) : "")) {
    error_ = read_error(nullptr, SQLITE_IOERR, s_ ? sqlite3_sql(s_) : "");
    return *error_;
  }
  if (s_ && busy_by_environment(sqlite3_sql(s_))) {
    error_ = read_error(nullptr, SQLITE_BUSY, sqlite3_sql(s_));
    return *error_;
  }
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const bool is_read = sqlite3_stmt_readonly(s_) && sqlite3_column_count(s_) > 0;
  error_ = is_read ? read_error(db_, rc, sqlite3_sql(s_)) : sqlite_error(db_, rc, sqlite3_sql(s_));
  return *error_;
}

Status Stmt::run() {
  for (;;) {
    auto row = next();
    if (!row) return row.error();
    if (!*row) return ok_status();
  }
}

std::int64_t Stmt::i64(int col) const { return sqlite3_column_int64(s_, col); }
int Stmt::i32(int col) const { return sqlite3_column_int(s_, col); }
double Stmt::f64(int col) const { return sqlite3_column_double(s_, col); }
bool Stmt::is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

std::string Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string();
}
std::string Stmt::blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(s_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string();
}
std::optional<std::string> Stmt::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::optional<std::int64_t> Stmt::opt_i64(int col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  error_.reset();
}

namespace {
// SQLite counts every allocation under one global mutex unless told not to; with readers on
// several threads that mutex, not the queries, becomes the limit.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

Result<std::unique_ptr<Db>> Db::open(const std::string& path, Mode mode, WalWrites wal) {
  configure_sqlite_once();
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::read_write_create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::read_only: flags |= SQLITE_OPEN_READONLY; break;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, wal == WalWrites::batched ? wal_batch_vfs() : nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(raw, rc, "cannot open " + path);
    if (mode != Mode::read_write_create)
      e.message += " — check the path, or create the school first with `classbookctl init`";
    sqlite3_close(raw);
    return e;
  }
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  auto db = std::unique_ptr<Db>(new Db(raw, path));
  if (auto s = db->exec("PRAGMA foreign_keys=ON"); !s) return s.error();
  return db;
}

std::int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }
std::int64_t Db::total_changes() const { return sqlite3_total_changes64(db_); }

Db::~Db() {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st.s_);
  cache_.clear();
  sqlite3_close(db_);
}

Stmt& Db::prepare(std::string_view sql) {
  if (injected_fault(sql)) {  // as a failed prepare: the caller sees the error from next()/run()
    static thread_local Stmt failed;
    failed = Stmt(db_, nullptr);
    const std::string text(sql);
    failed.error_ = is_query(sql) ? read_error(nullptr, SQLITE_IOERR, text.c_str())
                                  : sqlite_error(nullptr, SQLITE_IOERR, "prepare (injected fault)");
    return failed;
  }
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    Stmt st(db_, s);
    if (rc != SQLITE_OK)
      st.error_ = is_query(sql) ? read_error(db_, rc, std::string(sql).c_str()) : sqlite_error(db_, rc, "prepare " + std::string(sql));
    if (!s) {  // a failed prepare is not cached: the caller sees the error once from next()/run()
      static thread_local Stmt failed;
      failed = st;
      return failed;
    }
    it = cache_.emplace(std::string(sql), st).first;
  }
  it->second.reset();
  return it->second;
}

Status Db::exec(std::string_view sql) {
  if (injected_fault(sql)) return sqlite_error(nullptr, SQLITE_IOERR, "exec (injected fault)");
  char* err = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(db_, rc, text.substr(0, 60));
    sqlite3_free(err);
    return e;
  }
  return ok_status();
}

Transaction::Transaction(Db& db) : db_(db), begun_(db.exec("BEGIN IMMEDIATE")) {}
Transaction::~Transaction() {
  if (begun_ && !done_) (void)db_.exec("ROLLBACK");
}
Status Transaction::commit() {
  done_ = true;
  if (!begun_) return begun_;
  auto s = db_.exec("COMMIT");
  if (!s) (void)db_.exec("ROLLBACK");
  return s;
}

}  // namespace classbook::store
