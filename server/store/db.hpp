// db: a thin RAII layer over one SQLite connection — prepared statements, typed binds, errors as values.
#pragma once

#include <cstdint>
#include <map>
#include <type_traits>
#include <vector>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "classbook/common/result.hpp"

// SQLite's handles, declared only: sqlite3.h stays inside store's own .cpp files, so code that
// uses the store never sees SQLite (tests/layers/check_layers.py).
struct sqlite3;
struct sqlite3_stmt;

namespace classbook::store {

constexpr int busy_timeout_ms = 5000;  // a reader waiting on a checkpoint, or a second process

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, std::int64_t{v}); }
  Stmt& bind(int i, long long v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i);
  Stmt& bind_blob(int i, std::string_view bytes);  // bytes, not text (a PDF)
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  // The one row reader: true with a row to read, false at the end, or why the read failed
  // (busy, I/O, damaged file) — a failed read must never look like an empty answer.
  [[nodiscard]] Result<bool> next();
  // Runs to completion; the Status says what failed.
  [[nodiscard]] Status run();

  // Every row through read(row) — or the error that stopped the reading.
  template <class F>
  [[nodiscard]] auto all(F&& read) -> Result<std::vector<std::decay_t<std::invoke_result_t<F&, Stmt&>>>> {
    std::vector<std::decay_t<std::invoke_result_t<F&, Stmt&>>> out;
    for (;;) {
      auto row = next();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(read(*this));
    }
  }
  // The first row through read(row), nullopt when there is none, or the error.
  template <class F>
  [[nodiscard]] auto first(F&& read) -> Result<std::optional<std::decay_t<std::invoke_result_t<F&, Stmt&>>>> {
    using T = std::decay_t<std::invoke_result_t<F&, Stmt&>>;
    auto row = next();
    if (!row) return row.error();
    if (!*row) return std::optional<T>{};
    std::optional<T> v{read(*this)};
    if (auto rest = run(); !rest) return rest.error();
    return v;
  }
  // The first row through read(row), or `fallback` when there is none (a count, a version, a name).
  template <class F, class T>
  [[nodiscard]] Result<T> first_or(F&& read, T fallback) {
    auto v = first(std::forward<F>(read));
    if (!v) return v.error();
    return *v ? T(std::move(**v)) : std::move(fallback);
  }
  // Calls each(row) for every row; stops at and returns the first error.
  template <class F>
  [[nodiscard]] Status each(F&& each_row) {
    for (;;) {
      auto row = next();
      if (!row) return row.error();
      if (!*row) return ok_status();
      each_row(*this);
    }
  }

  std::int64_t i64(int col) const;
  int i32(int col) const;
  double f64(int col) const;
  std::string text(int col) const;
  std::string blob(int col) const;
  bool is_null(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<std::int64_t> opt_i64(int col) const;

  const std::optional<Error>& error() const { return error_; }
  sqlite3_stmt* raw() const { return s_; }

 private:
  friend class Db;
  void reset();
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
  std::optional<Error> error_;
};

class Db {
 public:
  enum class Mode { read_write_create, read_write, read_only };
  // How the connection's WAL frames reach the file: as SQLite writes them, or gathered into one
  // write per commit (wal_batch.hpp; only for a connection with synchronous=FULL).
  enum class WalWrites { direct, batched };
  static Result<std::unique_ptr<Db>> open(const std::string& path, Mode mode, WalWrites wal = WalWrites::direct);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // A cached prepared statement, reset and with bindings cleared. Valid until the next prepare
  // of the same SQL text; one statement per text is in use at a time per connection.
  Stmt& prepare(std::string_view sql);
  // Runs one or more statements without results (DDL, pragmas, BEGIN/COMMIT).
  Status exec(std::string_view sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  std::int64_t total_changes() const;  // rows changed since the connection opened
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::map<std::string, Stmt, std::less<>> cache_;
};

Error sqlite_error(sqlite3* db, int rc, std::string_view what);

// Fault injection for tests, as SQLite's own tests do it: from the Nth database operation
// (prepare, row step, exec) in this process on, every operation fails with an I/O error until
// faults are switched off. Production code never arms it; it costs one atomic load per operation.
namespace faults {
void fail_from(long nth);  // 1 = the very next operation fails
void off();
long operations_seen();    // since the last fail_from/off
}  // namespace faults

// A transaction scope for code that does not run on the writer (tools, migrations, tests).
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();  // rolls back unless committed
  Status commit();
  const Status& begun() const { return begun_; }

 private:
  Db& db_;
  Status begun_;
  bool done_ = false;
};

}  // namespace classbook::store
