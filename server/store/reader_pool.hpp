// reader_pool: read-only connections handed out one per request, so reads never wait on the writer.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/db.hpp"

namespace classbook::store {

class ReaderPool {
 public:
  static Result<std::unique_ptr<ReaderPool>> open(const std::string& path, std::size_t size);

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Db> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Db& operator*() { return *db_; }
    Db* operator->() { return db_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Db> db_;
  };
  Lease acquire();  // waits while every connection is lent

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Db>> free_;
};

}  // namespace classbook::store
