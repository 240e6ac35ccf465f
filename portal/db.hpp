// db: the portal's own few SQLite calls as RAII types whose failures are values (not the box's store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "classbook/common/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace classbook::portal {

// A value bound to a `?` of a statement; query_sql builds lists of them beside its SQL text.
using SqlValue = std::variant<std::int64_t, std::string>;

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int index, const std::string& text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);
  Statement& bind_all(const std::vector<SqlValue>& values, int first_index = 1);
  Result<bool> step();  // true: a row is there to read; false: done
  Status run();         // step to the end, then reset
  void reset();
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Db {
 public:
  // Opens (creating) the file in WAL mode with synchronous=FULL: a 200 to a batch means it is on disk.
  static Result<Db> open(const std::string& path);
  Db(Db&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
  Db& operator=(Db&&) = delete;
  ~Db();

  Status exec(const std::string& sql);
  Result<Statement> prepare(const std::string& sql);
  std::int64_t changes() const;
  Error error(const std::string& doing) const;  // Errc::unavailable naming the file

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

// One write transaction (BEGIN IMMEDIATE … COMMIT); rolled back unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Db& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Db& db) : db_(&db) {}
  Db* db_;
};

}  // namespace classbook::portal
