// sqlite_handle: the few SQLite calls the spool makes, as RAII types whose failures are values.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "classbook/common/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace classbook::kiosk {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(SqliteStatement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  SqliteStatement& operator=(SqliteStatement&& o) noexcept;
  ~SqliteStatement();

  SqliteStatement& bind(int index, const std::string& text);
  SqliteStatement& bind(int index, std::int64_t value);
  Result<bool> step();  // true: a row is there to read; false: done
  Status run();         // step to the end, then reset
  void reset();
  std::int64_t int64(int column) const;
  std::string text(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  static Result<SqliteDb> open(const std::string& path);
  SqliteDb(SqliteDb&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
  SqliteDb& operator=(SqliteDb&&) = delete;
  ~SqliteDb();

  Status exec(const std::string& sql);
  Result<SqliteStatement> prepare(const std::string& sql);
  Result<std::string> pragma(const std::string& assignment);  // first column of the answer
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;
  Error error(const std::string& doing) const;  // Errc::unavailable naming the file

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace classbook::kiosk
