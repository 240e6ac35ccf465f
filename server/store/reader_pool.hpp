// reader_pool: read-only connections handed out one per request, so reads never wait on the writer.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "store/db.hpp"

namespace classbook::store {

// While a lease lives, further acquire() calls on the same thread borrow it — its connection and
// its read transaction — instead of taking another connection: a request's session check and the
// route's reads then see one snapshot and pay for one transaction (app::ReadScope holds one for a
// whole signed-in read). A lease never leaves the thread that took it.
class ReaderPool {
 public:
  static Result<std::unique_ptr<ReaderPool>> open(const std::string& path, std::size_t size);

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Db> db);  // owns the connection and its transaction
    Lease(ReaderPool& pool, Db& borrowed) : pool_(&pool), db_(&borrowed) {}
    Lease(Lease&& other) noexcept
        : pool_(other.pool_), owned_(std::move(other.owned_)), db_(std::exchange(other.db_, nullptr)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Db& operator*() { return *db_; }
    Db* operator->() { return db_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Db> owned_;  // empty when borrowed (or moved from)
    Db* db_;
  };
  Lease acquire();  // waits while every connection is lent

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Db>> free_;
};

}  // namespace classbook::store
