// reader_pool: a mutex-guarded stack of read-only connections.
#include "store/reader_pool.hpp"

#include <sqlite3.h>

#include "store/schema.hpp"

namespace classbook::store {

Result<std::unique_ptr<ReaderPool>> ReaderPool::open(const std::string& path, std::size_t size) {
  auto pool = std::make_unique<ReaderPool>();
  for (std::size_t i = 0; i < size; ++i) {
    auto db = Db::open(path, Db::Mode::read_write);  // query_only; read_write keeps WAL shm usable
    if (!db) return db.error();
    if (auto s = configure_reader(**db); !s) return s.error();
    pool->free_.push_back(std::move(*db));
  }
  return pool;
}

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_lock lock(mutex_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  auto db = std::move(free_.back());
  free_.pop_back();
  lock.unlock();
  // One read transaction per lease: every query of a request sees the same snapshot (the diary's
  // content hash covers a consistent week) and the WAL read lock is taken once, not per query.
  // BEGIN and COMMIT as cached statements: sqlite3_exec compiled them anew for every request.
  (void)db->prepare("BEGIN").run();
  return Lease(*this, std::move(db));
}

ReaderPool::Lease::~Lease() {
  if (!db_) return;
  // A statement left mid-step would pin an old snapshot and block checkpoints.
  sqlite3_stmt* s = nullptr;
  while ((s = sqlite3_next_stmt(db_->raw(), s)) != nullptr) sqlite3_reset(s);
  if (!sqlite3_get_autocommit(db_->raw())) (void)db_->prepare("COMMIT").run();
  std::lock_guard lock(pool_->mutex_);
  pool_->free_.push_back(std::move(db_));
  pool_->cv_.notify_one();
}

}  // namespace classbook::store
