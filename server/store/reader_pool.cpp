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

namespace {
// The connection of the lease this thread holds, and its pool; none outside a lease.
struct Held {
  const ReaderPool* pool = nullptr;
  Db* db = nullptr;
};
thread_local Held held;
}  // namespace

ReaderPool::Lease::Lease(ReaderPool& pool, std::unique_ptr<Db> db) : pool_(&pool), owned_(std::move(db)), db_(owned_.get()) {
  held = {pool_, db_};
}

ReaderPool::Lease ReaderPool::acquire() {
  if (held.pool == this && held.db) return Lease(*this, *held.db);
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
  if (!owned_) return;  // borrowed: the owner ends the transaction
  if (held.db == owned_.get()) held = {};
  // A statement left mid-step would pin an old snapshot and block checkpoints.
  sqlite3_stmt* s = nullptr;
  while ((s = sqlite3_next_stmt(owned_->raw(), s)) != nullptr)
    if (sqlite3_stmt_busy(s)) sqlite3_reset(s);  // the rest are done or reset already
  if (!sqlite3_get_autocommit(owned_->raw())) (void)owned_->prepare("COMMIT").run();
  std::lock_guard lock(pool_->mutex_);
  pool_->free_.push_back(std::move(owned_));
  pool_->cv_.notify_one();
}

}  // namespace classbook::store
